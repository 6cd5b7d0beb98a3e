// View models of the finding pages: feed links and the open-data
// catalogue's datasets (search results are in models_search.cpp).
#include "core/clock.h"
#include "core/url_codec.h"
#include "server/web/format.h"
#include "server/web/models.h"

namespace samrad::server {

using nlohmann::json;

json FeedLinks(const WebContext& ctx, const std::vector<std::string>& names) {
  json out = json::array();
  for (const auto& n : names) {
    out.push_back({{"atom", "/feeds/" + n + ".atom"}, {"rss", "/feeds/" + n + ".rss"},
                   {"label", ctx.Text("feed_" + n)}});
  }
  return out;
}

json DatasetView(const WebContext& ctx, const opendata::DatasetSpec& d, const std::string& license) {
  // Built-in datasets have their own English; uploads are in their own language.
  bool en = ctx.lang == "en" && !d.title_en.empty();
  json keywords = json::array();
  for (const auto& k : en && !d.keywords_en.empty() ? d.keywords_en : d.keywords) keywords.push_back(k);
  json downloads = json::array();
  for (const char* format : {"csv", "excel.csv", "json", "ndjson"}) {
    std::string f = format;
    std::string label = f == "excel.csv" ? ctx.Text("journalist_data_excel_csv") : f;
    for (auto& c : label) c = f == "excel.csv" ? c : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    downloads.push_back({{"url", "/opendata/" + d.name + "." + f}, {"label", label}});
  }
  return {{"name", d.name},
          {"anchor", "dataset-" + d.name},
          {"title", en ? d.title_en : d.title},
          {"description", en && !d.description_en.empty() ? d.description_en : d.description},
          {"content_lang", en ? "en" : d.language},
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
