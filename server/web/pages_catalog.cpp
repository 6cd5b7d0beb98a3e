// /data: the open-data catalogue with its downloads and machine-readable
// forms (/search is in pages_search.cpp).
#include "server/web/models.h"
#include "server/web/pages.h"

namespace samrad::server {

using nlohmann::json;

namespace {
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
  r.Add("GET", "/data", Web(app, Data));
}

}  // namespace samrad::server
