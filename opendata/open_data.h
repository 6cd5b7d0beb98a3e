// OpenData: the face of the open-data module that the server calls. It owns
// the dataset registry and the catalog settings, prepares streamed
// downloads, datapackage.json and the DCAT catalog, and takes uploads.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/database.h"
#include "core/dataset_service.h"
#include "core/export_queries.h"
#include "core/status.h"
#include "core/user.h"
#include "opendata/dataset_sizes.h"
#include "opendata/registry.h"
#include "opendata/row_writer.h"

namespace samrad::opendata {

struct OpenDataOptions {
  std::string base_url;  // public base IRI, e.g. https://samrad.nacka.se (no trailing /)
  std::string publisher_name = "Nacka kommun";
  std::string publisher_email = "info@nacka.se";
  std::string publisher_url = "https://www.nacka.se";  // its home page
  std::string publisher_iri;  // empty: BASE/opendata/catalog#publisher
  // dct:spatial of the catalog and every dataset: the municipality. Sweden
  // in the EU country table by default; set the municipality's own IRI.
  std::string spatial_iri = "http://publications.europa.eu/resource/authority/country/SWE";
  std::string license = "CC0-1.0";                     // for datasets that name none
  std::string catalog_title = "Samråd: öppna data";
  std::string catalog_description =
      "Öppna data från kommunens medborgardialog: samråd, händelselogg och dataset som "
      "tjänstepersoner publicerat.";
  std::string catalog_title_en = "Samråd: open data";
  std::string catalog_description_en =
      "Open data from the municipality's citizen dialogue: consultations, the event log and "
      "datasets published by officials.";
  size_t max_upload_bytes = 50u << 20;
};

struct Download {
  std::string content_type;
  std::string etag;      // quoted
  std::string filename;  // e.g. events.csv
  int64_t last_modified = 0;  // the dataset's last change, epoch seconds (0: unknown)
  // Writes the whole body to the sink, chunk by chunk; stops early when the
  // sink refuses one.
  std::function<void(const ChunkSink&)> produce;
};

// Metadata of an upload, from the request.
struct UploadMeta {
  std::string name, title, description, theme, license, language = "sv";
  std::vector<std::string> keywords;
};

class OpenData {
 public:
  OpenData(std::shared_ptr<Database> db, std::shared_ptr<Clock> clock);

  // Set before serving; SetBaseUrl may follow once the port is known.
  void Configure(OpenDataOptions options);
  void SetBaseUrl(const std::string& url);
  OpenDataOptions options() const;

  Registry& registry() { return registry_; }
  std::shared_ptr<DatasetService> datasets() const { return datasets_; }

  // For "NAME.csv|json|ndjson": kNotFound for an unknown dataset or format,
  // kInvalidArgument for a modified_since that is not RFC 3339.
  // A dataset's last change in epoch seconds (its own kinds of events, or
  // its publication); 0 when unknown. Thread-safe.
  int64_t LastModified(const std::string& name);
  Result<Download> PrepareDownload(const std::string& file,
                                   const std::optional<std::string>& modified_since);
  // The Frictionless Data Package: kNotFound for an unknown dataset.
  Result<nlohmann::json> DataPackage(const std::string& name);
  // Checks, parses and publishes an uploaded CSV (see DatasetPublisher).
  Result<DatasetInfo> Publish(const Actor& actor, const UploadMeta& meta, std::string_view csv);
  // The log position every ETag derives from.
  Result<LogPosition> Head() { return queries_->Head(); }
  // A spec's effective license id, issued and modified times (modified: the
  // newest event of its change_kinds, so one dataset's change leaves the
  // others' alone).
  std::string LicenseOf(const DatasetSpec& d) const;
  void Dates(DatasetSpec& d, const LogPosition& head) const;
  int64_t LastChange(const DatasetSpec& spec, const LogPosition& head) const;
  // Rows and CSV bytes of a dataset as its download has them now, counted
  // once per log position. Errors: kInternal.
  Result<DatasetSize> SizeOf(const DatasetSpec& spec);

  // All methods are thread-safe.

 private:
  std::shared_ptr<Database> db_;
  std::shared_ptr<Clock> clock_;
  std::shared_ptr<ExportQueries> queries_;
  std::shared_ptr<DatasetService> datasets_;
  Registry registry_;
  DatasetSizes sizes_;
  mutable std::mutex mu_;
  OpenDataOptions options_;
};

}  // namespace samrad::opendata
