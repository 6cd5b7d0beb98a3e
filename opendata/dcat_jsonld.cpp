// The catalog graph as JSON-LD: the same graph as catalog.rdf, every node
// named, prefixed names expanded through the @context.
#include "opendata/catalog.h"

namespace samrad::opendata {

using nlohmann::json;

namespace {
json Value(const RdfObject& o) {
  if (o.iri) return {{"@id", o.value}};
  json v = {{"@value", o.value}};
  if (!o.lang.empty()) v["@language"] = o.lang;
  if (!o.datatype.empty()) v["@type"] = o.datatype;
  return v;
}
}  // namespace

json WriteJsonLd(const RdfGraph& g) {
  json graph = json::array();
  for (const auto& n : g) {
    json node = {{"@id", n.iri}, {"@type", n.type}};
    for (const auto& [pred, obj] : n.props) {
      json& slot = node[pred];
      if (slot.is_null()) {
        slot = Value(obj);
      } else {
        if (!slot.is_array()) slot = json::array({slot});
        slot.push_back(Value(obj));
      }
    }
    graph.push_back(std::move(node));
  }
  json context = json::object();
  for (const auto& [prefix, ns] : RdfPrefixes()) {
    if (prefix != "rdf") context[prefix] = ns;
  }
  return {{"@context", context}, {"@graph", graph}};
}

}  // namespace samrad::opendata
