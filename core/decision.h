// A decision and its versions. A decision is never changed in place: each
// amendment is a new version that records what changed and why.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace samrad {

struct DecisionVersion {
  int64_t decision_id = 0;
  int version = 1;
  std::string title;
  std::string body;
  std::string body_name;
  std::string reference;
  std::string decided_at;
  std::string outcome;
  nlohmann::json votes;  // null or {for, against, abstain, absent, roll_call?}
  std::vector<int64_t> consultation_ids;
  std::vector<int64_t> answers_comment_ids;
  std::optional<std::string> reason;
  nlohmann::json changes;  // null for version 1, else {field: {from, to}}
  std::string published_at;
  int64_t log_seq = 0;
  std::string entry_hash;
};

// The fields a version is made of, as JSON (what the log and diffs use).
nlohmann::json DecisionContent(const DecisionVersion& v);
// Public JSON of one version (body rendered to safe HTML as body_html).
nlohmann::json ToJson(const DecisionVersion& v);
// {field: {from, to}} for every content field that differs.
nlohmann::json DiffDecision(const DecisionVersion& before, const DecisionVersion& after);
// Checks a votes object: the roll call must agree with the counts. Returns
// the failing fields (JSON pointers under /votes), empty when valid.
std::vector<std::pair<std::string, std::string>> CheckVotes(const nlohmann::json& votes,
                                                            const std::string& at);

}  // namespace samrad
