// Renders rows as CSV (RFC 4180, header row, CRLF), "CSV för Excel" (BOM,
// semicolons, formula-safe cells), one JSON array of objects, or NDJSON,
// handing the text on in chunks of about 64 KiB.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/export_queries.h"
#include "opendata/registry.h"

namespace samrad::opendata {

enum class Format { kCsv, kJson, kNdjson, kExcelCsv };

// "csv", "json", "ndjson", "excel.csv" -> Format; nullopt otherwise.
std::optional<Format> ParseFormat(std::string_view ext);
std::string MediaType(Format f);
std::string Extension(Format f);

// Receives each chunk; returns false when the reader has gone away.
using ChunkSink = std::function<bool(std::string_view)>;

// Appends s as a JSON string literal. Pure.
void AppendJsonString(std::string& out, std::string_view s);

// Not thread-safe: one per download.
class RowWriter {
 public:
  RowWriter(Format format, const std::vector<FieldSpec>& fields, ChunkSink sink,
            size_t chunk_bytes = 64 * 1024);
  // Each returns false once the sink refused a chunk.
  bool Begin();
  bool Write(const Row& row);
  bool End();

 private:
  bool Flush(bool force);
  void AppendJsonRow(const Row& row);
  Format format_;
  std::vector<std::string> keys_;  // field names as JSON string literals
  ChunkSink sink_;
  size_t chunk_bytes_;
  std::string buf_;
  bool first_ = true;
  bool ok_ = true;
};

}  // namespace samrad::opendata
