// /search (results from the search index with facets) and /data (the
// open-data catalogue with its downloads and machine-readable forms).
#include "server/web/models.h"
#include "server/web/pages.h"

namespace samrad::server {

using nlohmann::json;

namespace {
constexpr int kResultsPerPage = 10;
const std::vector<std::string> kParams = {"q", "type", "state", "area", "from", "to", "sort", "offset"};

ApiResponse Search(WebContext& ctx) {
  std::map<std::string, std::string> params;
  for (const auto& name : kParams) {
    if (auto v = ctx.req.Query(name); v && !v->empty()) params[name] = *v;
  }
  // The page's ?lang= is the reader's language, not a filter on content.
  std::map<std::string, std::string> query = params;
  query["limit"] = std::to_string(kResultsPerPage);
  json model = {{"q", params.count("q") ? params["q"] : ""}, {"searched", !params.empty()},
                {"error", nullptr}, {"result", nullptr}};
  auto request = search::ParseSearchRequest(query);
  if (!request.ok()) {
    model["error"] = ctx.Text("search_bad_request");
    return RenderPage(ctx, "search", ctx.Text("search_title"), model, 400);
  }
  if (params.empty()) return RenderPage(ctx, "search", ctx.Text("search_title"), model);
  auto result = ctx.app.search->Search(request.value());
  if (!result.ok()) {
    model["error"] = ctx.Text("search_unavailable");
    return RenderPage(ctx, "search", ctx.Text("search_title"), model, 503);
  }
  model["result"] = SearchView(ctx, params, result.value(), kResultsPerPage, request->offset);
  std::string title = model["q"].get<std::string>().empty() ? ctx.Text("search_title")
                                                            : ctx.Text("search_title") + ": " + model["q"].get<std::string>();
  return RenderPage(ctx, "search", title, model);
}

ApiResponse Data(WebContext& ctx) {
  auto& od = *ctx.app.opendata;
  auto head = od.Head();
  json datasets = json::array();
  for (auto d : od.registry().All()) {
    if (head.ok()) od.Dates(d, head.value());
    datasets.push_back(DatasetView(ctx, d, od.LicenseOf(d)));
  }
  json model = {{"datasets", datasets}, {"any", !datasets.empty()},
                {"feeds", FeedLinks(ctx, {"consultations", "decisions"})}};
  return RenderPage(ctx, "data", ctx.Text("data_title"), model);
}
}  // namespace

void AddCatalogPages(Router& r, std::shared_ptr<App> app) {
  r.Add("GET", "/search", Web(app, Search));
  r.Add("GET", "/data", Web(app, Data));
}

}  // namespace samrad::server
