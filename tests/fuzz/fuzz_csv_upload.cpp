// libFuzzer target: CSV upload parsing (encoding check, records, type
// inference) must answer any bytes with a result or an error naming a line.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "opendata/dataset_publisher.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view csv(reinterpret_cast<const char*>(data), size);
  int64_t rows = 0;
  auto fields = samrad::opendata::DatasetPublisher::Inspect(csv, &rows);
  if (!fields.ok() && fields.status().message().empty()) __builtin_trap();
  if (fields.ok() && fields->empty()) __builtin_trap();  // a header names at least one column
  return 0;
}
