// The desk's consultation and decision forms as plain state: read from a
// post or from the stored record, changed by the form's own buttons
// (add, remove and move sections; add roll-call rows) without JavaScript,
// turned into the request JSON the services take, and drawn as field views.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/consultation.h"
#include "core/decision.h"
#include "server/web/form.h"

namespace samrad::server {

// The text without leading and trailing blanks and line breaks.
std::string TrimSpace(const std::string& s);

// --- Consultations (desk_forms.cpp) ---------------------------------------
// State: {title, summary, body, language, area, tags, opens_at, closes_at
// (date input values), sections: [{id, heading, body}], publish, reason}.
nlohmann::json ConsultationState(const WebForm& form);
nlohmann::json ConsultationState(const Consultation& k);
// An empty new consultation: opening today, closing in 30 days.
nlohmann::json NewConsultationState(const std::string& lang, int64_t now);
// Applies an op of the form's buttons ("add-section", "remove-section-N",
// "move-up-N", "move-down-N"); false for any other op (such as "save").
// focus is set to the id of the field or button the eye should go to.
bool ApplySectionOp(nlohmann::json& state, const std::string& op, std::string& focus);
// The consultation_create / consultation_patch body. Dates from <input
// type="date"> mean Swedish days: opening at the start, closing at the end.
// Unparseable values stay as text so the schema names the field.
nlohmann::json ConsultationBody(const nlohmann::json& state, bool with_ids);
// Field names in form order, for error summaries.
std::vector<std::string> ConsultationFieldNames(const nlohmann::json& state);
// The form's field views. published: a reason is asked for instead of
// "publish now".
nlohmann::json ConsultationFormView(WebContext& ctx, const nlohmann::json& state, const FormErrors& errors,
                                    bool published);

// --- Decisions (desk_decision_form.cpp) ------------------------------------
// State: {title, body, body_name, reference, decided_at, outcome,
// consultation_ids: [text], answers_comment_ids: [text], votes: {for, against,
// abstain, absent} (text), roll_call: [{name, party, vote}], reason,
// open_consultations: {consultation id: "now" | "as_planned"}}.
nlohmann::json DecisionState(const WebForm& form);
nlohmann::json DecisionState(const DecisionVersion& v);
nlohmann::json NewDecisionState(int64_t now);
// "add-row" adds an empty roll-call row, "remove-row-N" takes one away.
bool ApplyRollCallOp(nlohmann::json& state, const std::string& op, std::string& focus);
// The decision_create body (or an amendment's complete changes, plus its
// open_consultations). Counts and roll-call rows that cannot be read, and a
// roll call that disagrees with the counts (naming both numbers), are added
// to errors.
nlohmann::json DecisionBody(const WebContext& ctx, const nlohmann::json& state, FormErrors& errors);
std::vector<std::string> DecisionFieldNames(const nlohmann::json& state);

}  // namespace samrad::server
