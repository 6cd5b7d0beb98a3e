// OpenData implementation: downloads and the Data Package.
#include "opendata/open_data.h"

#include <iostream>

#include "core/crypto.h"
#include "core/event_log.h"
#include "opendata/builtin_datasets.h"
#include "opendata/catalog.h"
#include "opendata/dataset_publisher.h"
#include "opendata/participation_datasets.h"
#include "opendata/vocabulary.h"

namespace samrad::opendata {

using nlohmann::json;

OpenData::OpenData(std::shared_ptr<Database> db, std::shared_ptr<Clock> clock)
    : db_(db),
      clock_(std::move(clock)),
      queries_(std::make_shared<ExportQueries>(db)),
      datasets_(std::make_shared<DatasetService>(db, clock_)) {
  RegisterBuiltinDatasets(registry_, queries_, datasets_);
  RegisterQuestionnaireDatasets(registry_, std::make_shared<QuestionnaireExport>(db));
}

void OpenData::Configure(OpenDataOptions options) {
  std::lock_guard lock(mu_);
  options_ = std::move(options);
  while (!options_.base_url.empty() && options_.base_url.back() == '/')
    options_.base_url.pop_back();
}

void OpenData::SetBaseUrl(const std::string& url) {
  std::lock_guard lock(mu_);
  options_.base_url = url;
}

OpenDataOptions OpenData::options() const {
  std::lock_guard lock(mu_);
  return options_;
}

std::string OpenData::LicenseOf(const DatasetSpec& d) const {
  return d.license.empty() ? options().license : d.license;
}

void OpenData::Dates(DatasetSpec& d, const LogPosition& head) const {
  std::string now = FormatTime(clock_->Now());
  if (d.issued.empty()) d.issued = head.first_at.empty() ? now : head.first_at;
  if (!d.modified.empty()) return;
  d.modified = head.at.empty() ? d.issued : head.at;
  if (d.change_kinds.empty()) return;
  std::vector<Event> newest;
  Status s = db_->Read([&](db::Connection& c) {
    newest = EventLog::ListBefore(c, head.seq + 1, d.change_kinds, 1);
    return Status::Ok();
  });
  // Nothing of its kinds yet: unchanged since issued.
  if (s.ok()) d.modified = newest.empty() ? d.issued : newest[0].at;
}

int64_t OpenData::LastChange(const DatasetSpec& spec, const LogPosition& head) const {
  DatasetSpec dated = spec;
  Dates(dated, head);
  return ParseTime(dated.modified).value_or(0);
}

int64_t OpenData::LastModified(const std::string& name) {
  auto spec = registry_.Find(name);
  auto head = queries_->Head();
  return spec && head.ok() ? LastChange(*spec, *head) : 0;
}

Result<DatasetSize> OpenData::SizeOf(const DatasetSpec& spec) {
  auto head = queries_->Head();
  if (!head.ok()) return head.status();
  return sizes_.Of(spec, head->seq);
}

Result<Download> OpenData::PrepareDownload(const std::string& file,
                                           const std::optional<std::string>& modified_since) {
  auto dot = file.rfind('.');
  if (file.ends_with(".excel.csv")) dot = file.size() - 10;
  auto format = dot == std::string::npos ? std::nullopt : ParseFormat(file.substr(dot + 1));
  if (!format) {
    return NotFound("no download " + file +
                    " (use NAME.csv, NAME.excel.csv, NAME.json or NAME.ndjson)");
  }
  auto spec = registry_.Find(file.substr(0, dot));
  if (!spec) return NotFound("no dataset " + file.substr(0, dot));
  ExportQuery q;
  if (modified_since) {
    auto t = ParseTime(*modified_since);
    if (!t) return InvalidField("/modified_since", "modified_since must be an RFC 3339 time");
    q.modified_since = FormatTime(*t);
  }
  auto head = queries_->Head();
  if (!head.ok()) return head.status();
  Download d;
  d.content_type = MediaType(*format);
  d.filename = file;
  std::string key = file + "|" + q.modified_since.value_or("") + "|" + std::to_string(head->seq) +
                    "|" + spec->modified;
  d.etag = "\"" + crypto::Sha256Hex(key).substr(0, 32) + "\"";
  d.last_modified = LastChange(*spec, *head);
  d.produce = [spec = *spec, q, f = *format](const ChunkSink& sink) {
    RowWriter w(f, spec.fields, sink);
    if (!w.Begin()) return;
    bool open = true;
    Status s = spec.rows(q, [&](const Row& row) { return open = w.Write(row); });
    if (!s.ok()) {
      // Headers are gone already: the client sees a cut-off body.
      std::cerr << "opendata: export of " << spec.name << " failed: " << s.message() << std::endl;
      return;
    }
    if (open) w.End();
  };
  return d;
}

Result<json> OpenData::DataPackage(const std::string& name) {
  auto spec = registry_.Find(name);
  if (!spec) return NotFound("no dataset " + name);
  auto head = queries_->Head();
  if (!head.ok()) return head.status();
  Dates(*spec, head.value());
  auto opts = options();
  auto license = FindLicense(LicenseOf(*spec));
  json fields = json::array();
  for (const auto& f : spec->fields) {
    json field = {{"name", f.name}, {"type", f.type}};
    if (!f.description.empty()) field["description"] = f.description;
    if (f.type == "array" || f.type == "object") field["format"] = "default";
    fields.push_back(field);
  }
  json schema = {{"fields", fields}};
  json resources = json::array();
  for (Format fmt : {Format::kCsv, Format::kJson, Format::kNdjson}) {
    std::string ext = Extension(fmt);
    json r = {{"name", spec->name + "-" + ext},
              {"path", opts.base_url + "/opendata/" + spec->name + "." + ext},
              {"format", ext},
              {"mediatype", MediaType(fmt).substr(0, MediaType(fmt).find(';'))},
              {"encoding", "utf-8"},
              {"schema", schema}};
    r["profile"] = fmt == Format::kCsv ? "tabular-data-resource" : "data-resource";
    // Stated, so that readers need not guess the dialect from a sample.
    if (fmt == Format::kCsv) {
      r["dialect"] = {{"delimiter", ","}, {"doubleQuote", true}, {"lineTerminator", "\r\n"},
                      {"quoteChar", "\""}, {"header", true}, {"skipInitialSpace", false}};
    }
    resources.push_back(r);
  }
  json pkg = {{"profile", "data-package"},
              {"name", spec->name},
              {"id", opts.base_url + "/opendata/" + spec->name},
              {"title", spec->title},
              {"description", spec->description},
              {"keywords", spec->keywords},
              {"homepage", opts.base_url + "/data"},
              {"created", spec->issued},
              {"version", std::to_string(head->seq)},
              {"contributors", json::array({{{"title", opts.publisher_name},
                                             {"email", opts.publisher_email},
                                             {"path", opts.publisher_url},
                                             {"role", "publisher"}}})},
              {"resources", resources}};
  if (license) {
    pkg["licenses"] =
        json::array({{{"name", license->id}, {"path", license->url}, {"title", license->title}}});
  }
  return pkg;
}

Result<DatasetInfo> OpenData::Publish(const Actor& actor, const UploadMeta& meta,
                                      std::string_view csv) {
  DatasetPublisher p(*datasets_, registry_, options());
  return p.Publish(actor, meta, csv);
}

}  // namespace samrad::opendata
