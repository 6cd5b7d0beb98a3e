// CKAN package actions.
#include "opendata/ckan_api.h"

#include <algorithm>

#include "core/json_depth.h"
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

std::string Lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

json CkanApi::Package(const DatasetSpec& spec0, const LogPosition& head) {
  DatasetSpec spec = spec0;
  od_.Dates(spec, head);
  auto o = od_.options();
  auto license = FindLicense(od_.LicenseOf(spec));
  json tags = json::array();
  for (const auto& k : spec.keywords)
    tags.push_back({{"name", k}, {"display_name", k}, {"state", "active"}});
  json resources = json::array();
  int position = 0;
  for (Format f : {Format::kCsv, Format::kJson, Format::kNdjson}) {
    std::string ext = Extension(f);
    std::string upper = Lower(ext) == "csv" ? "CSV" : ext == "json" ? "JSON" : "NDJSON";
    resources.push_back({{"id", spec.name + "-" + ext},
                         {"package_id", spec.name},
                         {"name", spec.title + " (" + ext + ")"},
                         {"description", spec.description},
                         {"format", upper},
                         {"mimetype", MediaType(f).substr(0, MediaType(f).find(';'))},
                         {"url", o.base_url + "/opendata/" + spec.name + "." + ext},
                         {"url_type", nullptr},
                         {"datastore_active", true},
                         {"position", position++},
                         {"state", "active"},
                         {"created", spec.issued.substr(0, 19)},
                         {"last_modified", spec.modified.substr(0, 19)}});
  }
  std::string org_name = "publisher";
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
      {"metadata_created", spec.issued.substr(0, 19)},
      {"metadata_modified", spec.modified.substr(0, 19)},
      {"url", o.base_url + "/opendata/" + spec.name + "/datapackage.json"},
      {"author", o.publisher_name},
      {"maintainer", o.publisher_name},
      {"maintainer_email", o.publisher_email},
      {"language", spec.language},
      {"theme", spec.theme},
      {"extras", json::array({{{"key", "theme"}, {"value", ThemeIri(spec.theme)}},
                              {{"key", "builtin"}, {"value", spec.builtin ? "true" : "false"}}})},
      {"organization",
       {{"id", org_name},
        {"name", org_name},
        {"title", o.publisher_name},
        {"type", "organization"},
        {"is_organization", true}}},
      {"owner_org", org_name},
      {"groups", json::array()},
      {"tags", tags},
      {"num_tags", tags.size()},
      {"resources", resources},
      {"num_resources", resources.size()}};
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
  auto id = p.find("id");
  if (id == p.end() || id->second.empty()) return InvalidField("id", "Missing value");
  auto spec = od_.registry().Find(id->second);
  if (!spec) return NotFound("Not found");
  auto head = od_.Head();
  if (!head.ok()) return head.status();
  return Package(*spec, head.value());
}

namespace {
// `field:value field:"a value"` -> pairs; nullopt on bad syntax.
std::optional<std::vector<std::pair<std::string, std::string>>> ParseFq(const std::string& fq) {
  std::vector<std::pair<std::string, std::string>> out;
  size_t i = 0;
  while (i < fq.size()) {
    while (i < fq.size() && fq[i] == ' ') ++i;
    if (i >= fq.size()) break;
    if (fq.compare(i, 4, "AND ") == 0) {
      i += 4;
      continue;
    }
    size_t colon = fq.find(':', i);
    if (colon == std::string::npos || colon == i) return std::nullopt;
    std::string field = fq.substr(i, colon - i);
    std::string value;
    i = colon + 1;
    if (i < fq.size() && fq[i] == '"') {
      size_t end = fq.find('"', i + 1);
      if (end == std::string::npos) return std::nullopt;
      value = fq.substr(i + 1, end - i - 1);
      i = end + 1;
    } else {
      size_t end = fq.find(' ', i);
      if (end == std::string::npos) end = fq.size();
      value = fq.substr(i, end - i);
      i = end;
    }
    out.emplace_back(field, value);
  }
  return out;
}

// The values a package has for a facet or fq field.
std::vector<std::string> Values(const json& pkg, const std::string& field) {
  std::vector<std::string> v;
  if (field == "tags") {
    for (const auto& t : pkg["tags"]) v.push_back(t["name"]);
  } else if (field == "res_format") {
    for (const auto& r : pkg["resources"]) v.push_back(r["format"]);
  } else if (field == "organization") {
    v.push_back(pkg["organization"]["name"]);
  } else if (pkg.contains(field) && pkg[field].is_string()) {
    v.push_back(pkg[field]);
  }
  return v;
}

bool KnownField(const std::string& f) {
  static const std::vector<std::string> kFields = {
      "tags", "res_format", "organization", "license_id", "name", "theme", "language", "type"};
  return std::find(kFields.begin(), kFields.end(), f) != kFields.end();
}
}  // namespace

Result<json> CkanApi::PackageSearch(const CkanParams& p) {
  auto rows = CkanInt(p, "rows", 10, 0, kMaxRows);
  if (!rows.ok()) return rows.status();
  auto start = CkanInt(p, "start", 0, 0, INT32_MAX);
  if (!start.ok()) return start.status();
  auto get = [&](const char* k) {
    auto it = p.find(k);
    return it == p.end() ? std::string() : it->second;
  };
  auto fq = ParseFq(get("fq"));
  if (!fq)
    return Status(Code::kMalformed, "fq must be field:value terms, e.g. tags:miljö res_format:CSV");
  for (const auto& [f, v] : *fq) {
    if (!KnownField(f)) return Status(Code::kMalformed, "fq cannot filter on " + f);
  }
  std::vector<std::string> words;
  {
    std::string q = Lower(get("q")), w;
    if (q == "*:*") q.clear();
    for (char c : q + " ") {
      if (c == ' ') {
        if (!w.empty()) words.push_back(w);
        w.clear();
      } else {
        w.push_back(c);
      }
    }
  }
  std::string sort = Lower(get("sort"));
  std::string sort_field = "score", sort_dir = "desc";
  if (!sort.empty()) {
    auto sp = sort.find(' ');
    sort_field = sort.substr(0, sp);
    sort_dir = sp == std::string::npos ? "asc" : sort.substr(sp + 1);
    static const std::vector<std::string> kSorts = {"score", "name", "title", "metadata_modified",
                                                    "metadata_created"};
    if (std::find(kSorts.begin(), kSorts.end(), sort_field) == kSorts.end() ||
        (sort_dir != "asc" && sort_dir != "desc")) {
      return Status(Code::kMalformed,
                    "sort must be one of score, name, title, metadata_modified, "
                    "metadata_created followed by asc or desc");
    }
  }
  std::vector<std::string> facet_fields;
  if (auto ff = get("facet.field"); !ff.empty()) {
    auto j = ParseClientJson(ff, "facet.field");
    if (!j.ok()) return j.status();
    if (!j->is_array())
      return Status(Code::kMalformed, "facet.field must be a JSON list of field names");
    for (const auto& f : *j) {
      if (!f.is_string() || !KnownField(f))
        return Status(Code::kMalformed, "facet.field cannot use " + f.dump());
      facet_fields.push_back(f);
    }
  }
  auto head = od_.Head();
  if (!head.ok()) return head.status();
  std::vector<json> hits;
  for (const auto& spec : od_.registry().All()) {
    json pkg = Package(spec, head.value());
    std::string text = Lower(spec.name + " " + spec.title + " " + spec.description);
    for (const auto& k : spec.keywords) text += " " + Lower(k);
    bool ok = std::all_of(words.begin(), words.end(),
                          [&](const std::string& w) { return text.find(w) != std::string::npos; });
    for (const auto& [f, v] : *fq) {
      auto vals = Values(pkg, f);
      ok = ok && std::find(vals.begin(), vals.end(), v) != vals.end();
    }
    if (ok) hits.push_back(std::move(pkg));
  }
  if (sort_field != "score") {
    std::stable_sort(hits.begin(), hits.end(), [&](const json& a, const json& b) {
      return sort_dir == "asc" ? a[sort_field] < b[sort_field] : b[sort_field] < a[sort_field];
    });
  }
  json facets = json::object(), search_facets = json::object();
  for (const auto& f : facet_fields) {
    std::map<std::string, int> counts;
    for (const auto& h : hits) {
      for (const auto& v : Values(h, f)) ++counts[v];
    }
    json items = json::array();
    for (const auto& [v, n] : counts)
      items.push_back({{"name", v}, {"display_name", v}, {"count", n}});
    facets[f] = counts;
    search_facets[f] = {{"title", f}, {"items", items}};
  }
  json results = json::array();
  for (size_t i = start.value();
       i < hits.size() && results.size() < static_cast<size_t>(rows.value()); ++i) {
    results.push_back(hits[i]);
  }
  return json{{"count", hits.size()},
              {"results", results},
              {"facets", facets},
              {"search_facets", search_facets},
              {"sort", sort_field + " " + sort_dir}};
}

}  // namespace samrad::opendata
