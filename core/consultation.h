// A public consultation and the fields a request may set on it.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace samrad {

struct Section {
  int64_t id = 0;
  std::string heading;
  std::string body;
};

// What a consultation shows of a decision linked to it ("you said, we did").
struct LinkedDecision {
  int64_t id = 0;
  std::string title;
  std::string outcome;
  std::string reference;
  std::vector<int64_t> answers_comment_ids;
};

struct Consultation {
  int64_t id = 0;
  std::string title;
  std::string summary;
  std::string body;
  std::string language = "sv";
  std::optional<std::string> area;
  std::vector<std::string> tags;
  std::string opens_at;
  std::string closes_at;
  std::vector<Section> sections;
  int64_t created_by = 0;
  std::string created_at;
  std::string updated_at;
  std::optional<std::string> published_at;
  std::optional<std::string> decided_at;
  int version = 1;
  std::string state;  // draft, upcoming, open, closed, decided: derived from dates
  int64_t comment_count = 0;
  std::vector<LinkedDecision> decisions;
};

// The lifecycle state at time now (epoch seconds).
std::string ConsultationState(const Consultation& c, int64_t now);

// The public JSON form (body rendered to safe HTML as body_html).
nlohmann::json ToJson(const Consultation& c);
// The content fields only: what a version snapshot and the log record.
nlohmann::json ContentJson(const Consultation& c);

}  // namespace samrad
