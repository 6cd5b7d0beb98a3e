// The decision source: each decision's current version is one search
// document (title, body, deciding body, reference number for `ref:`).
#pragma once

#include <memory>

#include "core/consultation_service.h"
#include "core/decision_service.h"
#include "search/source_registry.h"

namespace samrad::search {

IndexDocument DecisionDocument(const DecisionVersion& v);

// Registers for "decision." events. Besides the decision itself it re-puts
// the consultations it links, whose state has become "decided".
void RegisterDecisionSource(SourceRegistry& r, std::shared_ptr<DecisionService> decisions,
                            std::shared_ptr<ConsultationService> consultations);

}  // namespace samrad::search
