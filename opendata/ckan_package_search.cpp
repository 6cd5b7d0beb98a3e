// CKAN package_search: q and fq in Solr's syntax (see CkanQuery), CKAN's
// sort grammar ("score desc, metadata_modified desc"), rows clamped to 1,000
// as CKAN does, start, and facet.field counts.
#include <algorithm>

#include "core/json_depth.h"
#include "opendata/ckan_api.h"
#include "opendata/ckan_query.h"

namespace samrad::opendata {

using nlohmann::json;

namespace {
struct SortKey {
  std::string field;  // a package member; empty for score (no reordering)
  bool desc;
};

// "field [asc|desc], ..." -> keys; kMalformed for anything else.
Result<std::vector<SortKey>> ParseSort(const std::string& text) {
  static const std::map<std::string, std::string> kFields = {
      {"score", ""},           {"rank", ""},
      {"views_recent", ""},    {"id", "id"},
      {"name", "name"},        {"title", "title"},
      {"title_string", "title"}, {"metadata_modified", "metadata_modified"},
      {"metadata_created", "metadata_created"}};
  std::vector<SortKey> keys;
  size_t i = 0;
  while (i <= text.size()) {
    size_t comma = text.find(',', i);
    if (comma == std::string::npos) comma = text.size();
    std::string part = text.substr(i, comma - i);
    i = comma + 1;
    std::vector<std::string> words;
    std::string w;
    for (char c : part + " ") {
      if (c == ' ' || c == '\t') {
        if (!w.empty()) words.push_back(Lower(w));
        w.clear();
      } else {
        w.push_back(c);
      }
    }
    if (words.empty() && text.find_first_not_of(" ,") == std::string::npos) break;
    auto f = words.empty() ? kFields.end() : kFields.find(words[0]);
    if (f == kFields.end() || words.size() > 2 ||
        (words.size() == 2 && words[1] != "asc" && words[1] != "desc")) {
      return Status(Code::kMalformed,
                    "sort: '" + part +
                        "' is not a field (score, id, name, title, title_string, metadata_modified, "
                        "metadata_created) followed by asc or desc");
    }
    keys.push_back({f->second, words.size() == 2 && words[1] == "desc"});
  }
  return keys;
}
}  // namespace

Result<json> CkanApi::PackageSearch(const CkanParams& p) {
  // CKAN answers a larger rows with at most its limit rather than an error.
  auto rows = CkanInt(p, "rows", 10, 0, INT32_MAX);
  if (!rows.ok()) return rows.status();
  const size_t page = std::min<int64_t>(rows.value(), kMaxRows);
  auto start = CkanInt(p, "start", 0, 0, INT32_MAX);
  if (!start.ok()) return start.status();
  std::string q_text = CkanText(p, "q");
  auto q = CkanQuery::Parse(q_text == "*:*" ? "" : q_text, "q");
  if (!q.ok()) return q.status();
  auto fq = CkanQuery::Parse(CkanText(p, "fq"), "fq");
  if (!fq.ok()) return fq.status();
  std::string sort_text = CkanText(p, "sort");
  if (sort_text.empty()) sort_text = "score desc, metadata_modified desc";
  auto keys = ParseSort(sort_text);
  if (!keys.ok()) return keys.status();
  std::vector<std::string> facet_fields;
  if (auto ff = CkanText(p, "facet.field"); !ff.empty()) {
    auto j = ParseClientJson(ff, "facet.field");
    if (!j.ok()) return j.status();
    if (!j->is_array())
      return Status(Code::kMalformed, "facet.field must be a JSON list of field names");
    for (const auto& f : *j) {
      if (!f.is_string() || !IsCkanField(f))
        return Status(Code::kMalformed, "facet.field cannot use " + f.dump());
      facet_fields.push_back(f);
    }
  }
  auto found = AllPackages();
  if (!found.ok()) return found.status();
  std::vector<json> all = std::move(found).value();
  std::vector<json> hits;
  for (auto& pkg : all) {
    if (q->Matches(pkg) && fq->Matches(pkg)) hits.push_back(std::move(pkg));
  }
  std::stable_sort(hits.begin(), hits.end(), [&](const json& a, const json& b) {
    for (const auto& k : *keys) {
      if (k.field.empty() || a[k.field] == b[k.field]) continue;
      return k.desc ? b[k.field] < a[k.field] : a[k.field] < b[k.field];
    }
    return false;
  });
  json facets = json::object(), search_facets = json::object();
  for (const auto& f : facet_fields) {
    std::map<std::string, int> counts;
    for (const auto& h : hits) {
      for (const auto& v : CkanFieldValues(h, f)) ++counts[v];
    }
    json items = json::array();
    for (const auto& [v, n] : counts)
      items.push_back({{"name", v}, {"display_name", v}, {"count", n}});
    facets[f] = counts;
    search_facets[f] = {{"title", f}, {"items", items}};
  }
  json results = json::array();
  for (size_t i = start.value(); i < hits.size() && results.size() < page; ++i) {
    results.push_back(std::move(hits[i]));
  }
  return json{{"count", hits.size()},
              {"results", results},
              {"facets", facets},
              {"search_facets", search_facets},
              {"sort", sort_text}};
}

}  // namespace samrad::opendata
