// Unit tests of the DCAT writers with control characters in metadata: XML
// 1.0 cannot carry them, so neither serialisation may.
#define BOOST_TEST_MODULE dcat_rdf
#include <boost/test/unit_test.hpp>

#include "opendata/catalog.h"

using namespace samrad::opendata;

BOOST_AUTO_TEST_CASE(control_characters_in_metadata_never_reach_the_catalog) {
  CatalogModel m;
  m.iri = "https://x.example/opendata/catalog";
  m.titles = {{"sv", std::string("Katalog\0med\x01tecken", 18)}};
  m.descriptions = {{"sv", "Beskrivning\x0b"}};
  DatasetModel d;
  d.iri = "https://x.example/opendata/d";
  d.titles = {{"sv", "Titel\x1f"}};
  d.descriptions = {{"sv", "Text\x08"}};
  d.keywords = {{"sv", "ord\x02"}};
  d.language = "sv";
  m.datasets.push_back(d);
  auto rdf = WriteCatalogRdf(m);
  BOOST_REQUIRE(rdf.ok());
  for (char c : rdf.value()) {
    auto b = static_cast<unsigned char>(c);
    BOOST_TEST((b >= 0x20 || b == '\n' || b == '\t' || b == '\r'), "control byte " << int(b));
  }
  BOOST_TEST(rdf->find("Katalogmedtecken") != std::string::npos);
  BOOST_TEST(rdf->find("Titel<") != std::string::npos);
  std::string jsonld = WriteCatalogJsonLd(m).dump();
  BOOST_TEST(jsonld.find("\\u00") == std::string::npos);
  BOOST_TEST(jsonld.find("\"Titel\"") != std::string::npos);
  std::string ttl = WriteTurtle(CatalogGraph(m));
  BOOST_TEST(ttl.find("\"Titel\"@sv") != std::string::npos);
  BOOST_TEST(ttl.find("\\u00") == std::string::npos);
}
