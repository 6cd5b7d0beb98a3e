// GET /api/v1/search: full-text search over everything public.
#include "server/api/handler_util.h"
#include "server/api/routes.h"

namespace samrad::server {

using nlohmann::json;

namespace {
json SearchJson(const search::SearchResult& r) {
  json results = json::array();
  for (const auto& h : r.hits) {
    results.push_back({{"type", h.type},
                       {"id", h.id},
                       {"title", h.title},
                       {"snippet", h.snippet},
                       {"url", h.url},
                       {"date", FormatTime(h.date)}});
  }
  json j = {{"total", r.total}, {"results", results}, {"facets", r.facets}, {"facets_exact", r.facets_exact}};
  if (r.suggestion) j["suggestion"] = *r.suggestion;
  j["suggestion_followed"] = r.suggestion_followed;
  j["stop_words_only"] = r.stop_words_only;
  j["wildcard_limited"] = r.wildcard_limited;
  return j;
}
}  // namespace

void AddSearchRoutes(Router& r, std::shared_ptr<App> app) {
  r.Add("GET", "/api/v1/search", [app](ApiRequest& req) {
    auto q = search::ParseSearchRequest(req.query);
    if (!q.ok()) return Problem(q.status());
    return Respond(app->search->Search(q.value()), 200, SearchJson);
  });
}

}  // namespace samrad::server
