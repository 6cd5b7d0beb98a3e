// /opendata: the DCAT catalog (whose IRIs answer browsers with the page and
// RDF clients with the description), streamed downloads and
// datapackage.json; and /api/v1/datasets, every dataset, where officials
// publish CSV datasets.
#include <map>

#include "opendata/catalog.h"
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

json Downloads(const std::string& base, const std::string& name) {
  return {{"csv", base + "/opendata/" + name + ".csv"},
          {"excel_csv", base + "/opendata/" + name + ".excel.csv"},
          {"json", base + "/opendata/" + name + ".json"},
          {"ndjson", base + "/opendata/" + name + ".ndjson"}};
}

json DatasetJson(const DatasetInfo& d, const std::string& base) {
  json j = ToJson(d);
  j["builtin"] = false;
  j["url"] = base + "/opendata/" + d.name + "/datapackage.json";
  j["downloads"] = Downloads(base, d.name);
  return j;
}

// A built-in dataset: what the registry knows of it (no upload fields).
json BuiltinJson(const opendata::DatasetSpec& d, const opendata::OpenData& od) {
  std::string base = od.options().base_url;
  json fields = json::array();
  for (const auto& f : d.fields) fields.push_back({{"name", f.name}, {"type", f.type}, {"description", f.description}});
  return {{"name", d.name},         {"title", d.title},
          {"description", d.description}, {"keywords", d.keywords},
          {"theme", d.theme},       {"license", od.LicenseOf(d)},
          {"language", d.language}, {"fields", fields},
          {"builtin", true},        {"url", base + "/opendata/" + d.name + "/datapackage.json"},
          {"downloads", Downloads(base, d.name)}};
}

json SpecJson(const opendata::DatasetSpec& d, const opendata::OpenData& od,
              const std::map<std::string, DatasetInfo>& uploads) {
  auto it = uploads.find(d.name);
  return it == uploads.end() ? BuiltinJson(d, od) : DatasetJson(it->second, od.options().base_url);
}

// Every dataset of the catalog, built in first, as a keyset listing whose
// cursor is the last name given.
Result<json> ListDatasets(opendata::OpenData& od, const Page& page) {
  auto uploaded = od.datasets()->List();
  if (!uploaded.ok()) return uploaded.status();
  std::map<std::string, DatasetInfo> uploads;
  for (auto& d : uploaded.value()) uploads.emplace(d.name, std::move(d));
  auto after = CursorText(page, 0, "");
  if (!after.ok()) return after.status();
  auto all = od.registry().All();
  size_t from = 0;
  if (page.after) {
    while (from < all.size() && all[from].name != *after) ++from;
    if (from == all.size()) return BadCursor();  // no dataset of that name: not our cursor
    ++from;
  }
  json items = json::array();
  size_t end = std::min(all.size(), from + static_cast<size_t>(page.limit));
  for (size_t i = from; i < end; ++i) items.push_back(SpecJson(all[i], od, uploads));
  json next = end < all.size() ? json(EncodeCursor(json::array({all[end - 1].name}))) : json(nullptr);
  return json{{"items", items}, {"next_cursor", next}};
}

// The forms a catalog IRI answers in, chosen from Accept.
enum class Form { kPage, kRdfXml, kTurtle, kJsonLd };

// The q of media type `type` in an Accept header (exact match over type/*
// over */*); no header accepts everything.
double Quality(const std::string& accept, const std::string& type) {
  if (accept.empty()) return 1;
  double best = 0;
  int best_rank = -1;
  size_t pos = 0;
  while (pos <= accept.size()) {
    size_t comma = accept.find(',', pos);
    std::string item = accept.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
    pos = comma == std::string::npos ? accept.size() + 1 : comma + 1;
    size_t semi = item.find(';');
    std::string range = item.substr(0, semi);
    range.erase(0, range.find_first_not_of(" \t"));
    range.erase(range.find_last_not_of(" \t") + 1);
    for (auto& c : range) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    int rank = range == type ? 2 : range == type.substr(0, type.find('/')) + "/*" ? 1 : range == "*/*" ? 0 : -1;
    if (rank <= best_rank) continue;
    double q = 1;
    if (semi != std::string::npos) {
      size_t qp = item.find("q=", semi);
      if (qp != std::string::npos) q = std::strtod(item.c_str() + qp + 2, nullptr);
    }
    best = q;
    best_rank = rank;
  }
  return best;
}

Form Negotiate(const ApiRequest& req) {
  std::string accept = req.Header("accept");
  // On equal terms a person following the link gets the page.
  std::pair<const char*, Form> forms[] = {{"text/html", Form::kPage},
                                          {"application/rdf+xml", Form::kRdfXml},
                                          {"text/turtle", Form::kTurtle},
                                          {"application/ld+json", Form::kJsonLd}};
  Form best = Form::kRdfXml;  // when Accept names none of them
  double best_q = 0;
  for (const auto& [type, form] : forms) {
    double q = Quality(accept, type);
    if (q > best_q) {
      best = form;
      best_q = q;
    }
  }
  return best;
}

// The description of one IRI of the catalog in the form asked for, or a 303
// to its web page. 404 when the catalog names no such IRI.
ApiResponse Describe(const ApiRequest& req, opendata::OpenData& od, const std::string& iri,
                     const std::string& page, std::optional<Form> form = std::nullopt) {
  auto m = opendata::BuildCatalog(od);
  if (!m.ok()) return Problem(m.status());
  auto graph = opendata::DescribeNode(opendata::CatalogGraph(m.value()), iri);
  if (graph.empty()) return Problem(NotFound("the catalog names no " + iri));
  ApiResponse resp;
  switch (form.value_or(Negotiate(req))) {
    case Form::kPage:
      resp.status = 303;
      resp.content_type = "text/plain; charset=utf-8";
      resp.body = "See " + page + "\n";
      resp.Header("Location", page);
      break;
    case Form::kRdfXml: {
      auto rdf = opendata::WriteRdfXml(graph);
      if (!rdf.ok()) return Problem(rdf.status());
      resp.content_type = "application/rdf+xml; charset=utf-8";
      resp.body = rdf.value();
      break;
    }
    case Form::kTurtle:
      resp.content_type = "text/turtle; charset=utf-8";
      resp.body = opendata::WriteTurtle(graph);
      break;
    case Form::kJsonLd:
      resp.content_type = "application/ld+json";
      resp.body = opendata::WriteJsonLd(graph).dump();
      break;
  }
  resp.cacheable = resp.status == 200;
  if (!form) resp.Header("Vary", "Accept");
  return resp;
}
}  // namespace

void AddOpenDataRoutes(Router& r, std::shared_ptr<App> app) {
  auto od = app->opendata;

  // Before /opendata/{file}: the first matching route answers.
  r.Add("GET", "/opendata/catalog.rdf", [od](ApiRequest& req) {
    std::string base = od->options().base_url;
    return Describe(req, *od, opendata::CatalogIri(base), base + "/data", Form::kRdfXml);
  });
  r.Add("GET", "/opendata/catalog.jsonld", [od](ApiRequest& req) {
    std::string base = od->options().base_url;
    return Describe(req, *od, opendata::CatalogIri(base), base + "/data", Form::kJsonLd);
  });
  r.Add("GET", "/opendata/catalog.ttl", [od](ApiRequest& req) {
    std::string base = od->options().base_url;
    return Describe(req, *od, opendata::CatalogIri(base), base + "/data", Form::kTurtle);
  });
  r.Add("GET", "/opendata/catalog", [od](ApiRequest& req) {
    std::string base = od->options().base_url;
    return Describe(req, *od, opendata::CatalogIri(base), base + "/data");
  });
  r.Add("GET", "/opendata/datasets/{name}", [od](ApiRequest& req) {
    std::string base = od->options().base_url, name = req.params["name"];
    return Describe(req, *od, opendata::DatasetIri(base, name), opendata::DatasetPage(base, name));
  });
  r.Add("GET", "/opendata/datasets/{name}/distributions/{format}", [od](ApiRequest& req) {
    std::string base = od->options().base_url, name = req.params["name"];
    return Describe(req, *od, opendata::DistributionIri(base, name, req.params["format"]),
                    opendata::DatasetPage(base, name));
  });

  r.Add("GET", "/opendata/{file}", [od](ApiRequest& req) {
    auto d = od->PrepareDownload(req.params["file"], req.Query("modified_since"));
    if (!d.ok()) return Problem(d.status());
    ApiResponse resp;
    resp.content_type = d->content_type;
    resp.etag = d->etag;
    resp.last_modified = d->last_modified;
    resp.stream = d->produce;
    resp.Header("Content-Disposition", "attachment; filename=\"" + d->filename + "\"");
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

  r.Add("GET", "/api/v1/datasets", [od](ApiRequest& req) {
    auto page = MakePage(req.Query("limit"), req.Query("cursor"), 1);
    if (!page.ok()) return Problem(page.status());
    return Respond(ListDatasets(*od, page.value()), 200, [](const json& j) { return j; });
  });

  r.Add("GET", "/api/v1/datasets/{name}", [od](ApiRequest& req) {
    auto spec = od->registry().Find(req.params["name"]);
    if (!spec) return Problem(NotFound("no dataset " + req.params["name"]));
    std::string base = od->options().base_url;
    ApiResponse resp = spec->builtin ? Read(BuiltinJson(*spec, *od))
                                     : Respond(od->datasets()->Get(spec->name), 200,
                                               [&](const DatasetInfo& d) { return DatasetJson(d, base); });
    if (resp.status == 200) resp.last_modified = od->LastModified(spec->name);
    return resp;
  });
}

}  // namespace samrad::server
