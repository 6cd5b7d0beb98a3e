// The dataset source: datasets published by officials become search
// documents (title, description, keywords and column names).
#pragma once

#include <memory>

#include "core/dataset_service.h"
#include "search/source_registry.h"

namespace samrad::search {

IndexDocument DatasetDocument(const DatasetInfo& d);

// Registers for "dataset." events (subject "dataset/NAME"): reads the
// dataset through DatasetService; one that no longer exists is removed.
void RegisterDatasetSource(SourceRegistry& r, std::shared_ptr<DatasetService> datasets);

}  // namespace samrad::search
