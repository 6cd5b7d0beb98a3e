// How many rows a dataset has and how large its standard CSV download is,
// counted by streaming the rows once and remembered until the event log
// moves on.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>

#include "core/status.h"
#include "opendata/registry.h"

namespace samrad::opendata {

struct DatasetSize {
  int64_t rows = 0;
  int64_t csv_bytes = 0;  // of NAME.csv, header row included
};

class DatasetSizes {
 public:
  // The size of spec at log position head_seq, counted once per position.
  // Errors: those of spec.rows (kInternal). Thread-safe; a count runs
  // outside the lock, so two readers may count the same position twice.
  Result<DatasetSize> Of(const DatasetSpec& spec, int64_t head_seq);

 private:
  struct Entry {
    int64_t seq = -1;
    DatasetSize size;
  };
  std::mutex mu_;
  std::map<std::string, Entry> cache_;
};

// "1,2 MB" / "1.2 MB", "830 kB", "512 byte(s)": a byte count for people in
// the language ("sv" or "en"), powers of 1000. Pure.
std::string HumanBytes(int64_t bytes, const std::string& lang);

}  // namespace samrad::opendata
