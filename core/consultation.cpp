// Consultation state and JSON forms.
#include "core/consultation.h"

#include "core/clock.h"
#include "core/markdown.h"

namespace samrad {

using nlohmann::json;

std::string ConsultationState(const Consultation& c, int64_t now) {
  if (!c.published_at) return "draft";
  // A decision may let a consultation run to its closing date: decided from then on.
  if (c.decided_at && now >= ParseTime(*c.decided_at).value_or(0)) return "decided";
  if (now < ParseTime(c.opens_at).value_or(0)) return "upcoming";
  if (now < ParseTime(c.closes_at).value_or(0)) return "open";
  return "closed";
}

json ContentJson(const Consultation& c) {
  json sections = json::array();
  for (const auto& s : c.sections) {
    sections.push_back({{"id", s.id}, {"heading", s.heading}, {"body", s.body}});
  }
  return {{"title", c.title},       {"summary", c.summary},     {"body", c.body},
          {"language", c.language}, {"area", c.area ? json(*c.area) : json(nullptr)},
          {"tags", c.tags},         {"opens_at", c.opens_at}, {"closes_at", c.closes_at},
          {"sections", sections}};
}

json ToJson(const Consultation& c) {
  json j = ContentJson(c);
  j["id"] = c.id;
  j["url"] = "/consultations/" + std::to_string(c.id);
  j["body_html"] = RenderMarkdown(c.body);
  for (auto& s : j["sections"]) s["body_html"] = RenderMarkdown(s["body"].get<std::string>());
  j["state"] = c.state;
  j["version"] = c.version;
  j["created_at"] = c.created_at;
  j["updated_at"] = c.updated_at;
  j["published_at"] = c.published_at ? json(*c.published_at) : json(nullptr);
  j["decided_at"] = c.decided_at ? json(*c.decided_at) : json(nullptr);
  j["comment_count"] = c.comment_count;
  j["decision_ids"] = json::array();
  j["decisions"] = json::array();
  for (const auto& d : c.decisions) {
    j["decision_ids"].push_back(d.id);
    j["decisions"].push_back({{"id", d.id},
                              {"title", d.title},
                              {"outcome", d.outcome},
                              {"reference", d.reference},
                              {"url", "/decisions/" + std::to_string(d.id)},
                              {"answers_comment_ids", d.answers_comment_ids}});
  }
  return j;
}

}  // namespace samrad
