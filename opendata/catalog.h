// The DCAT-AP-SE catalog as plain values with absolute IRIs, the RDF graph
// made from it, and that graph's serialisations (RDF/XML with libxml2's
// writer, JSON-LD and Turtle). Pure functions, testable without HTTP.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/status.h"

namespace samrad::opendata {

class OpenData;

// A text in one language ("sv" or "en").
struct LangText {
  std::string lang, text;
};

struct DistributionModel {
  std::string iri, access_url, download_url, format_iri, media_type_iri, license_iri;
  std::vector<LangText> titles;
  int64_t byte_size = -1;  // -1: unknown
};

struct DatasetModel {
  std::string iri, language, theme_iri, issued, modified, license_iri, landing_page,
      periodicity_iri, spatial_iri;
  std::vector<LangText> titles, descriptions, keywords;
  std::vector<DistributionModel> distributions;
};

struct CatalogModel {
  std::string iri, language = "sv", homepage, license_iri, issued, modified, spatial_iri;
  std::vector<LangText> titles, descriptions;
  std::string publisher_iri, publisher_name, publisher_homepage;
  std::string contact_iri, contact_fn, contact_email;
  std::vector<DatasetModel> datasets;
};

// One object of a triple: an IRI, or a literal with a language tag or a
// datatype IRI (or neither).
struct RdfObject {
  std::string value;
  bool iri = false;
  std::string lang, datatype;
};

// A named node: its IRI, its rdf:type as a prefixed name, its properties
// (prefixed predicate names) in order. The graph has no blank nodes.
struct RdfNode {
  std::string iri, type;
  std::vector<std::pair<std::string, RdfObject>> props;
};
using RdfGraph = std::vector<RdfNode>;

// The prefixes every serialisation declares: {prefix, namespace IRI}.
const std::vector<std::pair<std::string, std::string>>& RdfPrefixes();
// A prefixed name ("dcat:Dataset") as a full IRI.
std::string ExpandName(const std::string& name);

// The IRIs the catalog names, and a dataset's web page (on /data).
std::string CatalogIri(const std::string& base_url);
std::string DatasetIri(const std::string& base_url, const std::string& name);
std::string DistributionIri(const std::string& base_url, const std::string& name, const std::string& ext);
std::string DatasetPage(const std::string& base_url, const std::string& name);

// The EU language IRI for "sv" or "en".
std::string LanguageIri(const std::string& code);
Result<CatalogModel> BuildCatalog(OpenData& od);
// The whole catalog: catalog, agent, contact, datasets and distributions.
RdfGraph CatalogGraph(const CatalogModel& m);
// The description of one IRI of the graph: a dataset with its distributions,
// or one distribution, or the whole graph for the catalog. Empty when the
// graph names no such node.
RdfGraph DescribeNode(const RdfGraph& g, const std::string& iri);

Result<std::string> WriteRdfXml(const RdfGraph& g);
nlohmann::json WriteJsonLd(const RdfGraph& g);
std::string WriteTurtle(const RdfGraph& g);

// The whole catalog in each form.
Result<std::string> WriteCatalogRdf(const CatalogModel& m);
nlohmann::json WriteCatalogJsonLd(const CatalogModel& m);

}  // namespace samrad::opendata
