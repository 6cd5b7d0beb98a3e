// CKAN package and resource actions, and the shared parameter helpers.
#include "opendata/ckan_api.h"

#include <algorithm>
#include <cstring>

#include "core/clock.h"
#include "opendata/vocabulary.h"

namespace samrad::opendata {

using nlohmann::json;

Result<int64_t> CkanInt(const CkanParams& p, const std::string& name, int64_t def, int64_t min,
                        int64_t max) {
  auto it = p.find(name);
  if (it == p.end() || it->second.empty()) return def;
  try {
    size_t used = 0;
    int64_t v = std::stoll(it->second, &used);
    if (used == it->second.size() && v >= min && v <= max) return v;
  } catch (const std::exception&) {
  }
  return InvalidField(
      name, "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max));
}

Result<bool> CkanBool(const CkanParams& p, const std::string& name, bool def) {
  std::string v = Lower(CkanText(p, name));
  if (v.empty()) return def;
  if (v == "true" || v == "1" || v == "yes") return true;
  if (v == "false" || v == "0" || v == "no") return false;
  return InvalidField(name, "must be true or false");
}

std::string CkanText(const CkanParams& p, const std::string& name) {
  auto it = p.find(name);
  return it == p.end() ? std::string() : it->second;
}

std::string Lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string CkanName(const std::string& title) {
  // Swedish letters fold to their base letter; anything else outside
  // [a-z0-9_] becomes one hyphen.
  static const std::pair<const char*, char> kFold[] = {
      {"å", 'a'}, {"ä", 'a'}, {"ö", 'o'}, {"Å", 'a'}, {"Ä", 'a'}, {"Ö", 'o'}, {"é", 'e'}, {"ü", 'u'}};
  std::string out;
  for (size_t i = 0; i < title.size();) {
    bool folded = false;
    for (const auto& [from, to] : kFold) {
      if (title.compare(i, std::strlen(from), from) == 0) {
        out.push_back(to), i += std::strlen(from), folded = true;
        break;
      }
    }
    if (folded) continue;
    char c = static_cast<char>(std::tolower(static_cast<unsigned char>(title[i++])));
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_') {
      out.push_back(c);
    } else if (!out.empty() && out.back() != '-') {
      out.push_back('-');
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "publisher" : out;
}

std::string CkanTime(const std::string& rfc3339) {
  auto t = ParseTime(rfc3339);
  std::string utc = t ? FormatTime(*t) : rfc3339;
  return utc.substr(0, 19) + ".000000";
}

json CkanApi::Package(const DatasetSpec& spec0, const LogPosition& head) {
  DatasetSpec spec = spec0;
  od_.Dates(spec, head);
  auto o = od_.options();
  auto license = FindLicense(od_.LicenseOf(spec));
  json tags = json::array();
  for (const auto& k : spec.keywords) {
    tags.push_back({{"id", k},
                    {"name", k},
                    {"display_name", k},
                    {"vocabulary_id", nullptr},
                    {"state", "active"}});
  }
  const std::string created = CkanTime(spec.issued), modified = CkanTime(spec.modified);
  json resources = json::array();
  int position = 0;
  for (Format f : {Format::kCsv, Format::kExcelCsv, Format::kJson, Format::kNdjson}) {
    std::string ext = Extension(f);
    std::string id = spec.name + "-" + (f == Format::kExcelCsv ? "excel-csv" : ext);
    std::string format = f == Format::kJson ? "JSON" : f == Format::kNdjson ? "NDJSON" : "CSV";
    std::string label = f == Format::kExcelCsv ? "CSV för Excel" : format;
    std::string media = MediaType(f);
    resources.push_back({{"id", id},
                         {"package_id", spec.name},
                         {"name", spec.title + " (" + label + ")"},
                         {"description", spec.description},
                         {"format", format},
                         {"mimetype", media.substr(0, media.find(';'))},
                         {"size", nullptr},  // streamed: not known before it is written
                         {"url", o.base_url + "/opendata/" + spec.name + "." + ext},
                         {"url_type", nullptr},
                         {"datastore_active", true},
                         {"position", position++},
                         {"state", "active"},
                         {"created", created},
                         {"metadata_modified", modified},
                         {"last_modified", modified}});
  }
  json group = Group(spec.theme, 0);
  group.erase("package_count");
  return {
      {"id", spec.name},
      {"name", spec.name},
      {"title", spec.title},
      {"notes", spec.description},
      {"type", "dataset"},
      {"state", "active"},
      {"private", false},
      {"isopen", true},
      {"license_id", license ? license->id : od_.LicenseOf(spec)},
      {"license_title", license ? license->title : ""},
      {"license_url", license ? license->url : ""},
      {"metadata_created", created},
      {"metadata_modified", modified},
      {"url", o.base_url + "/opendata/" + spec.name + "/datapackage.json"},
      {"version", nullptr},
      {"author", o.publisher_name},
      {"author_email", o.publisher_email},
      {"maintainer", o.publisher_name},
      {"maintainer_email", o.publisher_email},
      {"creator_user_id", nullptr},
      {"language", spec.language},
      {"theme", spec.theme},
      {"extras", json::array({{{"key", "theme"}, {"value", ThemeIri(spec.theme)}},
                              {{"key", "builtin"}, {"value", spec.builtin ? "true" : "false"}}})},
      {"organization", Organization(false, 0)},
      {"owner_org", CkanName(o.publisher_name)},
      {"groups", json::array({group})},
      {"tags", tags},
      {"num_tags", tags.size()},
      {"resources", resources},
      {"num_resources", resources.size()},
      {"relationships_as_object", json::array()},
      {"relationships_as_subject", json::array()}};
}

Result<std::vector<json>> CkanApi::AllPackages() {
  auto head = od_.Head();
  if (!head.ok()) return head.status();
  std::vector<json> out;
  for (const auto& spec : od_.registry().All()) out.push_back(Package(spec, head.value()));
  return out;
}

Result<json> CkanApi::PackageList(const CkanParams& p) {
  auto limit = CkanInt(p, "limit", 1000000, 0, 1000000);
  if (!limit.ok()) return limit.status();
  auto offset = CkanInt(p, "offset", 0, 0, 1000000);
  if (!offset.ok()) return offset.status();
  std::vector<std::string> names;
  for (const auto& d : od_.registry().All()) names.push_back(d.name);
  std::sort(names.begin(), names.end());
  json out = json::array();
  for (size_t i = offset.value();
       i < names.size() && out.size() < static_cast<size_t>(limit.value()); ++i) {
    out.push_back(names[i]);
  }
  return out;
}

Result<json> CkanApi::PackageShow(const CkanParams& p) {
  std::string id = CkanText(p, "id");
  if (id.empty()) return InvalidField("id", "Missing value");
  auto spec = od_.registry().Find(id);
  if (!spec) return NotFound("Not found");
  auto head = od_.Head();
  if (!head.ok()) return head.status();
  return Package(*spec, head.value());
}

Result<json> CkanApi::CurrentPackageListWithResources(const CkanParams& p) {
  auto limit = CkanInt(p, "limit", 1000000, 0, 1000000);
  if (!limit.ok()) return limit.status();
  auto offset = CkanInt(p, "offset", 0, 0, 1000000);
  if (!offset.ok()) return offset.status();
  auto found = AllPackages();
  if (!found.ok()) return found.status();
  std::vector<json> all = std::move(found).value();
  // CKAN lists the most recently modified first.
  std::stable_sort(all.begin(), all.end(), [](const json& a, const json& b) {
    return b["metadata_modified"] < a["metadata_modified"];
  });
  json out = json::array();
  for (size_t i = offset.value();
       i < all.size() && out.size() < static_cast<size_t>(limit.value()); ++i) {
    out.push_back(std::move(all[i]));
  }
  return out;
}

Result<json> CkanApi::ResourceShow(const CkanParams& p) {
  std::string id = CkanText(p, "id");
  if (id.empty()) return InvalidField("id", "Missing value");
  auto found = AllPackages();
  if (!found.ok()) return found.status();
  std::vector<json> all = std::move(found).value();
  for (const auto& pkg : all) {
    if (!id.starts_with(pkg["name"].get<std::string>() + "-")) continue;
    for (const auto& r : pkg["resources"]) {
      if (r["id"] == id) return r;
    }
  }
  return NotFound("Resource was not found.");
}

}  // namespace samrad::opendata
