// The datasets API and the DCAT catalog through the real server: every
// dataset listed and paged, reserved names refused, Turtle with the same
// triples as RDF/XML, both languages, each dataset's own modified time, and
// content negotiation on every IRI the catalog names.
#define BOOST_TEST_MODULE catalog_e2e
#include <boost/test/unit_test.hpp>
#include <set>

#include "tests/support/python.h"
#include "tests/support/test_server.h"

using namespace samrad::testing;
using nlohmann::json;

namespace {
const char* kBase = "https://samrad.example.se";
const char* kCsv = "plats,antal\r\nSickla,12\r\nOrminge,7\r\n";

std::string Query(const std::string& name) {
  return "name=" + name + "&title=Platser&description=Platser%20i%20Nacka&keywords=plats&theme=TRAN";
}

json Draft(const std::string& title) {
  return {{"title", title},         {"summary", "Sammanfattning"},
          {"body", "Text"},         {"language", "sv"},
          {"area", "Sickla"},       {"opens_at", "2027-01-02T00:00:00Z"},
          {"closes_at", "2027-02-01T00:00:00Z"}};
}
}  // namespace

BOOST_AUTO_TEST_CASE(datasets_lists_built_in_and_uploaded_datasets_page_by_page) {
  TestServer s;
  std::string official = s.UserToken("official");
  BOOST_REQUIRE(Upload(s, official, Query("parkering"), kCsv).status == 201);
  std::vector<std::string> names;
  std::string cursor;
  int pages = 0;
  do {
    auto r = s.Get("/api/v1/datasets?limit=3" + (cursor.empty() ? "" : "&cursor=" + cursor));
    BOOST_REQUIRE(r.status == 200);
    auto j = r.json();
    BOOST_TEST(j["items"].size() <= 3u);
    for (const auto& d : j["items"]) names.push_back(d["name"]);
    cursor = j["next_cursor"].is_null() ? "" : j["next_cursor"].get<std::string>();
    ++pages;
  } while (!cursor.empty() && pages < 10);
  std::vector<std::string> want = {"consultations",  "comments", "decisions",
                                   "decision_votes", "moderation_log", "events",
                                   "questionnaire_answers", "questionnaire_questions", "parkering"};
  BOOST_TEST(names == want, boost::test_tools::per_element());
  BOOST_TEST(pages == 3);
  for (const auto& name : want) {
    auto one = s.Get("/api/v1/datasets/" + name);
    BOOST_TEST(one.status == 200, name);
    BOOST_TEST(one.json()["name"] == name);
    BOOST_TEST(one.json()["builtin"] == (name != "parkering"));
  }
  BOOST_TEST(s.Get("/api/v1/datasets/comments").json()["fields"].size() > 5u);
  BOOST_TEST(s.Get("/api/v1/datasets/nothing").status == 404);
  BOOST_TEST(s.Get("/api/v1/datasets?limit=0").status == 422);
  BOOST_TEST(s.Get("/api/v1/datasets?limit=x").status == 422);
  BOOST_TEST(s.Get("/api/v1/datasets?cursor=bm90LWEtY3Vyc29y").status == 400);
}

BOOST_AUTO_TEST_CASE(names_of_the_catalogs_own_resources_are_refused) {
  TestServer s;
  std::string official = s.UserToken("official");
  for (const char* name : {"catalog", "publisher", "contact", "datapackage", "datasets"}) {
    auto r = Upload(s, official, Query(name), kCsv);
    BOOST_TEST(r.status == 422, name << ": " << r.body);
    BOOST_TEST(r.body.find("/name") != std::string::npos, r.body);
  }
  BOOST_TEST(s.Get("/api/v1/datasets?limit=200").json()["items"].size() == 8u);
}

BOOST_AUTO_TEST_CASE(turtle_holds_the_same_graph_in_both_languages_with_each_datasets_own_times) {
  TestServer s(true, {"--base-url", kBase, "--spatial-iri", "https://www.geonames.org/2690959"});
  std::string official = s.UserToken("official");
  auto c = s.Post("/api/v1/consultations", Draft("Ny skola"), official);
  BOOST_REQUIRE(c.status == 201);
  BOOST_REQUIRE(s.Post("/api/v1/consultations/" + std::to_string(c.json()["id"].get<int64_t>()) + "/publish",
                       json::object(), official).status == 200);
  s.SetTime(1798761600 + 86400);  // a day later, only the upload
  BOOST_REQUIRE(Upload(s, official, Query("parkering"), kCsv).status == 201);
  auto ttl = s.Get("/opendata/catalog.ttl");
  BOOST_REQUIRE(ttl.status == 200);
  BOOST_TEST(ttl.header("Content-Type").find("text/turtle") == 0);
  TempDir dir;
  WriteFile(dir.path(), "catalog.ttl", ttl.body);
  WriteFile(dir.path(), "catalog.rdf", s.Get("/opendata/catalog.rdf").body);
  WriteFile(dir.path(), "catalog.jsonld", s.Get("/opendata/catalog.jsonld").body);
  auto r = RunPython(dir.path(), R"PY(
import sys
from rdflib import Graph, URIRef, Literal, Namespace
from rdflib.compare import isomorphic
DCAT = Namespace("http://www.w3.org/ns/dcat#"); DCT = Namespace("http://purl.org/dc/terms/")
d = sys.argv[1]
t = Graph().parse(d + "/catalog.ttl", format="turtle")
x = Graph().parse(d + "/catalog.rdf", format="xml")
j = Graph().parse(d + "/catalog.jsonld", format="json-ld")
assert len(t) > 100 and isomorphic(t, x), "Turtle and RDF/XML differ"
assert isomorphic(t, j), "Turtle and JSON-LD differ"
B = "https://samrad.example.se/opendata/"
cat = URIRef(B + "catalog")
assert {l.language for l in t.objects(cat, DCT.title)} == {"sv", "en"}
pub = t.value(cat, DCT.publisher); assert str(pub) == B + "catalog#publisher", pub
names = {str(s).rsplit("/", 1)[1] for s in t.objects(cat, DCAT.dataset)}
assert "parkering" in names and "comments" in names, names
for s in t.objects(cat, DCAT.dataset):
    assert str(s).startswith(B + "datasets/"), s
    assert str(t.value(s, DCAT.landingPage)) == "https://samrad.example.se/data#dataset-" + str(s).rsplit("/", 1)[1]
    assert str(t.value(s, DCT.spatial)) == "https://www.geonames.org/2690959"
    assert t.value(s, DCT.accrualPeriodicity) is not None
comments = URIRef(B + "datasets/comments")
assert {l.language for l in t.objects(comments, DCT.title)} == {"sv", "en"}
assert {l.language for l in t.objects(comments, DCT.description)} == {"sv", "en"}
assert {l.language for l in t.objects(comments, DCAT.keyword)} == {"sv", "en"}
assert str(t.value(comments, DCT.accrualPeriodicity)).endswith("/frequency/CONT")
park = URIRef(B + "datasets/parkering")
assert str(t.value(park, DCT.accrualPeriodicity)).endswith("/frequency/IRREG")
mod = lambda n: str(t.value(URIRef(B + "datasets/" + n), DCT.modified))
assert mod("parkering").startswith("2027-01-02"), mod("parkering")
assert mod("consultations").startswith("2027-01-01"), mod("consultations")
assert mod("events").startswith("2027-01-02"), mod("events")
csv = URIRef(B + "datasets/parkering/distributions/csv")
assert int(t.value(csv, DCAT.byteSize)) == 35
nd = URIRef(B + "datasets/comments/distributions/ndjson")
assert str(t.value(nd, DCAT.mediaType)).endswith("application/x-ndjson")
assert str(t.value(nd, DCT["format"]) or "").find("JSON_LD") < 0
print("ok", len(t))
)PY",
                     dir.path());
  BOOST_TEST(r.exit_code == 0, r.output);
}

BOOST_AUTO_TEST_CASE(every_catalog_iri_answers_browsers_with_the_page_and_rdf_clients_with_rdf) {
  TestServer s(false, {"--base-url", kBase});
  std::string official = s.UserToken("official");
  BOOST_REQUIRE(Upload(s, official, Query("parkering"), kCsv).status == 201);
  struct Iri {
    std::string path, page;
  };
  for (const Iri& iri : {Iri{"/opendata/catalog", "/data"},
                         Iri{"/opendata/datasets/comments", "/data#dataset-comments"},
                         Iri{"/opendata/datasets/parkering", "/data#dataset-parkering"},
                         Iri{"/opendata/datasets/events/distributions/ndjson", "/data#dataset-events"}}) {
    BOOST_TEST_CONTEXT(iri.path) {
      auto html = s.Get(iri.path, "", {{"Accept", "text/html,application/xhtml+xml,*/*;q=0.8"}});
      BOOST_TEST(html.status == 303);
      BOOST_TEST(html.header("Location") == std::string(kBase) + iri.page);
      auto rdf = s.Get(iri.path, "", {{"Accept", "application/rdf+xml"}});
      BOOST_TEST(rdf.status == 200);
      BOOST_TEST(rdf.header("Content-Type").find("application/rdf+xml") == 0);
      BOOST_TEST(rdf.body.find("rdf:about=\"" + std::string(kBase) + iri.path + "\"") != std::string::npos);
      auto ttl = s.Get(iri.path, "", {{"Accept", "text/turtle, application/rdf+xml;q=0.5"}});
      BOOST_TEST(ttl.header("Content-Type").find("text/turtle") == 0);
      BOOST_TEST(ttl.body.find("<" + std::string(kBase) + iri.path + ">") != std::string::npos);
      auto ld = s.Get(iri.path, "", {{"Accept", "application/ld+json"}});
      BOOST_TEST(ld.header("Content-Type").find("application/ld+json") == 0);
      BOOST_TEST(ld.body.find("\"" + std::string(kBase) + iri.path + "\"") != std::string::npos);
    }
  }
  BOOST_TEST(s.Get("/opendata/datasets/nothing", "", {{"Accept", "text/turtle"}}).status == 404);
  BOOST_TEST(s.Get("/opendata/datasets/comments/distributions/xml").status == 404);
}

BOOST_AUTO_TEST_CASE(downloads_and_dataset_items_carry_their_own_last_change_as_last_modified) {
  TestServer s(true);
  s.SetTime(1798761600);  // 2027-01-01
  std::string official = s.UserToken("official");
  BOOST_REQUIRE(Upload(s, official, Query("platser"), kCsv).status == 201);
  auto first = s.Get("/opendata/platser.csv");
  BOOST_REQUIRE(first.status == 200);
  BOOST_TEST(first.header("Last-Modified") == "Fri, 01 Jan 2027 00:00:00 GMT");
  BOOST_TEST(s.Get("/api/v1/datasets/platser").header("Last-Modified") == "Fri, 01 Jan 2027 00:00:00 GMT");
  // A consultation published a day later changes the consultations dataset,
  // not the upload.
  s.SetTime(1798761600 + 86400);
  auto c = s.Post("/api/v1/consultations", Draft("Ny skola"), official);
  BOOST_REQUIRE(s.Post("/api/v1/consultations/" + std::to_string(c.json()["id"].get<int64_t>()) + "/publish",
                       json::object(), official).status == 200);
  BOOST_TEST(s.Get("/opendata/platser.json").header("Last-Modified") == "Fri, 01 Jan 2027 00:00:00 GMT");
  BOOST_TEST(s.Get("/opendata/consultations.csv").header("Last-Modified") == "Sat, 02 Jan 2027 00:00:00 GMT");
  BOOST_TEST(s.Get("/api/v1/datasets/consultations").header("Last-Modified") == "Sat, 02 Jan 2027 00:00:00 GMT");
}
