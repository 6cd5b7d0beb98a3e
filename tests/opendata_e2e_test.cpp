// Open data through the real server: the DCAT catalog checked by xmllint and
// rdflib, downloads parsed back by Python, modified_since, ETags, the Data
// Package, and datasets uploaded by officials (hostile files included).
#define BOOST_TEST_MODULE opendata_e2e
#include <arpa/inet.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>

#include "tests/support/python.h"
#include "tests/support/test_server.h"

using namespace samrad::testing;
using nlohmann::json;

namespace {
json Draft(const std::string& title) {
  return {{"title", title},
          {"summary", "Sammanfattning, med \"citat\""},
          {"body", "Rad ett\nRad två, med komma"},
          {"language", "sv"},
          {"area", "Sickla"},
          {"tags", {"trafik", "cykel"}},
          {"opens_at", "2027-01-02T00:00:00Z"},
          {"closes_at", "2027-02-01T00:00:00Z"}};
}

int64_t Publish(TestServer& s, const std::string& token, const std::string& title) {
  auto c = s.Post("/api/v1/consultations", Draft(title), token);
  BOOST_REQUIRE(c.status == 201);
  int64_t id = c.json()["id"];
  BOOST_REQUIRE(
      s.Post("/api/v1/consultations/" + std::to_string(id) + "/publish", json::object(), token)
          .status == 200);
  return id;
}

const char* kUploadQuery =
    "name=parkering&title=Parkeringsplatser&description=Platser%20i%20Nacka&keywords=parkering,"
    "trafik&theme=TRAN";
const char* kGoodCsv =
    "plats,antal,pris,datum,avgift,kod\r\n"
    "Sickla,12,3.5,2026-01-02,true,0701\r\n"
    "\"Orminge, centrum\",7,,2026-02-03,false,0702\r\n"
    "\"Säg \"\"hej\"\"\",0,1e3,2026-03-04,TRUE,0703\r\n";
}  // namespace

BOOST_AUTO_TEST_CASE(catalog_rdf_parses_with_rdflib_with_absolute_iris_and_no_blank_nodes) {
  TestServer s(false, {"--base-url", "https://samrad.example.se", "--publisher-name",
                       "Nacka kommun", "--publisher-email", "opendata@nacka.example"});
  std::string official = s.UserToken("official");
  Publish(s, official, "Ny skola");
  BOOST_REQUIRE(Upload(s, official, kUploadQuery, kGoodCsv).status == 201);
  auto rdf = s.Get("/opendata/catalog.rdf");
  BOOST_REQUIRE(rdf.status == 200);
  BOOST_TEST(rdf.header("Content-Type").find("application/rdf+xml") == 0);
  auto jsonld = s.Get("/opendata/catalog.jsonld");
  BOOST_REQUIRE(jsonld.status == 200);
  BOOST_TEST(!jsonld.json().is_discarded());
  TempDir dir;
  std::string rdf_path = WriteFile(dir.path(), "catalog.rdf", rdf.body);
  WriteFile(dir.path(), "catalog.jsonld", jsonld.body);
  BOOST_TEST(std::system(("xmllint --noout " + rdf_path).c_str()) == 0);
  auto r = RunPython(dir.path(), R"PY(
import sys
from rdflib import Graph, URIRef, BNode, Literal, Namespace
from rdflib.compare import isomorphic
from rdflib.namespace import RDF
DCAT = Namespace("http://www.w3.org/ns/dcat#"); DCT = Namespace("http://purl.org/dc/terms/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/"); VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
g = Graph().parse(sys.argv[1] + "/catalog.rdf", format="xml")
j = Graph().parse(sys.argv[1] + "/catalog.jsonld", format="json-ld")
assert isomorphic(g, j), "RDF/XML and JSON-LD differ"
for t in g:
    assert not any(isinstance(x, BNode) for x in t), f"blank node in {t}"
    for x in t:
        if isinstance(x, URIRef):
            assert str(x).startswith(("https://", "http://", "mailto:")), f"relative IRI {x}"
def one(s, p):
    vals = list(g.objects(s, p)); assert vals, f"{s} lacks {p}"; return vals[0]
def lang(s, p):
    v = one(s, p); assert isinstance(v, Literal) and v.language == "sv", f"{s} {p} has no language tag"
cats = list(g.subjects(RDF.type, DCAT.Catalog)); assert len(cats) == 1
cat = cats[0]; assert str(cat).startswith("https://samrad.example.se/")
lang(cat, DCT.title); lang(cat, DCT.description); one(cat, DCT.license)
pub = one(cat, DCT.publisher); assert (pub, RDF.type, FOAF.Agent) in g
assert str(one(pub, FOAF.name)) == "Nacka kommun"
datasets = list(g.objects(cat, DCAT.dataset))
names = sorted(str(d).rsplit("/", 1)[1] for d in datasets)
assert {"consultations", "comments", "decisions", "decision_votes", "moderation_log", "events",
        "parkering"} <= set(names), names
for d in datasets:
    assert (d, RDF.type, DCAT.Dataset) in g
    lang(d, DCT.title); lang(d, DCT.description); one(d, DCT.publisher); one(d, DCAT.theme)
    one(d, DCT.issued); one(d, DCT.modified); lang(d, DCAT.keyword)
    cp = one(d, DCAT.contactPoint); assert str(one(cp, VCARD.fn)) == "Nacka kommun"
    assert str(one(cp, VCARD.hasEmail)) == "mailto:opendata@nacka.example"
    dists = list(g.objects(d, DCAT.distribution)); assert len(dists) == 4
    for x in dists:
        assert (x, RDF.type, DCAT.Distribution) in g
        for p in (DCAT.accessURL, DCAT.downloadURL, DCAT.mediaType, DCT.license):
            one(x, p)
        # NDJSON is not in the EU file-type table: its media type says what it is.
        if not str(x).endswith("/ndjson"): one(x, DCT["format"])
        else: assert str(one(x, DCAT.mediaType)).endswith("/application/x-ndjson")
        assert str(one(x, DCAT.downloadURL)).startswith("https://samrad.example.se/opendata/")
print("ok", len(g))
)PY",
                     dir.path());
  BOOST_TEST(r.exit_code == 0, r.output);
}

BOOST_AUTO_TEST_CASE(downloads_parse_back_to_what_the_api_shows) {
  TestServer s;
  std::string official = s.UserToken("official");
  Publish(s, official, "Cykelbanor, \"snabba\"");
  Publish(s, official, "Ny skola i Fisksätra");
  s.Post("/api/v1/consultations", Draft("Utkast syns inte"), official);
  auto api = s.Get("/api/v1/consultations").json()["items"];
  auto csv = s.Get("/opendata/consultations.csv");
  BOOST_REQUIRE(csv.status == 200);
  BOOST_TEST(csv.header("Content-Type") == "text/csv; charset=utf-8");
  BOOST_TEST(csv.header("Transfer-Encoding") == "chunked");
  auto as_json = s.Get("/opendata/consultations.json").json();
  auto nd = s.Get("/opendata/consultations.ndjson");
  TempDir dir;
  WriteFile(dir.path(), "c.csv", csv.body);
  WriteFile(dir.path(), "c.ndjson", nd.body);
  // Python's csv module reads it back; NDJSON has one object per line.
  auto r = RunPython(dir.path(), R"PY(
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1] + "/c.csv", newline="", encoding="utf-8")))
lines = open(sys.argv[1] + "/c.ndjson", encoding="utf-8").read().splitlines()
print(json.dumps({"csv": rows, "ndjson": [json.loads(l) for l in lines]}))
)PY",
                     dir.path());
  BOOST_REQUIRE(r.exit_code == 0);
  auto parsed = json::parse(r.output);
  BOOST_TEST(parsed["csv"].size() == 2u);
  BOOST_TEST(as_json.size() == 2u);
  BOOST_TEST(parsed["ndjson"] == as_json);
  for (const auto& k : api) {
    BOOST_TEST_CONTEXT("consultation " << k["id"]) {
      json row, csv_row;
      for (size_t i = 0; i < 2; ++i) {
        if (as_json[i]["id"] == k["id"]) row = as_json[i];
        if (parsed["csv"][i]["id"] == std::to_string(k["id"].get<int64_t>()))
          csv_row = parsed["csv"][i];
      }
      for (const char* f : {"title", "summary", "body", "opens_at", "closes_at", "published_at"}) {
        BOOST_TEST(row[f] == k[f], f);
        BOOST_TEST(csv_row[f] == k[f], f);
      }
      BOOST_TEST(row["tags"] == k["tags"]);
      BOOST_TEST(json::parse(csv_row["tags"].get<std::string>()) == k["tags"]);
    }
  }
}

BOOST_AUTO_TEST_CASE(events_csv_alone_verifies_the_hash_chain) {
  TestServer s;
  std::string official = s.UserToken("official");
  Publish(s, official, "Kedjan");
  BOOST_REQUIRE(Upload(s, official, kUploadQuery, kGoodCsv).status == 201);
  auto csv = s.Get("/opendata/events.csv");
  auto nd = s.Get("/opendata/events.ndjson");
  TempDir dir;
  WriteFile(dir.path(), "e.csv", csv.body);
  auto r = RunPython(dir.path(), R"PY(
import csv, hashlib, json, sys
prev, n = "0" * 64, 0
for row in csv.DictReader(open(sys.argv[1] + "/e.csv", newline="", encoding="utf-8")):
    entry = {k: row[k] for k in ("at", "kind", "subject", "actor_role")}
    entry["seq"] = int(row["seq"]); entry["payload"] = json.loads(row["payload"])
    canonical = json.dumps(entry, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    h = hashlib.sha256((prev + canonical).encode("utf-8")).hexdigest()
    assert row["seq"] == str(n + 1) and row["prev_hash"] == prev and row["hash"] == h, row["seq"]
    prev, n = h, n + 1
print(n)
)PY",
                     dir.path());
  BOOST_TEST(r.exit_code == 0, r.output);
  size_t lines = std::count(nd.body.begin(), nd.body.end(), '\n');
  BOOST_TEST(std::stoul(r.output) == lines);
  BOOST_TEST(lines == s.Get("/api/v1/log/verify").json()["entries"].get<size_t>());
}

BOOST_AUTO_TEST_CASE(modified_since_returns_only_later_rows_and_rejects_bad_times) {
  TestServer s(true);
  std::string official = s.UserToken("official");
  Publish(s, official, "Tidigt samråd");
  s.SetTime(1798761600 + 3600);  // an hour later
  Publish(s, official, "Senare samråd");
  auto later = s.Get("/opendata/consultations.json?modified_since=2027-01-01T00:30:00Z").json();
  BOOST_REQUIRE(later.size() == 1u);
  BOOST_TEST(later[0]["title"] == "Senare samråd");
  BOOST_TEST(s.Get("/opendata/consultations.json?modified_since=2027-01-01").json().size() == 2u);
  auto events = s.Get("/opendata/events.ndjson?modified_since=2027-01-01T01:00:00%2B01:00").body;
  BOOST_TEST(std::count(events.begin(), events.end(), '\n') == 4);  // everything: +01:00 is 00:00Z
  auto bad = s.Get("/opendata/events.csv?modified_since=yesterday");
  BOOST_TEST(bad.status == 422);
  BOOST_TEST(bad.header("Content-Type") == "application/problem+json");
}

BOOST_AUTO_TEST_CASE(downloads_carry_an_etag_and_answer_304_until_the_data_changes) {
  TestServer s;
  std::string official = s.UserToken("official");
  Publish(s, official, "Första");
  auto a = s.Get("/opendata/consultations.csv");
  std::string etag = a.header("ETag");
  BOOST_REQUIRE(!etag.empty());
  auto b = s.Get("/opendata/consultations.csv", "", {{"If-None-Match", etag}});
  BOOST_TEST(b.status == 304);
  BOOST_TEST(b.body.empty());
  BOOST_TEST(s.Get("/opendata/consultations.json", "", {{"If-None-Match", etag}}).status == 200);
  Publish(s, official, "Andra");
  auto c = s.Get("/opendata/consultations.csv", "", {{"If-None-Match", etag}});
  BOOST_TEST(c.status == 200);
  BOOST_TEST(c.header("ETag") != etag);
  BOOST_TEST(s.Get("/opendata/nothing.csv").status == 404);
  BOOST_TEST(s.Get("/opendata/events.xml").status == 404);
}

BOOST_AUTO_TEST_CASE(datapackage_describes_every_field_its_resources_and_license) {
  TestServer s(false, {"--license", "CC-BY-4.0"});
  auto p = s.Get("/opendata/events/datapackage.json");
  BOOST_REQUIRE(p.status == 200);
  auto j = p.json();
  BOOST_TEST(j["profile"] == "data-package");
  BOOST_TEST(j["licenses"][0]["name"] == "CC-BY-4.0");
  BOOST_TEST(j["resources"].size() == 3u);
  std::vector<std::string> names;
  for (const auto& f : j["resources"][0]["schema"]["fields"]) {
    names.push_back(f["name"]);
    BOOST_TEST(!f["description"].get<std::string>().empty());
    BOOST_TEST(!f["type"].get<std::string>().empty());
  }
  BOOST_TEST(names == (std::vector<std::string>{"seq", "at", "kind", "subject", "actor_role",
                                                "payload", "prev_hash", "hash"}),
             boost::test_tools::per_element());
  BOOST_TEST(j["resources"][0]["path"].get<std::string>().ends_with("/opendata/events.csv"));
  BOOST_TEST(s.Get("/opendata/nothing/datapackage.json").status == 404);
}

BOOST_AUTO_TEST_CASE(an_official_publishes_a_csv_and_it_joins_downloads_catalog_and_log) {
  TestServer s;
  std::string official = s.UserToken("official");
  auto up = Upload(s, official, kUploadQuery + std::string("&license=CC-BY-4.0"), kGoodCsv);
  BOOST_REQUIRE_MESSAGE(up.status == 201, up.body);
  auto d = up.json();
  std::vector<std::string> types;
  for (const auto& f : d["fields"]) types.push_back(f["type"]);
  BOOST_TEST(types == (std::vector<std::string>{"string", "integer", "number", "date", "boolean",
                                                "string"}),
             boost::test_tools::per_element());
  BOOST_TEST(d["row_count"] == 3);
  BOOST_TEST(s.Get("/api/v1/datasets/parkering").json()["fields"] == d["fields"]);
  auto rows = s.Get("/opendata/parkering.json").json();
  BOOST_REQUIRE(rows.size() == 3u);
  BOOST_TEST(rows[1]["plats"] == "Orminge, centrum");
  BOOST_TEST(rows[1]["pris"].is_null());
  BOOST_TEST(rows[2]["plats"] == "Säg \"hej\"");
  BOOST_TEST(rows[2]["antal"] == 0);
  BOOST_TEST(rows[2]["avgift"] == true);
  BOOST_TEST(rows[0]["kod"] == "0701");
  // The CSV download reads back to the same cells.
  TempDir dir;
  WriteFile(dir.path(), "p.csv", s.Get("/opendata/parkering.csv").body);
  auto r = RunPython(dir.path(), R"PY(
import csv, sys
rows = list(csv.reader(open(sys.argv[1] + "/p.csv", newline="", encoding="utf-8")))
assert rows[0] == ["plats", "antal", "pris", "datum", "avgift", "kod"], rows[0]
assert rows[2] == ["Orminge, centrum", "7", "", "2026-02-03", "false", "0702"], rows[2]
assert rows[3][0] == 'Säg "hej"' and len(rows) == 4
)PY",
                     dir.path());
  BOOST_TEST(r.exit_code == 0, r.output);
  // The log holds the metadata whole and the content as SHA-256.
  auto log = s.Get("/api/v1/log?limit=1000").json()["items"];
  auto e = log.back();
  BOOST_TEST(e["kind"] == "dataset.published");
  BOOST_TEST(e["subject"] == "dataset/parkering");
  BOOST_TEST(e["payload"]["title"] == "Parkeringsplatser");
  BOOST_TEST(e["payload"]["license"] == "CC-BY-4.0");
  BOOST_TEST(e["payload"]["content_sha256"].get<std::string>().size() == 64u);
  BOOST_TEST(s.Get("/opendata/catalog.rdf").body.find("/opendata/datasets/parkering\"") !=
             std::string::npos);
  // Taken names and built-in names are refused.
  BOOST_TEST(Upload(s, official, kUploadQuery, kGoodCsv).status == 409);
  BOOST_TEST(Upload(s, official, "name=events&title=T&description=D&theme=GOVE", kGoodCsv).status ==
             422);
}

BOOST_AUTO_TEST_CASE(hostile_uploads_get_clear_errors_and_nothing_is_half_published) {
  TestServer s(false, {"--max-upload", "4096"});
  std::string official = s.UserToken("official");
  int64_t head = s.Get("/api/v1/log/verify").json()["entries"];
  auto check = [&](const std::string& csv, int status, const std::string& says) {
    auto r = Upload(s, official, kUploadQuery, csv);
    BOOST_TEST(r.status == status, r.body);
    BOOST_TEST(r.header("Content-Type") == "application/problem+json");
    BOOST_TEST(r.json()["detail"].get<std::string>().find(says) != std::string::npos, r.body);
  };
  check("a,b\n1,2\n\xe5,3\n", 422, "line 3");                    // Latin-1, not UTF-8
  check("a,b\n1,2\n3,4\n5\n6,7\n", 422, "line 4 has 1 fields");  // ragged
  check("a,b\n1,2\n3,4,5\n", 422, "line 3 has 3 fields");
  check(std::string("a,b\n1,2\n\x01\x02\0\x03,x\n", 16), 422, "binary");
  check("a,b\n\"open,2\n3,4\n", 422, "line 2: a quoted field is never closed");
  check("a,a\n1,2\n", 422, "appears twice");
  check(std::string(5000, 'x'), 413, "4096");
  BOOST_TEST(Upload(s, official, "name=x&title=&theme=NOPE", "a\n1\n").status == 422);
  BOOST_TEST(Upload(s, official, kUploadQuery, kGoodCsv, "application/octet-stream").status == 415);
  BOOST_TEST(Upload(s, s.ResidentToken(), kUploadQuery, kGoodCsv).status == 403);
  BOOST_TEST(Upload(s, "", kUploadQuery, kGoodCsv).status == 401);
  // Nothing of any of them is stored or logged.
  BOOST_TEST(s.Get("/api/v1/datasets/parkering").status == 404);
  BOOST_TEST(s.Get("/opendata/parkering.csv").status == 404);
  for (const auto& d : s.Get("/api/v1/datasets?limit=200").json()["items"]) BOOST_TEST(d["builtin"] == true);
  BOOST_TEST(s.Get("/api/v1/log/verify").json()["entries"] ==
             head + 1);  // the resident's account only
}

BOOST_AUTO_TEST_CASE(
    uploads_larger_than_the_json_body_limit_are_accepted_and_stream_in_many_chunks) {
  TestServer s;  // --max-body 1 MiB by default; uploads have their own 50 MiB limit
  std::string official = s.UserToken("official");
  std::string csv = "nr,namn,belopp\n";
  for (int i = 1; i <= 40000; ++i) {
    csv += std::to_string(i) + ",Gata " + std::to_string(i % 97) + " i Nacka," + std::to_string(i) +
           ".25\n";
  }
  BOOST_REQUIRE(csv.size() > (1u << 20));
  auto up = Upload(s, official, kUploadQuery, csv);
  BOOST_REQUIRE_MESSAGE(up.status == 201, up.body);
  auto nd = s.Get("/opendata/parkering.ndjson");
  BOOST_TEST(std::count(nd.body.begin(), nd.body.end(), '\n') == 40000);
  auto csv_back = s.Get("/opendata/parkering.csv").body;
  BOOST_TEST(std::count(csv_back.begin(), csv_back.end(), '\n') == 40001);
  BOOST_TEST(s.Get("/opendata/parkering.json").json().back()["belopp"] == 40000.25);
}

BOOST_AUTO_TEST_CASE(a_client_that_goes_away_mid_download_leaves_the_server_serving) {
  TestServer s;
  std::string official = s.UserToken("official");
  std::string csv = "nr,text\n";
  for (int i = 0; i < 200000; ++i)
    csv += std::to_string(i) + ",rad nummer " + std::to_string(i) + "\n";
  BOOST_REQUIRE(Upload(s, official, kUploadQuery, csv).status == 201);
  for (int round = 0; round < 3; ++round) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(s.port()));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    BOOST_REQUIRE(connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    std::string req = "GET /opendata/parkering.json HTTP/1.1\r\nHost: x\r\n\r\n";
    BOOST_REQUIRE(send(fd, req.data(), req.size(), 0) == static_cast<ssize_t>(req.size()));
    char buf[4096];
    BOOST_TEST(recv(fd, buf, sizeof buf, 0) > 0);
    linger hard{1, 0};  // reset the connection instead of a clean close
    setsockopt(fd, SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
    close(fd);
  }
  BOOST_TEST(s.Get("/healthz").status == 200);
  auto nd = s.Get("/opendata/parkering.ndjson");
  BOOST_TEST(std::count(nd.body.begin(), nd.body.end(), '\n') == 200000);
}
