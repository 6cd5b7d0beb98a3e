// The catalog as JSON-LD: the same graph as catalog.rdf, every node named.
#include "core/text_rules.h"
#include "opendata/catalog.h"

namespace samrad::opendata {

using nlohmann::json;

namespace {
// The same characters as catalog.rdf, so both serialisations hold one graph.
json Lang(const std::string& text, const std::string& lang) {
  return {{"@value", CleanXmlText(text)}, {"@language", lang}};
}
json Id(const std::string& iri) { return {{"@id", iri}}; }
json Time(const std::string& t) { return {{"@value", t}, {"@type", "xsd:dateTime"}}; }
}  // namespace

json WriteCatalogJsonLd(const CatalogModel& m) {
  json graph = json::array();
  json catalog = {{"@id", m.iri},
                  {"@type", "dcat:Catalog"},
                  {"dcterms:title", Lang(m.title, m.language)},
                  {"dcterms:description", Lang(m.description, m.language)},
                  {"dcterms:publisher", Id(m.publisher_iri)},
                  {"dcterms:license", Id(m.license_iri)},
                  {"dcterms:language", Id(LanguageIri(m.language))},
                  {"foaf:homepage", Id(m.homepage)},
                  {"dcat:dataset", json::array()}};
  if (!m.issued.empty()) catalog["dcterms:issued"] = Time(m.issued);
  if (!m.modified.empty()) catalog["dcterms:modified"] = Time(m.modified);
  for (const auto& d : m.datasets) catalog["dcat:dataset"].push_back(Id(d.iri));
  graph.push_back(catalog);
  graph.push_back({{"@id", m.publisher_iri},
                   {"@type", "foaf:Agent"},
                   {"foaf:name", Lang(m.publisher_name, m.language)},
                   {"foaf:homepage", Id(m.publisher_homepage)},
                   {"dcterms:type", Id("http://purl.org/adms/publishertype/LocalAuthority")}});
  graph.push_back({{"@id", m.contact_iri},
                   {"@type", "vcard:Organization"},
                   {"vcard:fn", Lang(m.contact_fn, m.language)},
                   {"vcard:hasEmail", Id("mailto:" + m.contact_email)}});
  for (const auto& d : m.datasets) {
    json keywords = json::array();
    for (const auto& k : d.keywords) keywords.push_back(Lang(k, d.language));
    json dists = json::array();
    for (const auto& x : d.distributions) dists.push_back(Id(x.iri));
    graph.push_back({{"@id", d.iri},
                     {"@type", "dcat:Dataset"},
                     {"dcterms:title", Lang(d.title, d.language)},
                     {"dcterms:description", Lang(d.description, d.language)},
                     {"dcterms:publisher", Id(m.publisher_iri)},
                     {"dcat:contactPoint", Id(m.contact_iri)},
                     {"dcat:keyword", keywords},
                     {"dcat:theme", Id(d.theme_iri)},
                     {"dcterms:language", Id(LanguageIri(d.language))},
                     {"dcterms:issued", Time(d.issued)},
                     {"dcterms:modified", Time(d.modified)},
                     {"dcat:landingPage", Id(d.landing_page)},
                     {"dcterms:accessRights",
                      Id("http://publications.europa.eu/resource/authority/access-right/PUBLIC")},
                     {"dcat:distribution", dists}});
    for (const auto& x : d.distributions) {
      graph.push_back({{"@id", x.iri},
                       {"@type", "dcat:Distribution"},
                       {"dcterms:title", Lang(x.title, d.language)},
                       {"dcat:accessURL", Id(x.access_url)},
                       {"dcat:downloadURL", Id(x.download_url)},
                       {"dcterms:format", Id(x.format_iri)},
                       {"dcat:mediaType", Id(x.media_type_iri)},
                       {"dcterms:license", Id(x.license_iri)}});
    }
  }
  json context = {{"dcat", "http://www.w3.org/ns/dcat#"},
                  {"dcterms", "http://purl.org/dc/terms/"},
                  {"foaf", "http://xmlns.com/foaf/0.1/"},
                  {"vcard", "http://www.w3.org/2006/vcard/ns#"},
                  {"xsd", "http://www.w3.org/2001/XMLSchema#"}};
  return {{"@context", context}, {"@graph", graph}};
}

}  // namespace samrad::opendata
