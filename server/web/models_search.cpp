// View model of the search page: results with their snippets, facets as
// links that add or take away a filter, the suggestion (followed or
// offered), a query of function words, and paging.
#include "core/clock.h"
#include "core/url_codec.h"
#include "server/web/format.h"
#include "server/web/journalist_models.h"
#include "server/web/models.h"

namespace samrad::server {

using nlohmann::json;

namespace {
// The page's parameters that carry over from one search link to the next.
const std::vector<std::string> kSearchParams = {"q", "type", "state", "outcome", "area",
                                                "from", "to", "sort", "as_typed"};
const std::vector<std::string> kFacetOrder = {"type", "state", "outcome", "area", "year"};

std::string SearchUrl(const std::map<std::string, std::string>& params) {
  std::vector<std::pair<std::string, std::string>> pairs;
  for (const auto& name : kSearchParams) {
    auto it = params.find(name);
    if (it != params.end() && !it->second.empty()) pairs.emplace_back(name, it->second);
  }
  auto offset = params.find("offset");
  if (offset != params.end() && !offset->second.empty() && offset->second != "0") {
    pairs.emplace_back("offset", offset->second);
  }
  return pairs.empty() ? "/search" : "/search?" + QueryString(pairs);
}

// The comma list with value added, or taken out when it is in it already.
std::string Toggle(const std::string& list, const std::string& value, bool* was_in) {
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

// The label of a facet value in the reader's language; nullopt for a type,
// state or outcome the catalogue has no words for (a value the index uses
// inside, never meant for readers). Areas and years are shown as they are.
std::optional<std::string> FacetLabel(const WebContext& ctx, const std::string& facet, const std::string& value) {
  std::string key;
  if (facet == "type") key = "search_type_" + value;
  if (facet == "state") key = "state_" + value;
  if (facet == "outcome") key = "outcome_" + value;
  if (key.empty()) return value;
  std::string text = ctx.Text(key);
  if (text == key) return std::nullopt;
  return text;
}

json FacetValues(const WebContext& ctx, const std::map<std::string, std::string>& params, const std::string& name,
                 const std::map<std::string, int64_t>& counts) {
  json values = json::array();
  for (const auto& [value, count] : counts) {
    auto label = FacetLabel(ctx, name, value);
    if (!label) continue;
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
    values.push_back({{"label", *label}, {"count", std::to_string(count)}, {"url", SearchUrl(next)},
                      {"selected", selected}});
  }
  return values;
}
}  // namespace

json SearchFacets(const WebContext& ctx, const std::map<std::string, std::string>& params,
                  const search::SearchResult& r) {
  json facets = json::array();
  for (const auto& name : kFacetOrder) {
    auto f = r.facets.find(name);
    if (f == r.facets.end()) continue;
    json values = FacetValues(ctx, params, name, f->second);
    if (values.empty()) continue;
    facets.push_back({{"name", name}, {"heading", ctx.Text("search_facet_" + name)}, {"values", values}});
  }
  return facets;
}

json SearchView(const WebContext& ctx, const std::map<std::string, std::string>& params,
                const search::SearchResult& r, int limit, int offset) {
  json results = json::array();
  for (const auto& h : r.hits) {
    results.push_back({{"type_label", FacetLabel(ctx, "type", h.type).value_or("")},
                       {"title", HitTitle(ctx, h.type, h.title)},
                       {"url", h.url},
                       {"snippet_html", h.snippet},  // escaped text with <mark>: shown raw
                       {"date", TimeView(FormatTime(h.date), ctx.lang)}});
  }
  json facets = SearchFacets(ctx, params, r);
  json v = {{"results", results},
            {"total", std::to_string(r.total)},
            {"any", !results.empty()},
            {"facets", facets},
            {"has_facets", !facets.empty()},
            {"stop_words_only", r.stop_words_only},
            {"wildcard_limited", r.wildcard_limited},
            {"suggestion", nullptr},
            {"followed", nullptr},
            {"next_url", nullptr},
            {"prev_url", nullptr}};
  if (r.suggestion) {
    std::map<std::string, std::string> next = params;
    next.erase("offset");
    if (r.suggestion_followed) {
      // Results for the suggestion, and a way back to the words as typed.
      std::map<std::string, std::string> typed = next;
      typed["as_typed"] = "1";
      next["q"] = *r.suggestion;
      v["followed"] = {{"text", *r.suggestion}, {"url", SearchUrl(next)},
                       {"typed", params.count("q") ? params.at("q") : ""}, {"typed_url", SearchUrl(typed)}};
    } else {
      next["q"] = *r.suggestion;
      next.erase("as_typed");
      v["suggestion"] = {{"text", *r.suggestion}, {"url", SearchUrl(next)}};
    }
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

}  // namespace samrad::server
