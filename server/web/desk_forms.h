// The desk's two forms (open a consultation, publish a decision): their
// field views, and the request JSON the services take, built from a post.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/consultation.h"
#include "server/web/form.h"

namespace samrad::server {

extern const std::vector<std::string> kConsultationFormFields;
extern const std::vector<std::string> kDecisionFormFields;

// The consultation_create body from the form. Dates from <input
// type="date"> mean Swedish days: opening at the start, closing at the end.
// Unparseable values stay as text so the schema names the field.
nlohmann::json ConsultationFromForm(const WebForm& form);
// The decision_create body; vote counts and the roll call ("name; party;
// vote" a line) that cannot be read are added to errors.
nlohmann::json DecisionFromForm(const WebContext& ctx, const WebForm& form, FormErrors& errors);

// Field views for the forms, filled from a post when re-shown with errors
// (form may be null for an empty form).
nlohmann::json ConsultationFormView(WebContext& ctx, const WebForm* form, const FormErrors& errors,
                                    int64_t now);
nlohmann::json DecisionFormView(WebContext& ctx, const WebForm* form, const FormErrors& errors,
                                const std::vector<Consultation>& linkable, int64_t now);

}  // namespace samrad::server
