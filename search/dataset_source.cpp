// Dataset source.
#include "search/dataset_source.h"

#include "core/clock.h"

namespace samrad::search {

IndexDocument DatasetDocument(const DatasetInfo& info) {
  IndexDocument d;
  d.type = "dataset";
  d.id = info.id;
  d.language = info.language == "en" ? "en" : "sv";
  d.title = info.title;
  d.texts.push_back(info.description);
  for (const auto& k : info.keywords) d.texts.push_back(k);
  std::string columns;
  for (const auto& f : info.fields) columns += (columns.empty() ? "" : ", ") + f.name;
  d.texts.push_back(columns);
  d.url = "/api/v1/datasets/" + info.name;
  d.date = ParseTime(info.published_at).value_or(0);
  return d;
}

void RegisterDatasetSource(SourceRegistry& r, std::shared_ptr<DatasetService> datasets) {
  r.Register("dataset.", [datasets](const Event& e) -> Result<std::vector<IndexAction>> {
    std::string name = e.subject.substr(e.subject.find('/') + 1);
    auto info = datasets->Get(name);
    if (info.ok()) return std::vector<IndexAction>{IndexAction::Put(DatasetDocument(info.value()))};
    if (info.status().code() != Code::kNotFound) return info.status();
    // Gone: its id is unknown now, and the index keys on it; nothing to do
    // beyond what a rebuild does (datasets are never deleted today).
    return std::vector<IndexAction>{};
  });
  r.RegisterBulk("dataset.", [datasets](int64_t after_id, int limit) -> Result<std::vector<IndexDocument>> {
    // Datasets are few: the whole list, paged here.
    auto all = datasets->List();
    if (!all.ok()) return all.status();
    std::vector<IndexDocument> docs;
    for (const auto& info : all.value()) {
      if (info.id > after_id && static_cast<int>(docs.size()) < limit) docs.push_back(DatasetDocument(info));
    }
    return docs;
  });
}

}  // namespace samrad::search
