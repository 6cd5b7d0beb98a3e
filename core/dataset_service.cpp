// DatasetService implementation.
#include "core/dataset_service.h"

#include <algorithm>

#include "core/event_log.h"

namespace samrad {

using nlohmann::json;

json ToJson(const DatasetInfo& d) {
  json fields = json::array();
  for (const auto& f : d.fields) {
    fields.push_back({{"name", f.name}, {"type", f.type}, {"description", f.description}});
  }
  return {{"name", d.name},         {"title", d.title},           {"description", d.description},
          {"keywords", d.keywords}, {"theme", d.theme},           {"license", d.license},
          {"language", d.language}, {"fields", fields},           {"row_count", d.row_count},
          {"bytes", d.bytes},       {"content_sha256", d.sha256}, {"published_at", d.published_at},
          {"log_seq", d.log_seq}};
}

bool DatasetService::IsReservedName(const std::string& name) {
  // The words /opendata/ uses for itself: catalog (catalog.rdf, .jsonld,
  // .ttl and the catalog's IRI with its #publisher and #contact), datasets
  // and distributions (the IRIs of the catalog's entries), datapackage.
  static const std::vector<std::string> kReserved = {
      "catalog", "catalogue", "publisher", "contact", "datapackage", "datasets", "dataset",
      "distributions", "distribution", "agents", "agent", "opendata", "data", "api"};
  return std::find(kReserved.begin(), kReserved.end(), name) != kReserved.end();
}

namespace {
constexpr const char* kColumns =
    "SELECT id, name, title, description, keywords, theme, license, language, fields, "
    "row_count, bytes, sha256, published_at, log_seq FROM datasets ";

DatasetInfo Row(db::Statement& st) {
  DatasetInfo d;
  d.id = st.Int(0);
  d.name = st.Text(1);
  d.title = st.Text(2);
  d.description = st.Text(3);
  d.keywords = json::parse(st.Text(4)).get<std::vector<std::string>>();
  d.theme = st.Text(5);
  d.license = st.Text(6);
  d.language = st.Text(7);
  for (const auto& f : json::parse(st.Text(8))) {
    d.fields.push_back({f["name"], f["type"], f.value("description", "")});
  }
  d.row_count = st.Int(9);
  d.bytes = st.Int(10);
  d.sha256 = st.Text(11);
  d.published_at = st.Text(12);
  d.log_seq = st.Int(13);
  return d;
}
}  // namespace

Status DatasetService::MayPublish(const Actor& actor) {
  if (!actor) return Unauthenticated("sign in first");
  if (!actor->IsOfficial()) return Forbidden("only officials may publish datasets");
  return Status::Ok();
}

Result<DatasetInfo> DatasetService::Publish(const Actor& actor, DatasetInfo d,
                                            const UploadRows& rows) {
  if (Status s = MayPublish(actor); !s.ok()) return s;
  if (IsReservedName(d.name)) {
    return InvalidField("/name", d.name + " is reserved for the open-data catalog's own resources");
  }
  Status s = db_->Write([&](db::Connection& c) -> Status {
    auto& taken = c.Prepare("SELECT 1 FROM datasets WHERE name = ?");
    if (taken.Bind(1, d.name).Step()) return Conflict("a dataset named " + d.name + " exists");
    taken.Reset();
    d.published_at = FormatTime(clock_->Now());
    json fields = ToJson(d)["fields"];
    c.Prepare(
         "INSERT INTO datasets(name, title, description, keywords, theme, license, language, "
         "fields, row_count, bytes, sha256, published_by, published_at, log_seq) "
         "VALUES(?,?,?,?,?,?,?,?,0,?,?,?,?,0)")
        .Bind(1, d.name)
        .Bind(2, d.title)
        .Bind(3, d.description)
        .Bind(4, json(d.keywords).dump())
        .Bind(5, d.theme)
        .Bind(6, d.license)
        .Bind(7, d.language)
        .Bind(8, fields.dump())
        .Bind(9, d.bytes)
        .Bind(10, d.sha256)
        .Bind(11, actor->id)
        .Bind(12, d.published_at)
        .Run();
    d.id = c.LastInsertId();
    std::vector<std::optional<std::string>> cells;
    auto& insert = c.Prepare("INSERT INTO dataset_rows(dataset_id, row_no, cells) VALUES(?,?,?)");
    d.row_count = 0;
    while (rows(&cells)) {
      json arr = json::array();
      for (const auto& v : cells) arr.push_back(v ? json(*v) : json(nullptr));
      insert.Reset();
      insert.Bind(1, d.id).Bind(2, ++d.row_count).Bind(3, arr.dump()).Run();
    }
    json payload = ToJson(d);
    payload.erase("log_seq");
    payload.erase("published_at");
    Event e = EventLog::Append(c, d.published_at, "dataset.published", "dataset/" + d.name,
                               RoleName(actor->role), payload);
    d.log_seq = e.seq;
    c.Prepare("UPDATE datasets SET row_count = ?, log_seq = ? WHERE id = ?")
        .Bind(1, d.row_count)
        .Bind(2, d.log_seq)
        .Bind(3, d.id)
        .Run();
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return d;
}

Result<std::vector<DatasetInfo>> DatasetService::List() {
  std::vector<DatasetInfo> out;
  Status s = db_->Read([&](db::Connection& c) {
    auto& st = c.Prepare(std::string(kColumns) + "ORDER BY id");
    while (st.Step()) out.push_back(Row(st));
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

Result<DatasetInfo> DatasetService::Get(const std::string& name) {
  std::optional<DatasetInfo> d;
  Status s = db_->Read([&](db::Connection& c) {
    auto& st = c.Prepare(std::string(kColumns) + "WHERE name = ?");
    if (st.Bind(1, name).Step()) d = Row(st);
    return Status::Ok();
  });
  if (!s.ok()) return s;
  if (!d) return NotFound("no dataset " + name);
  return *d;
}

}  // namespace samrad
