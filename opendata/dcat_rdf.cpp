// The catalog as RDF/XML (DCAT-AP-SE), written with libxml2's xmlTextWriter:
// every catalog, dataset, distribution, publisher and contact has an IRI.
#include <libxml/xmlwriter.h>

#include <memory>

#include "core/text_rules.h"
#include "opendata/catalog.h"

namespace samrad::opendata {

namespace {
const char* kXsdDateTime = "http://www.w3.org/2001/XMLSchema#dateTime";

auto X(const std::string& s) { return reinterpret_cast<const xmlChar*>(s.c_str()); }
auto X(const char* s) { return reinterpret_cast<const xmlChar*>(s); }
// Uploaded metadata passes through here: libxml2 writes control characters
// as they are, and an XML 1.0 parser refuses the whole catalog then.
// (The temporary lives until the end of the writer call that uses it.)
std::string Clean(const std::string& s) { return CleanXmlText(s); }

// A thin layer that remembers the first libxml2 failure.
class Rdf {
 public:
  explicit Rdf(xmlTextWriterPtr w) : w_(w) {}
  bool ok() const { return ok_; }
  void Open(const char* element, const std::string& about = "") {
    Check(xmlTextWriterStartElement(w_, X(element)));
    if (!about.empty()) Check(xmlTextWriterWriteAttribute(w_, X("rdf:about"), X(Clean(about))));
  }
  void Close() { Check(xmlTextWriterEndElement(w_)); }
  void Text(const char* element, const std::string& text, const std::string& lang = "") {
    Check(xmlTextWriterStartElement(w_, X(element)));
    if (!lang.empty()) Check(xmlTextWriterWriteAttribute(w_, X("xml:lang"), X(lang)));
    Check(xmlTextWriterWriteString(w_, X(Clean(text))));
    Close();
  }
  void Typed(const char* element, const std::string& text, const char* datatype) {
    Check(xmlTextWriterStartElement(w_, X(element)));
    Check(xmlTextWriterWriteAttribute(w_, X("rdf:datatype"), X(datatype)));
    Check(xmlTextWriterWriteString(w_, X(Clean(text))));
    Close();
  }
  void Ref(const char* element, const std::string& iri) {
    Check(xmlTextWriterStartElement(w_, X(element)));
    Check(xmlTextWriterWriteAttribute(w_, X("rdf:resource"), X(Clean(iri))));
    Close();
  }
  void Attr(const char* name, const char* value) {
    Check(xmlTextWriterWriteAttribute(w_, X(name), X(value)));
  }
  void Check(int rc) { ok_ = ok_ && rc >= 0; }

 private:
  xmlTextWriterPtr w_;
  bool ok_ = true;
};

void WriteDataset(Rdf& r, const CatalogModel& m, const DatasetModel& d) {
  r.Open("dcat:Dataset", d.iri);
  r.Text("dcterms:title", d.title, d.language);
  r.Text("dcterms:description", d.description, d.language);
  r.Ref("dcterms:publisher", m.publisher_iri);
  r.Ref("dcat:contactPoint", m.contact_iri);
  for (const auto& k : d.keywords) r.Text("dcat:keyword", k, d.language);
  r.Ref("dcat:theme", d.theme_iri);
  r.Ref("dcterms:language", LanguageIri(d.language));
  r.Typed("dcterms:issued", d.issued, kXsdDateTime);
  r.Typed("dcterms:modified", d.modified, kXsdDateTime);
  r.Ref("dcat:landingPage", d.landing_page);
  r.Ref("dcterms:accessRights",
        "http://publications.europa.eu/resource/authority/access-right/PUBLIC");
  for (const auto& dist : d.distributions) r.Ref("dcat:distribution", dist.iri);
  r.Close();
  for (const auto& dist : d.distributions) {
    r.Open("dcat:Distribution", dist.iri);
    r.Text("dcterms:title", dist.title, d.language);
    r.Ref("dcat:accessURL", dist.access_url);
    r.Ref("dcat:downloadURL", dist.download_url);
    r.Ref("dcterms:format", dist.format_iri);
    r.Ref("dcat:mediaType", dist.media_type_iri);
    r.Ref("dcterms:license", dist.license_iri);
    r.Close();
  }
}
}  // namespace

Result<std::string> WriteCatalogRdf(const CatalogModel& m) {
  std::unique_ptr<xmlBuffer, decltype(&xmlBufferFree)> buf(xmlBufferCreate(), xmlBufferFree);
  if (!buf) return Internal("out of memory");
  xmlTextWriterPtr w = xmlNewTextWriterMemory(buf.get(), 0);
  if (!w) return Internal("cannot create an XML writer");
  Rdf r(w);
  r.Check(xmlTextWriterSetIndent(w, 1));
  r.Check(xmlTextWriterStartDocument(w, nullptr, "UTF-8", nullptr));
  r.Open("rdf:RDF");
  r.Attr("xmlns:rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#");
  r.Attr("xmlns:dcat", "http://www.w3.org/ns/dcat#");
  r.Attr("xmlns:dcterms", "http://purl.org/dc/terms/");
  r.Attr("xmlns:foaf", "http://xmlns.com/foaf/0.1/");
  r.Attr("xmlns:vcard", "http://www.w3.org/2006/vcard/ns#");
  r.Open("dcat:Catalog", m.iri);
  r.Text("dcterms:title", m.title, m.language);
  r.Text("dcterms:description", m.description, m.language);
  r.Ref("dcterms:publisher", m.publisher_iri);
  r.Ref("dcterms:license", m.license_iri);
  r.Ref("dcterms:language", LanguageIri(m.language));
  r.Ref("foaf:homepage", m.homepage);
  if (!m.issued.empty()) r.Typed("dcterms:issued", m.issued, kXsdDateTime);
  if (!m.modified.empty()) r.Typed("dcterms:modified", m.modified, kXsdDateTime);
  for (const auto& d : m.datasets) r.Ref("dcat:dataset", d.iri);
  r.Close();
  r.Open("foaf:Agent", m.publisher_iri);
  r.Text("foaf:name", m.publisher_name, m.language);
  r.Ref("foaf:homepage", m.publisher_homepage);
  r.Ref("dcterms:type", "http://purl.org/adms/publishertype/LocalAuthority");
  r.Close();
  r.Open("vcard:Organization", m.contact_iri);
  r.Text("vcard:fn", m.contact_fn, m.language);
  r.Ref("vcard:hasEmail", "mailto:" + m.contact_email);
  r.Close();
  for (const auto& d : m.datasets) WriteDataset(r, m, d);
  r.Close();
  r.Check(xmlTextWriterEndDocument(w));
  xmlFreeTextWriter(w);
  if (!r.ok()) return Internal("writing the RDF/XML catalog failed");
  return std::string(reinterpret_cast<const char*>(xmlBufferContent(buf.get())),
                     static_cast<size_t>(xmlBufferLength(buf.get())));
}

}  // namespace samrad::opendata
