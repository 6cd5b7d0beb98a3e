// A dataset published by an official: its metadata and its column schema.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace samrad {

// One column: Frictionless type (integer, number, date, boolean, string).
struct DatasetField {
  std::string name;
  std::string type;
  std::string description;
};

struct DatasetInfo {
  int64_t id = 0;
  std::string name;  // URL name, e.g. "parkeringsplatser"
  std::string title;
  std::string description;
  std::vector<std::string> keywords;
  std::string theme;    // EU data theme code, e.g. TRAN
  std::string license;  // e.g. CC0-1.0
  std::string language = "sv";
  std::vector<DatasetField> fields;
  int64_t row_count = 0;
  int64_t bytes = 0;
  std::string sha256;  // of the uploaded bytes
  std::string published_at;
  int64_t log_seq = 0;
};

// The public form: metadata, fields and counts (the log payload too).
nlohmann::json ToJson(const DatasetInfo& d);

}  // namespace samrad
