// Questionnaire source.
#include "search/questionnaire_source.h"

#include <optional>
#include <unordered_map>
#include <utility>

#include "core/clock.h"

namespace samrad::search {

IndexDocument AnswerDocument(const IndexedAnswer& a, const Consultation& c) {
  IndexDocument d;
  d.type = "answer";
  d.id = a.answer_id;
  d.language = c.language == "en" ? "en" : "sv";
  d.title = (d.language == "en" ? "Questionnaire answer: " : "Enkätsvar till: ") + c.title;
  d.title_indexed = false;
  d.texts = a.texts;
  d.area = c.area;
  d.url = "/consultations/" + std::to_string(c.id) + "/questionnaire";
  d.date = ParseTime(a.answered_at).value_or(0);
  return d;
}

namespace {

// The consultation when anyone may read its questionnaire's answers now;
// nullopt when the public may not (draft, results shown only after closing).
Result<std::optional<Consultation>> PublicParent(QuestionnaireService& questionnaires,
                                                 ConsultationService& consultations, int64_t id) {
  auto q = questionnaires.Get(std::nullopt, id);
  if (!q.ok()) {
    if (q.status().code() == Code::kNotFound) return std::optional<Consultation>();
    return q.status();
  }
  if (!questionnaires.ResultsVisible(std::nullopt, q.value())) return std::optional<Consultation>();
  auto c = consultations.Get(std::nullopt, id);
  if (!c.ok()) {
    if (c.status().code() == Code::kNotFound) return std::optional<Consultation>();
    return c.status();
  }
  return std::optional<Consultation>(std::move(c.value()));
}

}  // namespace

void RegisterQuestionnaireSource(SourceRegistry& r, std::shared_ptr<QuestionnaireService> questionnaires,
                                 std::shared_ptr<ConsultationService> consultations) {
  r.Register("questionnaire.", [questionnaires, consultations](const Event& e) -> Result<std::vector<IndexAction>> {
    auto id = SubjectId(e.subject);
    if (!id) return std::vector<IndexAction>{};
    auto answers = questionnaires->AnswersForIndex(*id);
    if (!answers.ok()) return answers.status();
    auto parent = PublicParent(*questionnaires, *consultations, *id);
    if (!parent.ok()) return parent.status();
    std::vector<IndexAction> out;
    for (const auto& a : answers.value()) {
      if (a.texts.empty() || !parent.value()) {
        out.push_back(IndexAction::Remove("answer/" + std::to_string(a.answer_id)));
      } else {
        out.push_back(IndexAction::Put(AnswerDocument(a, *parent.value())));
      }
    }
    return out;
  });
  r.RegisterBulkPerRebuild("questionnaire.", [questionnaires, consultations]() -> BulkSource {
    auto parents = std::make_shared<std::unordered_map<int64_t, std::optional<Consultation>>>();
    return [questionnaires, consultations, parents](int64_t after_id, int limit) -> Result<std::vector<IndexDocument>> {
      std::vector<IndexDocument> docs;
      // An empty answer means the end: pages whose answers are all private are passed over.
      while (docs.empty()) {
        auto page = questionnaires->TextsForIndex(after_id, limit);
        if (!page.ok()) return page.status();
        if (page->empty()) break;
        after_id = page->back().answer_id;
        for (const auto& a : page.value()) {
          auto it = parents->find(a.consultation_id);
          if (it == parents->end()) {
            auto parent = PublicParent(*questionnaires, *consultations, a.consultation_id);
            if (!parent.ok()) return parent.status();
            it = parents->emplace(a.consultation_id, std::move(parent.value())).first;
          }
          if (it->second) docs.push_back(AnswerDocument(a, *it->second));
        }
      }
      return docs;
    };
  });
}

}  // namespace samrad::search
