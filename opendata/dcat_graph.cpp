// The catalog model as an RDF graph of named nodes, which every
// serialisation writes: one graph, so RDF/XML, JSON-LD and Turtle agree.
#include "core/text_rules.h"
#include "opendata/catalog.h"

namespace samrad::opendata {

namespace {
const char* kXsd = "http://www.w3.org/2001/XMLSchema#";

RdfObject Iri(const std::string& iri) { return {iri, true, "", ""}; }
// Uploaded metadata passes through here: XML 1.0 cannot carry most control
// characters, and all serialisations hold the same text.
RdfObject Text(const std::string& text, const std::string& lang) { return {CleanXmlText(text), false, lang, ""}; }
RdfObject Typed(const std::string& value, const char* type) {
  return {CleanXmlText(value), false, "", std::string(kXsd) + type};
}

void AddTexts(RdfNode& n, const char* pred, const std::vector<LangText>& texts) {
  for (const auto& t : texts) n.props.push_back({pred, Text(t.text, t.lang)});
}
}  // namespace

const std::vector<std::pair<std::string, std::string>>& RdfPrefixes() {
  static const std::vector<std::pair<std::string, std::string>> kAll = {
      {"rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"},
      {"dcat", "http://www.w3.org/ns/dcat#"},
      {"dcterms", "http://purl.org/dc/terms/"},
      {"foaf", "http://xmlns.com/foaf/0.1/"},
      {"vcard", "http://www.w3.org/2006/vcard/ns#"},
      {"xsd", kXsd}};
  return kAll;
}

std::string ExpandName(const std::string& name) {
  auto colon = name.find(':');
  for (const auto& [prefix, ns] : RdfPrefixes()) {
    if (name.compare(0, colon, prefix) == 0 && prefix.size() == colon) return ns + name.substr(colon + 1);
  }
  return name;
}

RdfGraph CatalogGraph(const CatalogModel& m) {
  RdfGraph g;
  RdfNode cat{m.iri, "dcat:Catalog", {}};
  AddTexts(cat, "dcterms:title", m.titles);
  AddTexts(cat, "dcterms:description", m.descriptions);
  cat.props.push_back({"dcterms:publisher", Iri(m.publisher_iri)});
  cat.props.push_back({"dcterms:license", Iri(m.license_iri)});
  cat.props.push_back({"dcterms:language", Iri(LanguageIri("sv"))});
  cat.props.push_back({"dcterms:language", Iri(LanguageIri("en"))});
  cat.props.push_back({"foaf:homepage", Iri(m.homepage)});
  if (!m.spatial_iri.empty()) cat.props.push_back({"dcterms:spatial", Iri(m.spatial_iri)});
  if (!m.issued.empty()) cat.props.push_back({"dcterms:issued", Typed(m.issued, "dateTime")});
  if (!m.modified.empty()) cat.props.push_back({"dcterms:modified", Typed(m.modified, "dateTime")});
  for (const auto& d : m.datasets) cat.props.push_back({"dcat:dataset", Iri(d.iri)});
  g.push_back(std::move(cat));
  g.push_back({m.publisher_iri,
               "foaf:Agent",
               {{"foaf:name", Text(m.publisher_name, m.language)},
                {"foaf:homepage", Iri(m.publisher_homepage)},
                {"dcterms:type", Iri("http://purl.org/adms/publishertype/LocalAuthority")}}});
  g.push_back({m.contact_iri,
               "vcard:Organization",
               {{"vcard:fn", Text(m.contact_fn, m.language)},
                {"vcard:hasEmail", Iri("mailto:" + m.contact_email)}}});
  for (const auto& d : m.datasets) {
    RdfNode n{d.iri, "dcat:Dataset", {}};
    AddTexts(n, "dcterms:title", d.titles);
    AddTexts(n, "dcterms:description", d.descriptions);
    n.props.push_back({"dcterms:publisher", Iri(m.publisher_iri)});
    n.props.push_back({"dcat:contactPoint", Iri(m.contact_iri)});
    AddTexts(n, "dcat:keyword", d.keywords);
    n.props.push_back({"dcat:theme", Iri(d.theme_iri)});
    n.props.push_back({"dcterms:language", Iri(LanguageIri(d.language))});
    n.props.push_back({"dcterms:issued", Typed(d.issued, "dateTime")});
    n.props.push_back({"dcterms:modified", Typed(d.modified, "dateTime")});
    n.props.push_back({"dcat:landingPage", Iri(d.landing_page)});
    if (!d.periodicity_iri.empty()) n.props.push_back({"dcterms:accrualPeriodicity", Iri(d.periodicity_iri)});
    if (!d.spatial_iri.empty()) n.props.push_back({"dcterms:spatial", Iri(d.spatial_iri)});
    n.props.push_back({"dcterms:accessRights",
                       Iri("http://publications.europa.eu/resource/authority/access-right/PUBLIC")});
    for (const auto& x : d.distributions) n.props.push_back({"dcat:distribution", Iri(x.iri)});
    g.push_back(std::move(n));
    for (const auto& x : d.distributions) {
      RdfNode dist{x.iri, "dcat:Distribution", {}};
      AddTexts(dist, "dcterms:title", x.titles);
      dist.props.push_back({"dcat:accessURL", Iri(x.access_url)});
      dist.props.push_back({"dcat:downloadURL", Iri(x.download_url)});
      if (!x.format_iri.empty()) dist.props.push_back({"dcterms:format", Iri(x.format_iri)});
      dist.props.push_back({"dcat:mediaType", Iri(x.media_type_iri)});
      dist.props.push_back({"dcterms:license", Iri(x.license_iri)});
      if (x.byte_size >= 0) {
        dist.props.push_back({"dcat:byteSize", Typed(std::to_string(x.byte_size), "nonNegativeInteger")});
      }
      g.push_back(std::move(dist));
    }
  }
  return g;
}

RdfGraph DescribeNode(const RdfGraph& g, const std::string& iri) {
  RdfGraph out;
  for (const auto& n : g) {
    if (n.iri != iri) continue;
    if (n.type == "dcat:Catalog") return g;
    out.push_back(n);
    // A dataset's description holds its distributions too.
    for (const auto& [pred, obj] : n.props) {
      if (pred != "dcat:distribution") continue;
      for (const auto& x : g) {
        if (x.iri == obj.value) out.push_back(x);
      }
    }
  }
  return out;
}

Result<std::string> WriteCatalogRdf(const CatalogModel& m) { return WriteRdfXml(CatalogGraph(m)); }
nlohmann::json WriteCatalogJsonLd(const CatalogModel& m) { return WriteJsonLd(CatalogGraph(m)); }

}  // namespace samrad::opendata
