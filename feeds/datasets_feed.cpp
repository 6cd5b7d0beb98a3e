// Datasets feed builder: dataset.published events (their payload is the
// public metadata, whole) become entries.
#include "feeds/datasets_feed.h"

#include "core/clock.h"
#include "feeds/entry_text.h"
#include "feeds/archive_feed.h"

namespace samrad::feeds {

using nlohmann::json;

namespace {
Entry MakeEntry(const FeedQuery& q, const Event& e) {
  const json& p = e.payload;
  std::string name = Str(p, "name");
  std::string base = q.base_url + "/opendata/" + name;
  Entry entry;
  entry.id = TagUri(q.base_url, e.subject);
  entry.title = Str(p, "title");
  entry.links.push_back({q.base_url + "/data#" + name, "alternate", "text/html", ""});
  entry.links.push_back({base + ".csv", "related", "text/csv", "CSV"});
  entry.links.push_back({base + "/datapackage.json", "describedby", "application/json", ""});
  entry.updated = entry.published = ParseTime(e.at).value_or(0);
  entry.authors.push_back({"Samråd", q.base_url + "/"});
  if (std::string theme = Str(p, "theme"); !theme.empty()) {
    entry.categories.push_back(
        {theme, "http://publications.europa.eu/resource/authority/data-theme", ""});
  }
  std::string columns;
  if (auto f = p.find("fields"); f != p.end() && f->is_array()) {
    for (const auto& field : *f) {
      columns += (columns.empty() ? "" : ", ") + Str(field, "name") + " (" + Str(field, "type") + ")";
    }
  }
  if (auto k = p.find("keywords"); k != p.end() && k->is_array()) {
    for (const auto& word : *k) {
      if (word.is_string()) entry.categories.push_back({word.get<std::string>(), TagUri(q.base_url, "keyword"), ""});
    }
  }
  entry.summary = Str(p, "description");
  entry.content_html = "<p>" + EscapeHtml(Str(p, "description")) + "</p>\n<p>Kolumner: " +
                       EscapeHtml(columns) + "</p>\n<p>Ladda ned: <a href=\"" + EscapeHtml(base) +
                       ".csv\">CSV</a>, <a href=\"" + EscapeHtml(base) + ".json\">JSON</a>, <a href=\"" +
                       EscapeHtml(base) + "/datapackage.json\">datapackage.json</a></p>";
  entry.language = Str(p, "language");
  return entry;
}

Result<FeedPage> Build(ArchiveIndex& index, const FeedQuery& q) {
  Feed f;
  f.id = TagUri(q.base_url, "feeds/datasets");
  f.title = "Samråd: nya dataset";
  f.subtitle = "Öppna dataset som kommunen har publicerat, nyast först.";
  f.language = "sv";
  f.authors.push_back({"Samråd", q.base_url + "/"});
  f.links.push_back({q.base_url + "/opendata/catalog.rdf", "alternate", "application/rdf+xml", ""});
  return BlockFromEvents(index, q, std::move(f),
                         [&](const Event& e) -> std::optional<Entry> { return MakeEntry(q, e); });
}
}  // namespace

void RegisterDatasetsFeed(FeedRegistry& registry, std::shared_ptr<const EventHistory> history) {
  auto index = std::make_shared<ArchiveIndex>(std::move(history),
                                              std::vector<std::string>{"dataset.published"});
  registry.Register({"datasets", "/feeds/datasets",
                     [index](const FeedQuery& q) { return Build(*index, q); },
                     /*stable_pages=*/true});
}

}  // namespace samrad::feeds
