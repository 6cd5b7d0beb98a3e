// The catalog graph as RDF/XML, written with libxml2's xmlTextWriter: one
// typed node element per named node, no blank nodes.
#include <libxml/xmlwriter.h>

#include <memory>

#include "opendata/catalog.h"

namespace samrad::opendata {

namespace {
auto X(const std::string& s) { return reinterpret_cast<const xmlChar*>(s.c_str()); }

// A thin layer that remembers the first libxml2 failure.
class Rdf {
 public:
  explicit Rdf(xmlTextWriterPtr w) : w_(w) {}
  bool ok() const { return ok_; }
  void Open(const std::string& element) { Check(xmlTextWriterStartElement(w_, X(element))); }
  void Close() { Check(xmlTextWriterEndElement(w_)); }
  void Attr(const std::string& name, const std::string& value) {
    Check(xmlTextWriterWriteAttribute(w_, X(name), X(value)));
  }
  void String(const std::string& text) { Check(xmlTextWriterWriteString(w_, X(text))); }
  void Check(int rc) { ok_ = ok_ && rc >= 0; }

 private:
  xmlTextWriterPtr w_;
  bool ok_ = true;
};

void WriteNode(Rdf& r, const RdfNode& n) {
  r.Open(n.type);
  r.Attr("rdf:about", n.iri);
  for (const auto& [pred, obj] : n.props) {
    r.Open(pred);
    if (obj.iri) {
      r.Attr("rdf:resource", obj.value);
    } else {
      if (!obj.lang.empty()) r.Attr("xml:lang", obj.lang);
      if (!obj.datatype.empty()) r.Attr("rdf:datatype", obj.datatype);
      r.String(obj.value);
    }
    r.Close();
  }
  r.Close();
}
}  // namespace

Result<std::string> WriteRdfXml(const RdfGraph& g) {
  std::unique_ptr<xmlBuffer, decltype(&xmlBufferFree)> buf(xmlBufferCreate(), xmlBufferFree);
  if (!buf) return Internal("out of memory");
  xmlTextWriterPtr w = xmlNewTextWriterMemory(buf.get(), 0);
  if (!w) return Internal("cannot create an XML writer");
  Rdf r(w);
  r.Check(xmlTextWriterSetIndent(w, 1));
  r.Check(xmlTextWriterStartDocument(w, nullptr, "UTF-8", nullptr));
  r.Open("rdf:RDF");
  for (const auto& [prefix, ns] : RdfPrefixes()) {
    if (prefix != "xsd") r.Attr("xmlns:" + prefix, ns);
  }
  for (const auto& n : g) WriteNode(r, n);
  r.Close();
  r.Check(xmlTextWriterEndDocument(w));
  xmlFreeTextWriter(w);
  if (!r.ok()) return Internal("writing the RDF/XML catalog failed");
  return std::string(reinterpret_cast<const char*>(xmlBufferContent(buf.get())),
                     static_cast<size_t>(xmlBufferLength(buf.get())));
}

}  // namespace samrad::opendata
