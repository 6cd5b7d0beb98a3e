// View models of a questionnaire for the pages: the resident's form (with
// the answer given or re-shown after errors) and the results with their
// SVG charts and the same numbers as tables. Pure over their inputs.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/questionnaire.h"
#include "core/questionnaire_results.h"
#include "server/web/form.h"
#include "server/web/page.h"

namespace samrad::server {

// The form field name of a question ("q12"); a ranking's selects add "_r<k>".
std::string QuestionField(int64_t question_id);

// Reads the posted form into {answers: [...]}, one item per question in
// order (blank values for unanswered ones). Problems only the form can
// have (a ranking with a place used twice, a scale value that is not a
// number) go into errors under the question's field name.
nlohmann::json AnswersFromForm(const WebContext& ctx, const std::vector<Question>& questions, const WebForm& form,
                               FormErrors& errors);

// Field errors of the service (/answers/<i>/...) under the field names of
// the questions (answers are sent in question order), in the page's words.
void AddAnswerErrors(const WebContext& ctx, const Status& s, const std::vector<Question>& questions,
                     FormErrors& errors);

// The questions as form fieldsets: values from the re-shown body when
// given, else from the stored answer.
nlohmann::json QuestionnaireFormView(const WebContext& ctx, const std::vector<Question>& questions,
                                     const nlohmann::json& values, const FormErrors& errors);

// {answers: [...]} of a stored answer, in the form AnswersFromForm gives.
nlohmann::json AnswerValues(const Answer& a);

// The results: per question its heading, respondents, a chart (SVG markup)
// and a table of the same numbers; texts holds the views of the visible
// free-text answers shown under each text question (AnswerTextView).
nlohmann::json QuestionnaireResultsView(const WebContext& ctx, const std::vector<QuestionResult>& results,
                                        const std::map<int64_t, std::vector<nlohmann::json>>& texts);

}  // namespace samrad::server
