// Licenses and themes.
#include "opendata/vocabulary.h"

#include <algorithm>

namespace samrad::opendata {

namespace {
const std::vector<License>& Licenses() {
  static const std::vector<License> kAll = {
      {"CC0-1.0", "Creative Commons CC0 1.0", "http://creativecommons.org/publicdomain/zero/1.0/"},
      {"CC-BY-4.0", "Creative Commons Attribution 4.0",
       "https://creativecommons.org/licenses/by/4.0/"},
      {"CC-BY-SA-4.0", "Creative Commons Attribution-ShareAlike 4.0",
       "https://creativecommons.org/licenses/by-sa/4.0/"},
      {"ODbL-1.0", "Open Data Commons Open Database License 1.0",
       "https://opendatacommons.org/licenses/odbl/1-0/"},
  };
  return kAll;
}
const std::vector<std::string> kThemes = {"AGRI", "ECON", "EDUC", "ENER", "ENVI", "GOVE", "HEAL",
                                          "INTR", "JUST", "REGI", "SOCI", "TECH", "TRAN"};

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}
}  // namespace

std::optional<License> FindLicense(const std::string& id) {
  for (const auto& l : Licenses()) {
    if (l.id == id) return l;
  }
  return std::nullopt;
}

std::string LicenseIds() {
  std::vector<std::string> ids;
  for (const auto& l : Licenses()) ids.push_back(l.id);
  return Join(ids);
}

bool IsTheme(const std::string& code) {
  return std::find(kThemes.begin(), kThemes.end(), code) != kThemes.end();
}

std::string ThemeCodes() { return Join(kThemes); }

std::string ThemeIri(const std::string& code) {
  return "http://publications.europa.eu/resource/authority/data-theme/" + code;
}

}  // namespace samrad::opendata
