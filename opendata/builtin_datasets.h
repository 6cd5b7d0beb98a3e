// The datasets Samråd always publishes, and the provider that adds the
// datasets officials have published.
#pragma once

#include <memory>

#include "core/dataset_service.h"
#include "core/export_queries.h"
#include "opendata/registry.h"

namespace samrad::opendata {

DatasetSpec ConsultationsDataset(std::shared_ptr<ExportQueries> q);
DatasetSpec EventsDataset(std::shared_ptr<ExportQueries> q);
// The spec of one published upload: its cells typed by its inferred fields.
DatasetSpec UploadedDataset(const DatasetInfo& info, std::shared_ptr<ExportQueries> q);

// Registers every built-in dataset and the provider of published uploads.
void RegisterBuiltinDatasets(Registry& r, std::shared_ptr<ExportQueries> q,
                             std::shared_ptr<DatasetService> datasets);

}  // namespace samrad::opendata
