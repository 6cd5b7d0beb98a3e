// Consultation source.
#include "search/consultation_source.h"

#include "core/clock.h"

namespace samrad::search {

IndexDocument ConsultationDocument(const Consultation& c) {
  IndexDocument d;
  d.type = "consultation";
  d.id = c.id;
  d.language = c.language == "en" ? "en" : "sv";
  d.title = c.title;
  d.texts.push_back(c.summary);
  d.texts.push_back(c.body);
  for (const auto& s : c.sections) {
    d.texts.push_back(s.heading);
    d.texts.push_back(s.body);
  }
  for (const auto& t : c.tags) d.texts.push_back(t);
  d.area = c.area;
  d.url = "/consultations/" + std::to_string(c.id);
  d.date = ParseTime(c.published_at.value_or(c.created_at)).value_or(0);
  if (c.decided_at && c.state == "decided") {
    d.state = "decided";
  } else {
    d.opens_at = ParseTime(c.opens_at);
    d.closes_at = ParseTime(c.closes_at);
    // A decision that lets it run to its closing date: decided from then on,
    // with no event to re-index it at that moment.
    if (c.decided_at) d.decided_at = ParseTime(*c.decided_at);
  }
  return d;
}

void RegisterConsultationSource(SourceRegistry& r, std::shared_ptr<ConsultationService> service) {
  r.Register("consultation.", [service](const Event& e) -> Result<std::vector<IndexAction>> {
    auto subject_id = SubjectId(e.subject);
    if (!subject_id) return std::vector<IndexAction>{};  // not an item's subject: nothing to index
    int64_t id = *subject_id;
    auto c = service->Get(std::nullopt, id);
    if (c.ok()) return std::vector<IndexAction>{IndexAction::Put(ConsultationDocument(c.value()))};
    if (c.status().code() == Code::kNotFound) {
      return std::vector<IndexAction>{IndexAction::Remove("consultation/" + std::to_string(id))};
    }
    return c.status();
  });
  r.RegisterBulk("consultation.", [service](int64_t after_id, int limit) {
    return DocumentsOf(service->ListPublishedForIndex(after_id, limit), ConsultationDocument);
  });
}

}  // namespace samrad::search
