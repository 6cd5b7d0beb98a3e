// Decision source.
#include "search/decision_source.h"

#include "core/clock.h"
#include "search/consultation_source.h"

namespace samrad::search {

IndexDocument DecisionDocument(const DecisionVersion& v) {
  IndexDocument d;
  d.type = "decision";
  d.id = v.decision_id;
  d.language = "sv";
  d.title = v.title;
  d.reference = v.reference;
  d.texts = {v.body, v.body_name, v.reference};
  d.url = "/decisions/" + std::to_string(v.decision_id);
  d.date = ParseTime(v.decided_at).value_or(0);
  d.state = v.outcome;
  return d;
}

void RegisterDecisionSource(SourceRegistry& r, std::shared_ptr<DecisionService> decisions,
                            std::shared_ptr<ConsultationService> consultations) {
  r.Register("decision.", [decisions, consultations](const Event& e) -> Result<std::vector<IndexAction>> {
    auto subject_id = SubjectId(e.subject);
    if (!subject_id) return std::vector<IndexAction>{};  // not an item's subject: nothing to index
    int64_t id = *subject_id;
    auto d = decisions->Get(id);
    if (!d.ok()) {
      if (d.status().code() == Code::kNotFound) {
        return std::vector<IndexAction>{IndexAction::Remove("decision/" + std::to_string(id))};
      }
      return d.status();
    }
    std::vector<IndexAction> actions = {IndexAction::Put(DecisionDocument(d->current))};
    for (int64_t k : d->current.consultation_ids) {
      auto c = consultations->Get(std::nullopt, k);
      if (c.ok()) actions.push_back(IndexAction::Put(ConsultationDocument(c.value())));
    }
    return actions;
  });
  r.RegisterBulk("decision.", [decisions](int64_t after_id, int limit) {
    return DocumentsOf(decisions->ListCurrentForIndex(after_id, limit), DecisionDocument);
  });
}

}  // namespace samrad::search
