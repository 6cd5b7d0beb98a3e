// A CKAN-compatible read API over the registry: package_list, package_show,
// package_search and datastore_search return CKAN's `result` objects; the
// server wraps them in {help, success, result} and maps errors to CKAN's
// error types (kNotFound: Not Found Error, kInvalidArgument: Validation
// Error, kMalformed: Search Query Error).
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "core/status.h"
#include "opendata/open_data.h"

namespace samrad::opendata {

// Action parameters by name (query values, or a JSON body's members with
// non-strings as JSON text).
using CkanParams = std::map<std::string, std::string>;

class CkanApi {
 public:
  static constexpr int kMaxRows = 1000;          // package_search rows
  static constexpr int kMaxLimit = 32000;        // datastore_search limit
  static constexpr int kMaxSortWindow = 100000;  // offset + limit when sorting
  // Cell text in one datastore_search response, whatever the limit: a few
  // megabytes that every proxy and client takes.
  static constexpr size_t kMaxResponseBytes = 4u << 20;

  explicit CkanApi(OpenData& od) : od_(od) {}

  // All methods are thread-safe; errors as described above.
  Result<nlohmann::json> PackageList(const CkanParams& p);
  Result<nlohmann::json> PackageShow(const CkanParams& p);
  Result<nlohmann::json> PackageSearch(const CkanParams& p);
  Result<nlohmann::json> DatastoreSearch(const CkanParams& p);

 private:
  nlohmann::json Package(const DatasetSpec& spec, const LogPosition& head);
  OpenData& od_;
};

// Parses an integer parameter in [min, max], def when absent.
Result<int64_t> CkanInt(const CkanParams& p, const std::string& name, int64_t def, int64_t min,
                        int64_t max);
// ASCII lower case (enough for matching field names and keywords loosely).
std::string Lower(std::string s);

}  // namespace samrad::opendata
