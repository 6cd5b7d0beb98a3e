// Decision JSON forms, diffs and vote checks.
#include "core/decision.h"

#include <map>

#include "core/markdown.h"
#include "core/tlog_links.h"

namespace samrad {

using nlohmann::json;

json DecisionContent(const DecisionVersion& v) {
  return {{"title", v.title},
          {"body", v.body},
          {"body_name", v.body_name},
          {"reference", v.reference},
          {"decided_at", v.decided_at},
          {"outcome", v.outcome},
          {"votes", v.votes},
          {"consultation_ids", v.consultation_ids},
          {"answers_comment_ids", v.answers_comment_ids}};
}

json ToJson(const DecisionVersion& v) {
  json j = DecisionContent(v);
  j["id"] = v.decision_id;
  j["url"] = "/decisions/" + std::to_string(v.decision_id);
  j["version"] = v.version;
  j["body_html"] = RenderMarkdown(v.body);
  j["reason"] = v.reason ? json(*v.reason) : json(nullptr);
  j["changes"] = v.changes;
  j["published_at"] = v.published_at;
  j["entry_hash"] = v.entry_hash;
  // The entry and its proofs in the transparency log.
  tlog::AddLogLinks(j, v.log_seq);
  return j;
}

json DiffDecision(const DecisionVersion& before, const DecisionVersion& after) {
  json a = DecisionContent(before), b = DecisionContent(after), out = json::object();
  for (const auto& [k, v] : b.items()) {
    if (a[k] != v) out[k] = {{"from", a[k]}, {"to", v}};
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> CheckVotes(const json& votes,
                                                            const std::string& at) {
  std::vector<std::pair<std::string, std::string>> errors;
  if (votes.is_null() || !votes.contains("roll_call")) return errors;
  std::map<std::string, int64_t> counted;
  for (const auto& member : votes["roll_call"]) ++counted[member["vote"].get<std::string>()];
  for (const char* k : {"for", "against", "abstain", "absent"}) {
    int64_t stated = votes[k].get<int64_t>();
    if (counted[k] != stated) {
      errors.emplace_back(at + "/" + k, "the roll call has " + std::to_string(counted[k]) + " '" +
                                            k + "' votes but the count says " +
                                            std::to_string(stated));
    }
  }
  return errors;
}

}  // namespace samrad
