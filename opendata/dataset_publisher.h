// Takes a CSV uploaded by an official from bytes to a published dataset:
// metadata checked, size limited, UTF-8 and structure checked (errors name
// the line), column types inferred, then stored whole or not at all.
#pragma once

#include <string_view>

#include "core/dataset_service.h"
#include "opendata/open_data.h"
#include "opendata/registry.h"

namespace samrad::opendata {

class DatasetPublisher {
 public:
  // Every page, list and datapackage.json repeats the columns, and each
  // cell is sent whole by datastore_search: bounds that keep them small.
  static constexpr size_t kMaxColumns = 500;
  static constexpr size_t kMaxColumnName = 100;   // bytes
  static constexpr size_t kMaxCellBytes = 32768;  // 32 KiB
  DatasetPublisher(DatasetService& service, const Registry& registry, OpenDataOptions options)
      : service_(service), registry_(registry), options_(std::move(options)) {}

  // Errors: kUnauthenticated/kPermissionDenied (not an official),
  // kTooLarge (over max_upload_bytes), kInvalidArgument (bad metadata or
  // control characters in it, not UTF-8, binary, ragged or unparseable CSV,
  // over kMaxColumns, kMaxColumnName or kMaxCellBytes: the message names the
  // line and the limit), nothing stored then;
  // kConflict (the name is taken). Thread-safe.
  Result<DatasetInfo> Publish(const Actor& actor, const UploadMeta& meta, std::string_view csv);

  // The metadata checks alone. Pure.
  Status CheckMeta(const UploadMeta& meta) const;
  // Parses the whole CSV once: the header and types, or the first error. Pure.
  static Result<std::vector<DatasetField>> Inspect(std::string_view csv, int64_t* rows);

 private:
  DatasetService& service_;
  const Registry& registry_;
  OpenDataOptions options_;
};

}  // namespace samrad::opendata
