// /data: the open-data catalogue with its downloads and machine-readable
// forms (/search is in pages_search.cpp).
#include "server/web/models.h"
#include "core/url_codec.h"
#include "server/web/pages.h"

namespace samrad::server {

using nlohmann::json;

namespace {
// "1 234 rader" / "1,234 rows".
std::string RowCount(const WebContext& ctx, int64_t rows) {
  std::string digits = std::to_string(rows), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ctx.lang == "sv" ? "\u00a0" : ",";
    out += digits[i];
  }
  return out + " " + ctx.Text(rows == 1 ? "journalist_data_row" : "journalist_data_rows");
}

ApiResponse Data(WebContext& ctx) {
  auto& od = *ctx.app.opendata;
  auto head = od.Head();
  json datasets = json::array();
  for (auto d : od.registry().All()) {
    if (head.ok()) od.Dates(d, head.value());
    json view = DatasetView(ctx, d, od.LicenseOf(d));
    view["follow_url"] = "/follow?kind=dataset&target=" + PercentEncode(d.name) + "#follow";
    if (auto size = od.SizeOf(d); size.ok()) {
      view["size"] = {{"rows", RowCount(ctx, size->rows)},
                      {"bytes", opendata::HumanBytes(size->csv_bytes, ctx.lang)}};
    }
    datasets.push_back(view);
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
