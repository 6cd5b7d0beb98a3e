// A CKAN-compatible read API over the registry: the package, resource,
// organization, group, tag, license and datastore actions return CKAN's
// `result` objects; the server wraps them in {help, success, result} and maps
// errors to CKAN's error types (kNotFound: Not Found Error, kInvalidArgument:
// Validation Error, kMalformed: Search Query Error).
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/status.h"
#include "opendata/open_data.h"

namespace samrad::opendata {

// Action parameters by name (query values, or a JSON body's members with
// non-strings as JSON text).
using CkanParams = std::map<std::string, std::string>;

class CkanApi {
 public:
  static constexpr int kMaxRows = 1000;          // package_search rows (larger is clamped)
  static constexpr int kMaxLimit = 32000;        // datastore_search limit
  static constexpr int kMaxSortWindow = 100000;  // offset + limit when sorting
  static constexpr size_t kMaxDistinct = 1000000;  // distinct rows one search keeps
  // Cell text in one datastore_search response, whatever the limit: a few
  // megabytes that every proxy and client takes.
  static constexpr size_t kMaxResponseBytes = 4u << 20;

  explicit CkanApi(OpenData& od) : od_(od) {}

  // All methods are thread-safe; errors as described above.
  Result<nlohmann::json> PackageList(const CkanParams& p);
  Result<nlohmann::json> PackageShow(const CkanParams& p);
  Result<nlohmann::json> PackageSearch(const CkanParams& p);
  Result<nlohmann::json> CurrentPackageListWithResources(const CkanParams& p);
  Result<nlohmann::json> ResourceShow(const CkanParams& p);
  Result<nlohmann::json> DatastoreSearch(const CkanParams& p);
  // The municipality is the one organization; the EU data themes are groups.
  Result<nlohmann::json> OrganizationList(const CkanParams& p);
  Result<nlohmann::json> OrganizationShow(const CkanParams& p);
  Result<nlohmann::json> GroupList(const CkanParams& p);
  Result<nlohmann::json> GroupShow(const CkanParams& p);
  Result<nlohmann::json> TagList(const CkanParams& p);
  Result<nlohmann::json> LicenseList(const CkanParams& p);
  Result<nlohmann::json> StatusShow(const CkanParams& p);
  Result<nlohmann::json> HelpShow(const CkanParams& p);

  // The action names above, as CKAN spells them, with one line of help each.
  static const std::vector<std::pair<std::string, std::string>>& Actions();

 private:
  // Every dataset as a CKAN package, in registry order.
  Result<std::vector<nlohmann::json>> AllPackages();
  nlohmann::json Package(const DatasetSpec& spec, const LogPosition& head);
  nlohmann::json Organization(bool with_count, size_t count);
  nlohmann::json Group(const std::string& theme, size_t count);
  OpenData& od_;
};

// Parses an integer parameter in [min, max], def when absent.
Result<int64_t> CkanInt(const CkanParams& p, const std::string& name, int64_t def, int64_t min,
                        int64_t max);
// "true"/"false" (any case, or 1/0); def when absent; kInvalidArgument otherwise.
Result<bool> CkanBool(const CkanParams& p, const std::string& name, bool def);
// The parameter's text, empty when absent.
std::string CkanText(const CkanParams& p, const std::string& name);
// ASCII lower case (enough for matching field names and keywords loosely).
std::string Lower(std::string s);
// A CKAN name ([a-z0-9_-]) from a title: "Nacka kommun" -> "nacka-kommun".
std::string CkanName(const std::string& title);
// CKAN's time format, UTC without a zone: 2026-01-02T10:00:00.000000.
std::string CkanTime(const std::string& rfc3339);

}  // namespace samrad::opendata
