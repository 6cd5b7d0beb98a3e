// Dataset sizes: the CSV is rendered into a counting sink, never kept.
#include "opendata/dataset_sizes.h"

#include <cstdio>

#include "opendata/row_writer.h"

namespace samrad::opendata {

Result<DatasetSize> DatasetSizes::Of(const DatasetSpec& spec, int64_t head_seq) {
  {
    std::lock_guard lock(mu_);
    auto it = cache_.find(spec.name);
    if (it != cache_.end() && it->second.seq == head_seq) return it->second.size;
  }
  DatasetSize size;
  RowWriter w(Format::kCsv, spec.fields, [&](std::string_view chunk) {
    size.csv_bytes += static_cast<int64_t>(chunk.size());
    return true;
  });
  w.Begin();
  Status s = spec.rows(ExportQuery{}, [&](const Row& row) {
    ++size.rows;
    return w.Write(row);
  });
  if (!s.ok()) return s;
  w.End();
  std::lock_guard lock(mu_);
  cache_[spec.name] = Entry{head_seq, size};
  return size;
}

std::string HumanBytes(int64_t bytes, const std::string& lang) {
  if (bytes < 1000) return std::to_string(bytes) + (lang == "sv" ? " byte" : bytes == 1 ? " byte" : " bytes");
  const char* units[] = {"kB", "MB", "GB", "TB"};
  double v = static_cast<double>(bytes);
  int u = -1;
  while (v >= 1000 && u < 3) {
    v /= 1000;
    ++u;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, v < 10 ? "%.1f %s" : "%.0f %s", v, units[u]);
  std::string out = buf;
  if (lang == "sv") {
    for (auto& c : out) c = c == '.' ? ',' : c;
  }
  return out;
}

}  // namespace samrad::opendata
