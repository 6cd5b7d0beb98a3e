// /opendata: the DCAT catalog, streamed downloads and datapackage.json; and
// /api/v1/datasets where officials publish CSV datasets.
#include "opendata/csv.h"
#include "server/api/handler_util.h"
#include "server/api/routes.h"

namespace samrad::server {

using nlohmann::json;

namespace {
// The upload's metadata from the query string.
opendata::UploadMeta Meta(const ApiRequest& req) {
  opendata::UploadMeta m;
  m.name = req.Query("name").value_or("");
  m.title = req.Query("title").value_or("");
  m.description = req.Query("description").value_or("");
  m.theme = req.Query("theme").value_or("");
  m.license = req.Query("license").value_or("");
  m.language = req.Query("language").value_or("sv");
  m.keywords = opendata::SplitCommaList(req.Query("keywords").value_or(""));
  return m;
}

json DatasetJson(const DatasetInfo& d, const std::string& base) {
  json j = ToJson(d);
  j["url"] = base + "/opendata/" + d.name + "/datapackage.json";
  j["downloads"] = {{"csv", base + "/opendata/" + d.name + ".csv"},
                    {"excel_csv", base + "/opendata/" + d.name + ".excel.csv"},
                    {"json", base + "/opendata/" + d.name + ".json"},
                    {"ndjson", base + "/opendata/" + d.name + ".ndjson"}};
  return j;
}
}  // namespace

void AddOpenDataRoutes(Router& r, std::shared_ptr<App> app) {
  auto od = app->opendata;

  r.Add("GET", "/opendata/catalog.rdf", [od](ApiRequest&) {
    auto rdf = od->CatalogRdf();
    if (!rdf.ok()) return Problem(rdf.status());
    ApiResponse resp;
    resp.content_type = "application/rdf+xml; charset=utf-8";
    resp.body = rdf.value();
    resp.cacheable = true;
    return resp;
  });

  r.Add("GET", "/opendata/catalog.jsonld", [od](ApiRequest&) {
    auto doc = od->CatalogJsonLd();
    if (!doc.ok()) return Problem(doc.status());
    ApiResponse resp = Read(doc.value());
    resp.content_type = "application/ld+json";
    return resp;
  });

  r.Add("GET", "/opendata/{file}", [od](ApiRequest& req) {
    auto d = od->PrepareDownload(req.params["file"], req.Query("modified_since"));
    if (!d.ok()) return Problem(d.status());
    ApiResponse resp;
    resp.content_type = d->content_type;
    resp.etag = d->etag;
    resp.stream = d->produce;
    resp.Header("Content-Disposition", "inline; filename=\"" + d->filename + "\"");
    resp.Header("Cache-Control", "public, max-age=60");
    return resp;
  });

  r.Add("GET", "/opendata/{dataset}/datapackage.json", [od](ApiRequest& req) {
    return Respond(od->DataPackage(req.params["dataset"]), 200, [](const json& j) { return j; });
  });

  r.Add(
      "POST", "/api/v1/datasets",
      [od](ApiRequest& req) {
        std::string base = od->options().base_url;
        return Respond(od->Publish(req.actor, Meta(req), req.body), 201,
                       [&](const DatasetInfo& d) { return DatasetJson(d, base); });
      },
      BodyRule{od->options().max_upload_bytes, "text/csv"});

  r.Add("GET", "/api/v1/datasets", [od](ApiRequest&) {
    std::string base = od->options().base_url;
    return Respond(od->datasets()->List(), 200, [&](const std::vector<DatasetInfo>& all) {
      json items = json::array();
      for (const auto& d : all) items.push_back(DatasetJson(d, base));
      return json{{"items", items}, {"next_cursor", nullptr}};
    });
  });

  r.Add("GET", "/api/v1/datasets/{name}", [od](ApiRequest& req) {
    std::string base = od->options().base_url;
    return Respond(od->datasets()->Get(req.params["name"]), 200,
                   [&](const DatasetInfo& d) { return DatasetJson(d, base); });
  });
}

}  // namespace samrad::server
