// /search: results from the search index with facets. With no query the
// page explains what can be searched and offers the facets to browse by.
#include "server/web/models.h"
#include "server/web/follow_form.h"
#include "server/web/pages.h"

namespace samrad::server {

using nlohmann::json;

namespace {
constexpr int kResultsPerPage = 10;
const std::vector<std::string> kParams = {"q",  "type", "state", "outcome", "area",
                                          "from", "to", "sort",  "offset",  "as_typed"};

ApiResponse Search(WebContext& ctx) {
  std::map<std::string, std::string> params;
  for (const auto& name : kParams) {
    if (auto v = ctx.req.Query(name); v && !v->empty()) params[name] = *v;
  }
  // The page's ?lang= is the reader's language, not a filter on content.
  std::map<std::string, std::string> query = params;
  query.erase("as_typed");
  query["limit"] = std::to_string(kResultsPerPage);
  // A query that finds nothing is answered with its suggestion's results,
  // unless the reader asked for the words as typed.
  if (!params.count("as_typed")) query["spelling"] = "follow";
  std::string q = params.count("q") ? params["q"] : "";
  json model = {{"q", q}, {"searched", !params.empty()}, {"error", nullptr},
                {"result", nullptr}, {"intro", nullptr}};
  auto request = search::ParseSearchRequest(query);
  if (!request.ok()) {
    model["error"] = ctx.Text("search_bad_request");
    return RenderPage(ctx, "search", ctx.Text("search_title"), model, 400);
  }
  auto result = ctx.app.search->Search(request.value());
  if (params.empty()) {
    // Nothing asked yet: what can be found, and everything by its facets
    // (none while the index is not there yet).
    json facets = result.ok() ? SearchFacets(ctx, params, result.value()) : json::array();
    model["intro"] = {{"facets", facets}, {"has_facets", !facets.empty()}};
    return RenderPage(ctx, "search", ctx.Text("search_title"), model);
  }
  if (!result.ok()) {
    model["error"] = ctx.Text("search_unavailable");
    return RenderPage(ctx, "search", ctx.Text("search_title"), model, 503);
  }
  model["result"] = SearchView(ctx, params, result.value(), kResultsPerPage, request->offset);
  if (!q.empty() && q.size() <= SubscriptionService::kMaxQueryChars) model["follow_form"] = FollowFormView(ctx, "search", q, q);
  std::string title = q.empty() ? ctx.Text("search_title") : ctx.Text("search_title") + ": " + q;
  return RenderPage(ctx, "search", title, model);
}
}  // namespace

void AddSearchPages(Router& r, std::shared_ptr<App> app) { r.Add("GET", "/search", Web(app, Search)); }

}  // namespace samrad::server
