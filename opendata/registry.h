// The dataset registry: every open dataset (built in or published by an
// official) is a DatasetSpec; downloads, datapackage.json, the DCAT catalog
// and the CKAN API work from specs alone and know no domain type by name.
//
// Adding a built-in dataset (e.g. comments, decisions, decision_votes,
// moderation_log):
//   1. In core/, add a method to ExportQueries (or a sibling class) that
//      pages through the rows by keyset and fills a Row per row, honouring
//      ExportQuery::modified_since. All SQL stays in core/.
//   2. In opendata/, add `DatasetSpec CommentsDataset(std::shared_ptr<ExportQueries>)`
//      in its own file (see builtin_datasets.cpp): name, title, description,
//      keywords, theme, fields (name, Frictionless type, description, in the
//      order of the Row's cells) and `rows` calling the core method.
//   3. Register it in RegisterBuiltinDatasets() with one line.
// It then appears in /opendata/NAME.csv|.json|.ndjson, its datapackage.json,
// catalog.rdf/.jsonld and package_list/package_show/datastore_search.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/export_queries.h"
#include "core/status.h"

namespace samrad::opendata {

struct FieldSpec {
  std::string name;
  std::string
      type;  // Frictionless: string, integer, number, boolean, date, datetime, object, array
  std::string description;
};

struct DatasetSpec {
  std::string name;  // URL name: [a-z0-9_-]
  std::string title;
  std::string description;
  std::vector<std::string> keywords;
  std::string theme = "GOVE";  // EU data theme code
  std::string license;         // empty: the catalog's default license
  std::string language = "sv";
  std::vector<FieldSpec> fields;
  // The same in English, for the catalog (built-in datasets; empty for uploads).
  std::string title_en, description_en;
  std::vector<std::string> keywords_en;
  std::string issued;    // RFC 3339; empty: when the log began
  // RFC 3339; empty: the newest log entry of change_kinds (of any kind when
  // that is empty).
  std::string modified;
  std::vector<std::string> change_kinds;  // event kinds that change its rows
  // EU frequency code: CONT for live data, IRREG for uploads.
  std::string periodicity = "CONT";
  int64_t byte_size = -1;  // of the uploaded file; -1: unknown
  bool builtin = true;
  // Streams the rows, each with one cell per field. Errors: kInternal.
  std::function<Status(const ExportQuery&, const RowCallback&)> rows;
};

// Thread-safe once built; providers are asked on every lookup, so datasets
// published while running appear at once.
class Registry {
 public:
  // A dataset that always exists.
  void Add(DatasetSpec spec);
  // A provider of datasets known only at run time (published uploads).
  void AddProvider(std::function<std::vector<DatasetSpec>()> provider);
  // Built-in datasets first, then the providers', each list in its order.
  std::vector<DatasetSpec> All() const;
  std::optional<DatasetSpec> Find(const std::string& name) const;
  bool IsBuiltin(const std::string& name) const;

 private:
  std::vector<DatasetSpec> fixed_;
  std::vector<std::function<std::vector<DatasetSpec>()>> providers_;
};

}  // namespace samrad::opendata
