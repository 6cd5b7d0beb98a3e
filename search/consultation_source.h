// The consultation source: published consultations become search documents
// (title, summary, body, sections); drafts never do.
#pragma once

#include <memory>

#include "core/consultation_service.h"
#include "search/source_registry.h"

namespace samrad::search {

// The document for a consultation as the public sees it.
IndexDocument ConsultationDocument(const Consultation& c);

// Registers for "consultation." events: reads the subject through
// ConsultationService::Get as an anonymous reader, so a draft (not found for
// the public) is removed rather than indexed.
void RegisterConsultationSource(SourceRegistry& r, std::shared_ptr<ConsultationService> service);

}  // namespace samrad::search
