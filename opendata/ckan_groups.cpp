// CKAN's catalogue-wide actions: the municipality as the one organization,
// the EU data themes as groups, tags, licenses, status_show and help_show.
#include <algorithm>
#include <set>

#include "opendata/ckan_api.h"
#include "opendata/csv.h"
#include "opendata/vocabulary.h"

namespace samrad::opendata {

using nlohmann::json;

namespace {
// The EU data themes' Swedish labels (the Publications Office's vocabulary).
const std::map<std::string, std::string>& ThemeTitles() {
  static const std::map<std::string, std::string> kTitles = {
      {"AGRI", "Jordbruk, fiske, skogsbruk och livsmedel"},
      {"ECON", "Ekonomi och finans"},
      {"EDUC", "Utbildning, kultur och sport"},
      {"ENER", "Energi"},
      {"ENVI", "Miljö"},
      {"GOVE", "Regeringen och den offentliga sektorn"},
      {"HEAL", "Hälsa"},
      {"INTR", "Internationella frågor"},
      {"JUST", "Rättsliga frågor, rättssystem och allmän säkerhet"},
      {"REGI", "Regioner och städer"},
      {"SOCI", "Befolkning och samhälle"},
      {"TECH", "Vetenskap och teknik"},
      {"TRAN", "Transport"}};
  return kTitles;
}

// A group name back to its theme code ("soci" or "SOCI" -> "SOCI").
std::string ThemeOf(const std::string& id) {
  std::string code = id;
  for (auto& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return ThemeTitles().count(code) ? code : std::string();
}

// Keeps [offset, offset + limit) of a list.
Result<json> Window(const CkanParams& p, json list) {
  auto limit = CkanInt(p, "limit", 1000, 0, 1000);
  if (!limit.ok()) return limit.status();
  auto offset = CkanInt(p, "offset", 0, 0, 1000000);
  if (!offset.ok()) return offset.status();
  json out = json::array();
  for (size_t i = offset.value(); i < list.size() && out.size() < size_t(limit.value()); ++i)
    out.push_back(std::move(list[i]));
  return out;
}
}  // namespace

const std::vector<std::pair<std::string, std::string>>& CkanApi::Actions() {
  static const std::vector<std::pair<std::string, std::string>> kActions = {
      {"package_list", "Return a list of the names of the site's datasets (packages)."},
      {"package_show", "Return the metadata of a dataset (package) and its resources."},
      {"package_search", "Searches for packages satisfying a given search criteria (q, fq, sort, "
                         "rows, start, facet.field)."},
      {"current_package_list_with_resources",
       "Return a list of the site's datasets and their resources, most recently modified first."},
      {"resource_show", "Return the metadata of a resource."},
      {"datastore_search", "Search a DataStore resource (filters, q, full_text, distinct, fields, "
                           "sort, limit, offset, records_format)."},
      {"organization_list", "Return a list of the names of the site's organizations."},
      {"organization_show", "Return the details of an organization."},
      {"group_list", "Return a list of the names of the site's groups (the EU data themes)."},
      {"group_show", "Return the details of a group."},
      {"tag_list", "Return a list of the site's tags."},
      {"license_list", "Return the list of licenses available for datasets on the site."},
      {"status_show", "Return a dictionary with information about the site's configuration."},
      {"help_show", "Return the help string for a particular API action."}};
  return kActions;
}

json CkanApi::Organization(bool with_count, size_t count) {
  auto o = od_.options();
  std::string name = CkanName(o.publisher_name);
  json org = {{"id", name},
              {"name", name},
              {"title", o.publisher_name},
              {"display_name", o.publisher_name},
              {"description", o.catalog_description},
              {"image_url", ""},
              {"image_display_url", ""},
              {"type", "organization"},
              {"is_organization", true},
              {"state", "active"},
              {"approval_status", "approved"},
              {"created", "2000-01-01T00:00:00.000000"}};
  if (with_count) org["package_count"] = count;
  return org;
}

json CkanApi::Group(const std::string& theme, size_t count) {
  std::string title = ThemeTitles().count(theme) ? ThemeTitles().at(theme) : theme;
  return {{"id", Lower(theme)},
          {"name", Lower(theme)},
          {"title", title},
          {"display_name", title},
          {"description", ThemeIri(theme)},
          {"image_url", ""},
          {"image_display_url", ""},
          {"type", "group"},
          {"is_organization", false},
          {"state", "active"},
          {"approval_status", "approved"},
          {"package_count", count}};
}

Result<json> CkanApi::OrganizationList(const CkanParams& p) {
  auto all_fields = CkanBool(p, "all_fields", false);
  if (!all_fields.ok()) return all_fields.status();
  json org = Organization(true, od_.registry().All().size());
  return Window(p, json::array({*all_fields ? org : org["name"]}));
}

Result<json> CkanApi::OrganizationShow(const CkanParams& p) {
  std::string id = CkanText(p, "id");
  if (id.empty()) return InvalidField("id", "Missing value");
  auto with = CkanBool(p, "include_datasets", false);
  if (!with.ok()) return with.status();
  auto found = AllPackages();
  if (!found.ok()) return found.status();
  std::vector<json> all = std::move(found).value();
  json org = Organization(true, all.size());
  if (id != org["name"]) return NotFound("Organization not found");
  org["users"] = json::array();
  org["tags"] = json::array();
  org["groups"] = json::array();
  org["extras"] = json::array();
  if (*with) org["packages"] = all;
  return org;
}

Result<json> CkanApi::GroupList(const CkanParams& p) {
  auto all_fields = CkanBool(p, "all_fields", false);
  if (!all_fields.ok()) return all_fields.status();
  std::map<std::string, size_t> counts;
  for (const auto& spec : od_.registry().All()) ++counts[spec.theme];
  json list = json::array();
  for (const auto& [code, title] : ThemeTitles()) {
    json g = Group(code, counts[code]);
    list.push_back(*all_fields ? g : g["name"]);
  }
  return Window(p, std::move(list));
}

Result<json> CkanApi::GroupShow(const CkanParams& p) {
  std::string id = CkanText(p, "id");
  if (id.empty()) return InvalidField("id", "Missing value");
  std::string theme = ThemeOf(id);
  if (theme.empty()) return NotFound("Group not found");
  auto with = CkanBool(p, "include_datasets", false);
  if (!with.ok()) return with.status();
  auto found = AllPackages();
  if (!found.ok()) return found.status();
  std::vector<json> all = std::move(found).value();
  json members = json::array();
  for (auto& pkg : all) {
    if (pkg["theme"] == theme) members.push_back(std::move(pkg));
  }
  json g = Group(theme, members.size());
  g["users"] = json::array();
  g["tags"] = json::array();
  g["groups"] = json::array();
  g["extras"] = json::array();
  if (*with) g["packages"] = std::move(members);
  return g;
}

Result<json> CkanApi::TagList(const CkanParams& p) {
  auto all_fields = CkanBool(p, "all_fields", false);
  if (!all_fields.ok()) return all_fields.status();
  std::string query = Lower(CkanText(p, "query"));
  std::set<std::string> names;
  for (const auto& spec : od_.registry().All()) {
    for (const auto& k : spec.keywords) {
      if (Lower(k).find(query) != std::string::npos) names.insert(k);
    }
  }
  json out = json::array();
  for (const auto& n : names) {
    out.push_back(*all_fields ? json{{"id", n}, {"name", n}, {"display_name", n},
                                     {"vocabulary_id", nullptr}, {"state", "active"}}
                              : json(n));
  }
  return out;
}

Result<json> CkanApi::LicenseList(const CkanParams&) {
  json out = json::array();
  for (const auto& id : SplitCommaList(LicenseIds())) {
    auto l = FindLicense(id);
    if (!l) continue;
    out.push_back({{"id", l->id},
                   {"title", l->title},
                   {"url", l->url},
                   {"status", "active"},
                   {"maintainer", ""},
                   {"family", ""},
                   {"od_conformance", "approved"},
                   {"osd_conformance", "not reviewed"},
                   {"domain_content", true},
                   {"domain_data", true},
                   {"domain_software", false},
                   {"is_generic", false},
                   {"is_okd_compliant", true},
                   {"is_osi_compliant", false}});
  }
  return out;
}

Result<json> CkanApi::StatusShow(const CkanParams&) {
  auto o = od_.options();
  return json{{"site_title", o.catalog_title},
              {"site_description", o.catalog_description},
              {"site_url", o.base_url},
              {"ckan_version", "2.10.0"},
              {"error_emails_to", o.publisher_email},
              {"locale_default", "sv"},
              {"extensions", json::array({"datastore"})}};
}

Result<json> CkanApi::HelpShow(const CkanParams& p) {
  std::string name = CkanText(p, "name");
  if (name.empty()) return InvalidField("name", "Missing value");
  for (const auto& [action, help] : Actions()) {
    if (action == name) return json(help);
  }
  return NotFound("Action function not found");
}

}  // namespace samrad::opendata
