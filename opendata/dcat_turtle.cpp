// The catalog graph as Turtle (RDF 1.1): prefixes, then one block per node
// with its predicates separated by ';'.
#include <cstdio>

#include "opendata/catalog.h"

namespace samrad::opendata {

namespace {
// An IRI between < and >: characters Turtle forbids there as \u escapes.
std::string IriRef(const std::string& iri) {
  std::string out = "<";
  for (unsigned char c : iri) {
    if (c <= 0x20 || c == '<' || c == '>' || c == '"' || c == '{' || c == '}' || c == '|' || c == '^' ||
        c == '`' || c == '\\') {
      char esc[8];
      std::snprintf(esc, sizeof esc, "\\u%04X", c);
      out += esc;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + ">";
}

// A quoted string: quotes, backslashes and line breaks escaped (control
// characters never get here, see CatalogGraph).
std::string Quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: out += c;
    }
  }
  return out + "\"";
}

std::string Object(const RdfObject& o) {
  if (o.iri) return IriRef(o.value);
  std::string out = Quoted(o.value);
  if (!o.lang.empty()) return out + "@" + o.lang;
  if (!o.datatype.empty()) return out + "^^" + IriRef(o.datatype);
  return out;
}
}  // namespace

std::string WriteTurtle(const RdfGraph& g) {
  std::string out;
  for (const auto& [prefix, ns] : RdfPrefixes()) out += "@prefix " + prefix + ": " + IriRef(ns) + " .\n";
  for (const auto& n : g) {
    out += "\n" + IriRef(n.iri) + "\n    a " + n.type;
    std::string last;
    for (const auto& [pred, obj] : n.props) {
      // Repeated predicates share one line of objects.
      out += pred == last ? ",\n        " + Object(obj) : " ;\n    " + pred + " " + Object(obj);
      last = pred;
    }
    out += " .\n";
  }
  return out;
}

}  // namespace samrad::opendata
