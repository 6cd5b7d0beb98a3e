// The controlled vocabularies open data speaks: licenses (with their IRIs)
// and the EU data themes of DCAT-AP.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace samrad::opendata {

struct License {
  std::string id;  // e.g. CC0-1.0
  std::string title;
  std::string url;  // the license's IRI
};

// CC0-1.0, CC-BY-4.0, CC-BY-SA-4.0, ODbL-1.0; nullopt for another id.
std::optional<License> FindLicense(const std::string& id);
std::string LicenseIds();  // "CC0-1.0, CC-BY-4.0, ..." for error messages

// AGRI, ECON, EDUC, ENER, ENVI, GOVE, HEAL, INTR, JUST, REGI, SOCI, TECH, TRAN.
bool IsTheme(const std::string& code);
std::string ThemeCodes();
// http://publications.europa.eu/resource/authority/data-theme/CODE
std::string ThemeIri(const std::string& code);

}  // namespace samrad::opendata
