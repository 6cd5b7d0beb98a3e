// The DCAT-AP-SE catalog as plain values with absolute IRIs, and its two
// serialisations (RDF/XML with libxml2's writer, and JSON-LD). Pure
// functions over the model, so both can be tested without HTTP.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/status.h"

namespace samrad::opendata {

class OpenData;

struct DistributionModel {
  std::string iri, title, access_url, download_url, format_iri, media_type_iri, license_iri;
};

struct DatasetModel {
  std::string iri, title, description, language, theme_iri, issued, modified, license_iri,
      landing_page;
  std::vector<std::string> keywords;
  std::vector<DistributionModel> distributions;
};

struct CatalogModel {
  std::string iri, title, description, language = "sv", homepage, license_iri, issued, modified;
  std::string publisher_iri, publisher_name, publisher_homepage;
  std::string contact_iri, contact_fn, contact_email;
  std::vector<DatasetModel> datasets;
};

// The EU language IRI for "sv" or "en".
std::string LanguageIri(const std::string& code);
Result<CatalogModel> BuildCatalog(OpenData& od);
Result<std::string> WriteCatalogRdf(const CatalogModel& m);
nlohmann::json WriteCatalogJsonLd(const CatalogModel& m);

}  // namespace samrad::opendata
