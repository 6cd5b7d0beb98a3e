// View models of the finding pages: feed links, search results with facets
// and paging, and the open-data catalogue's datasets.
#include "core/clock.h"
#include "core/url_codec.h"
#include "server/web/format.h"
#include "server/web/models.h"

namespace samrad::server {

using nlohmann::json;

namespace {
const std::vector<std::string> kSearchParams = {"q", "type", "state", "area", "from", "to", "sort"};
const std::vector<std::string> kFacetOrder = {"type", "state", "area", "year"};

std::string SearchUrl(const std::map<std::string, std::string>& params) {
  std::vector<std::pair<std::string, std::string>> pairs;
  for (const auto& name : kSearchParams) {
    auto it = params.find(name);
    if (it != params.end() && !it->second.empty()) pairs.emplace_back(name, it->second);
  }
  for (const auto& name : {"offset"}) {
    auto it = params.find(name);
    if (it != params.end() && !it->second.empty() && it->second != "0") pairs.emplace_back(name, it->second);
  }
  return pairs.empty() ? "/search" : "/search?" + QueryString(pairs);
}

// The comma list with value added, or taken out when it is in it already.
std::string Toggle(const std::string& list, const std::string& value, bool* was_in) {
  std::vector<std::string> items;
  std::string out;
  size_t start = 0;
  *was_in = false;
  while (start <= list.size() && !list.empty()) {
    size_t comma = list.find(',', start);
    std::string item = list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (item == value) {
      *was_in = true;
    } else if (!item.empty()) {
      out += (out.empty() ? "" : ",") + item;
    }
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  if (!*was_in) out += (out.empty() ? "" : ",") + value;
  return out;
}

// The label of a facet value: type_*, state_* from the catalogue, else the value.
std::string FacetLabel(const WebContext& ctx, const std::string& facet, const std::string& value) {
  std::vector<std::string> keys;
  if (facet == "type") keys = {"search_type_" + value};
  if (facet == "state") keys = {"state_" + value, "outcome_" + value};  // decisions carry their outcome
  for (const auto& key : keys) {
    if (std::string text = ctx.Text(key); text != key) return text;
  }
  return value;
}
}  // namespace

json FeedLinks(const WebContext& ctx, const std::vector<std::string>& names) {
  json out = json::array();
  for (const auto& n : names) {
    out.push_back({{"atom", "/feeds/" + n + ".atom"}, {"rss", "/feeds/" + n + ".rss"},
                   {"label", ctx.Text("feed_" + n)}});
  }
  return out;
}

json SearchView(const WebContext& ctx, const std::map<std::string, std::string>& params,
                const search::SearchResult& r, int limit, int offset) {
  json results = json::array();
  for (const auto& h : r.hits) {
    results.push_back({{"type_label", FacetLabel(ctx, "type", h.type)},
                       {"title", h.title},
                       {"url", h.url},
                       {"snippet_html", h.snippet},  // escaped text with <mark>: shown raw
                       {"date", TimeView(FormatTime(h.date), ctx.lang)}});
  }
  json facets = json::array();
  for (const auto& name : kFacetOrder) {
    auto f = r.facets.find(name);
    if (f == r.facets.end() || f->second.empty()) continue;
    json values = json::array();
    for (const auto& [value, count] : f->second) {
      std::map<std::string, std::string> next = params;
      next.erase("offset");
      bool selected = false;
      if (name == "year") {
        selected = params.count("from") && params.at("from") == value + "-01-01";
        next["from"] = selected ? "" : value + "-01-01";
        next["to"] = selected ? "" : value + "-12-31";
      } else {
        next[name] = Toggle(params.count(name) ? params.at(name) : "", value, &selected);
      }
      values.push_back({{"label", FacetLabel(ctx, name, value)}, {"count", std::to_string(count)},
                        {"url", SearchUrl(next)}, {"selected", selected}});
    }
    facets.push_back({{"name", name}, {"heading", ctx.Text("search_facet_" + name)}, {"values", values}});
  }
  json v = {{"results", results},
            {"total", std::to_string(r.total)},
            {"any", !results.empty()},
            {"facets", facets},
            {"has_facets", !facets.empty()},
            {"suggestion", nullptr},
            {"next_url", nullptr},
            {"prev_url", nullptr}};
  if (r.suggestion) {
    std::map<std::string, std::string> next = params;
    next["q"] = *r.suggestion;
    next.erase("offset");
    v["suggestion"] = {{"text", *r.suggestion}, {"url", SearchUrl(next)}};
  }
  std::map<std::string, std::string> page = params;
  if (offset + limit < r.total) {
    page["offset"] = std::to_string(offset + limit);
    v["next_url"] = SearchUrl(page);
  }
  if (offset > 0) {
    page["offset"] = std::to_string(std::max(0, offset - limit));
    v["prev_url"] = SearchUrl(page);
  }
  v["first"] = std::to_string(r.total == 0 ? 0 : offset + 1);
  v["last"] = std::to_string(offset + static_cast<int>(r.hits.size()));
  return v;
}

json DatasetView(const WebContext& ctx, const opendata::DatasetSpec& d, const std::string& license) {
  json keywords = json::array();
  for (const auto& k : d.keywords) keywords.push_back(k);
  json downloads = json::array();
  for (const char* format : {"csv", "json", "ndjson"}) {
    std::string f = format;
    std::string upper = f;
    for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    downloads.push_back({{"url", "/opendata/" + d.name + "." + f}, {"label", upper}});
  }
  return {{"name", d.name},
          {"anchor", "dataset-" + d.name},
          {"title", d.title},
          {"description", d.description},
          {"content_lang", d.language},
          {"keywords", keywords},
          {"has_keywords", !keywords.empty()},
          {"license", license},
          {"builtin", d.builtin},
          {"modified", d.modified.empty() ? json(nullptr) : TimeView(d.modified, ctx.lang)},
          {"downloads", downloads},
          {"datapackage_url", "/opendata/" + d.name + "/datapackage.json"},
          {"ckan_url", "/api/3/action/package_show?id=" + PercentEncode(d.name)}};
}

}  // namespace samrad::server
