// The questionnaire source: the free-text answers the public may read (the
// consultation's results are visible to all, the text is not hidden, the
// answer not withdrawn) become search documents, one per answer. Respondents
// are never indexed.
#pragma once

#include <memory>

#include "core/consultation_service.h"
#include "core/questionnaire_service.h"
#include "search/source_registry.h"

namespace samrad::search {

// The document for an answer's visible free texts in consultation c; it
// links to the consultation's questionnaire page.
IndexDocument AnswerDocument(const IndexedAnswer& a, const Consultation& c);

// Registers for "questionnaire." events, whose subject is the consultation:
// re-puts every answer of that consultation with visible text and removes
// the others (hidden, withdrawn, results not public), so hiding a text or
// withdrawing an answer takes it out of the index.
void RegisterQuestionnaireSource(SourceRegistry& r, std::shared_ptr<QuestionnaireService> questionnaires,
                                 std::shared_ptr<ConsultationService> consultations);

}  // namespace samrad::search
