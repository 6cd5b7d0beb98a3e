// The CKAN-compatible API through the real server: CKAN's envelope and error
// shapes, package_list/show/search with fq, facets, sort and paging, and
// datastore_search with filters, q, fields, sort, limit, offset and total;
// GET as browsers send it and POSTed JSON as ckanapi sends it.
#define BOOST_TEST_MODULE ckan_e2e
#include <boost/test/unit_test.hpp>

#include "tests/support/python.h"
#include "tests/support/test_server.h"

using namespace samrad::testing;
using nlohmann::json;

namespace {
struct Fixture {
  Fixture() {
    official = s.UserToken("official");
    std::string csv = "kommundel,invanare,yta,grundad\n";
    const char* parts[] = {"Sickla", "Orminge", "Fisksätra", "Saltsjöbaden", "Boo"};
    for (int i = 0; i < 25; ++i) {
      csv += std::string(parts[i % 5]) + "," + std::to_string(1000 + i * 10) + "," +
             std::to_string(i) + ".5,2020-01-" + (i < 9 ? "0" : "") + std::to_string(i + 1) + "\n";
    }
    auto up = Upload(s, official,
                     "name=kommundelar&title=Kommundelar&description=Invånare%20per%20kommundel&"
                     "keywords=befolkning,statistik&theme=SOCI&license=CC-BY-4.0",
                     csv);
    BOOST_REQUIRE_MESSAGE(up.status == 201, up.body);
  }
  // Checks CKAN's envelope and returns result (or error).
  json Call(const std::string& path, int status = 200) {
    auto r = s.Get(path);
    BOOST_TEST(r.status == status, path << ": " << r.body);
    auto j = r.json();
    BOOST_TEST(j["help"].get<std::string>().find("/api/3/action/help_show?name=") !=
               std::string::npos);
    BOOST_TEST(j["success"] == (status == 200));
    return status == 200 ? j["result"] : j["error"];
  }
  TestServer s;
  std::string official;
};
}  // namespace

BOOST_FIXTURE_TEST_CASE(package_list_and_package_show_in_ckan_shape, Fixture) {
  auto list = Call("/api/3/action/package_list");
  BOOST_TEST(list == json({"comments", "consultations", "decision_votes", "decisions", "events",
                           "kommundelar", "moderation_log", "questionnaire_answers", "questionnaire_questions"}),
             list.dump());
  auto p = Call("/api/3/action/package_show?id=kommundelar");
  BOOST_TEST(p["name"] == "kommundelar");
  BOOST_TEST(p["title"] == "Kommundelar");
  BOOST_TEST(p["notes"] == "Invånare per kommundel");
  BOOST_TEST(p["license_id"] == "CC-BY-4.0");
  BOOST_TEST(p["state"] == "active");
  BOOST_TEST(p["num_resources"] == 4);
  BOOST_TEST(p["tags"][0]["name"] == "befolkning");
  BOOST_TEST(p["resources"][0]["format"] == "CSV");
  BOOST_TEST(p["resources"][0]["url"].get<std::string>().ends_with("/opendata/kommundelar.csv"));
  BOOST_TEST(p["resources"][0]["datastore_active"] == true);
  // The resource URL downloads what it says.
  std::string url = p["resources"][0]["url"];
  BOOST_TEST(s.Get(url.substr(url.find("/opendata/"))).status == 200);
  auto missing = Call("/api/3/action/package_show?id=nothing", 404);
  BOOST_TEST(missing["__type"] == "Not Found Error");
  BOOST_TEST(!missing["message"].get<std::string>().empty());
  auto no_id = Call("/api/3/action/package_show", 409);
  BOOST_TEST(no_id["__type"] == "Validation Error");
  BOOST_TEST(no_id["id"] == json({"Missing value"}));
  auto unknown = s.Get("/api/3/action/resource_create");
  BOOST_TEST(unknown.status == 400);
  BOOST_TEST(unknown.json()["success"] == false);
}

BOOST_FIXTURE_TEST_CASE(package_search_with_q_fq_sort_paging_and_facets, Fixture) {
  auto all = Call("/api/3/action/package_search");
  BOOST_TEST(all["count"] == 9);
  BOOST_TEST(all["results"].size() == 9u);
  auto q = Call("/api/3/action/package_search?q=invånare");
  BOOST_TEST(q["count"] == 1);
  BOOST_TEST(q["results"][0]["name"] == "kommundelar");
  auto fq = Call("/api/3/action/package_search?fq=tags:statistik%20res_format:CSV");
  BOOST_TEST(fq["count"] == 1);
  auto none = Call("/api/3/action/package_search?fq=license_id:ODbL-1.0");
  BOOST_TEST(none["count"] == 0);
  auto sorted = Call("/api/3/action/package_search?sort=name%20desc&rows=2&start=1");
  BOOST_TEST(sorted["count"] == 9);
  BOOST_TEST(sorted["results"].size() == 2u);
  BOOST_TEST(sorted["results"][0]["name"] == "questionnaire_answers");
  BOOST_TEST(sorted["results"][1]["name"] == "moderation_log");
  auto facets = Call("/api/3/action/package_search?facet.field=%5B%22license_id%22,%22tags%22%5D");
  BOOST_TEST(facets["facets"]["license_id"]["CC0-1.0"] == 8);
  BOOST_TEST(facets["facets"]["license_id"]["CC-BY-4.0"] == 1);
  BOOST_TEST(facets["search_facets"]["tags"]["items"].size() > 0u);
  // CKAN clamps rows to its limit instead of refusing; a negative count is invalid.
  BOOST_TEST(Call("/api/3/action/package_search?rows=1001")["results"].size() == 9u);
  BOOST_TEST(Call("/api/3/action/package_search?rows=-1", 409)["__type"] == "Validation Error");
  BOOST_TEST(Call("/api/3/action/package_search?fq=colour:red", 400)["__type"] ==
             "Search Query Error");
  BOOST_TEST(Call("/api/3/action/package_search?sort=size%20asc", 400)["__type"] ==
             "Search Query Error");
}

BOOST_FIXTURE_TEST_CASE(datastore_search_filters_queries_sorts_and_pages, Fixture) {
  auto r = Call("/api/3/action/datastore_search?resource_id=kommundelar&limit=3");
  BOOST_TEST(r["total"] == 25);
  BOOST_TEST(r["records"].size() == 3u);
  BOOST_TEST(r["records"][0]["_id"] == 1);
  BOOST_TEST(r["records"][0]["invanare"] == 1000);
  BOOST_TEST(r["records"][0]["yta"] == 0.5);
  BOOST_TEST(r["fields"][1] ==
             json({{"id", "kommundel"}, {"type", "text"}, {"info", {{"notes", ""}}}}));
  BOOST_TEST(r["fields"][2]["type"] == "int");
  auto f = Call(
      "/api/3/action/"
      "datastore_search?resource_id=kommundelar-csv&filters=%7B%22kommundel%22:%22Boo%22%7D");
  BOOST_TEST(f["total"] == 5);
  for (const auto& rec : f["records"]) BOOST_TEST(rec["kommundel"] == "Boo");
  auto f2 = Call(
      "/api/3/action/"
      "datastore_search?resource_id=kommundelar&filters=%7B%22invanare%22:%5B1000,1010%5D%7D");
  BOOST_TEST(f2["total"] == 2);
  auto q = Call("/api/3/action/datastore_search?resource_id=kommundelar&q=fisks");
  BOOST_TEST(q["total"] == 5);
  auto sorted = Call(
      "/api/3/action/"
      "datastore_search?resource_id=kommundelar&sort=invanare%20desc&limit=2&offset=1&fields="
      "kommundel,invanare");
  BOOST_TEST(sorted["total"] == 25);
  BOOST_TEST(sorted["records"].size() == 2u);
  BOOST_TEST(sorted["records"][0]["invanare"] == 1230);
  BOOST_TEST(sorted["records"][1]["invanare"] == 1220);
  BOOST_TEST(!sorted["records"][0].contains("yta"));
  auto last = Call("/api/3/action/datastore_search?resource_id=kommundelar&offset=24");
  BOOST_TEST(last["records"].size() == 1u);
  BOOST_TEST(last["records"][0]["_id"] == 25);
  auto events = Call(
      "/api/3/action/"
      "datastore_search?resource_id=events&filters=%7B%22kind%22:%22dataset.published%22%7D");
  BOOST_TEST(events["total"] == 1);
  BOOST_TEST(events["records"][0]["subject"] == "dataset/kommundelar");
  BOOST_TEST(events["records"][0]["payload"]["title"] == "Kommundelar");
  BOOST_TEST(Call("/api/3/action/datastore_search?resource_id=nothing", 404)["__type"] ==
             "Not Found Error");
  BOOST_TEST(Call("/api/3/action/datastore_search?resource_id=kommundelar&filters=%7B%22x%22:1%7D",
                  409)["__type"] == "Validation Error");
  BOOST_TEST(Call("/api/3/action/datastore_search?resource_id=kommundelar&limit=32001",
                  409)["__type"] == "Validation Error");
  BOOST_TEST(Call("/api/3/action/datastore_search", 409)["resource_id"] == json({"Missing value"}));
}

BOOST_FIXTURE_TEST_CASE(a_ckanapi_style_client_posting_json_works_unchanged, Fixture) {
  // ckanapi's RemoteCKAN.call_action POSTs the parameters as a JSON object to
  // /api/3/action/NAME and reads {success, result} or error.__type; this
  // client does exactly that with nothing but Python's standard library.
  TempDir dir;
  auto r = RunPython(dir.path(), R"PY(
import json, sys, urllib.request, urllib.error
base = sys.argv[1]
def call_action(action, data_dict):
    req = urllib.request.Request(base + "/api/3/action/" + action, data=json.dumps(data_dict).encode(),
                                 headers={"Content-Type": "application/json", "User-Agent": "ckanapi/4.7"})
    try:
        body = json.load(urllib.request.urlopen(req))
    except urllib.error.HTTPError as e:
        body = json.load(e)
    if body.get("success"):
        return body["result"]
    raise LookupError(body["error"]["__type"])
assert "kommundelar" in call_action("package_list", {})
pkg = call_action("package_show", {"id": "kommundelar"})
assert [r["format"] for r in pkg["resources"]] == ["CSV", "CSV", "JSON", "NDJSON"]
found = call_action("package_search", {"q": "kommundel", "rows": 5, "facet.field": ["tags"]})
assert found["count"] == 1 and found["search_facets"]["tags"]["items"]
rows = call_action("datastore_search", {"resource_id": pkg["resources"][0]["id"], "filters": {"kommundel": "Sickla"},
                                        "sort": "invanare desc", "limit": 2})
assert rows["total"] == 5 and rows["records"][0]["invanare"] == 1200, rows
try:
    call_action("package_show", {"id": "saknas"})
    raise SystemExit("no error for a missing package")
except LookupError as e:
    assert str(e) == "Not Found Error"
print("ok")
)PY",
                     s.url());
  BOOST_TEST(r.exit_code == 0, r.output);
}

BOOST_FIXTURE_TEST_CASE(the_unversioned_path_takes_get_json_and_form_posts, Fixture) {
  auto get = s.Get("/api/action/package_show?id=kommundelar");
  BOOST_TEST(get.status == 200, get.body);
  BOOST_TEST(get.json()["result"]["organization"]["name"] == "nacka-kommun");
  auto form = s.Request("POST", "/api/action/package_show", "id=kommundelar", "",
                        {{"Content-Type", "application/x-www-form-urlencoded"}});
  BOOST_TEST(form.status == 200, form.body);
  BOOST_TEST(form.json()["result"]["name"] == "kommundelar");
  auto form3 = s.Request("POST", "/api/3/action/datastore_search",
                         "resource_id=kommundelar&filters=%7B%22kommundel%22%3A%22Boo%22%7D", "",
                         {{"Content-Type", "application/x-www-form-urlencoded; charset=UTF-8"}});
  BOOST_TEST(form3.status == 200, form3.body);
  BOOST_TEST(form3.json()["result"]["total"] == 5);
  auto json_post = s.Post("/api/action/organization_show", {{"id", "nacka-kommun"}});
  BOOST_TEST(json_post.status == 200, json_post.body);
  BOOST_TEST(json_post.json()["result"]["title"] == "Nacka kommun");
  auto missing = s.Post("/api/action/group_show", {{"id", "sport"}});
  BOOST_TEST(missing.status == 404);
  BOOST_TEST(missing.json()["error"]["__type"] == "Not Found Error");
  auto bad = s.Request("POST", "/api/action/package_show", "{\"id\":", "",
                       {{"Content-Type", "application/json"}});
  BOOST_TEST(bad.status == 400);
  BOOST_TEST(bad.json()["error"]["__type"] == "Bad Request");
  auto unknown = s.Get("/api/action/package_create");
  BOOST_TEST(unknown.status == 400);
  BOOST_TEST(unknown.json()["error"]["__type"] == "Bad Request");
}

BOOST_FIXTURE_TEST_CASE(package_search_takes_solr_ranges_operators_and_several_sort_keys, Fixture) {
  BOOST_TEST(Call("/api/3/action/package_search?q=tags:befolkning")["count"] == 1);
  BOOST_TEST(Call("/api/3/action/package_search?fq=-tags:befolkning")["count"] == 8);
  BOOST_TEST(Call("/api/3/action/package_search?fq=name:kommundelar%20OR%20name:events")["count"] == 2);
  BOOST_TEST(Call("/api/3/action/package_search?fq=%2Bgroups:soci%20%2Borganization:nacka-kommun")
                 ["count"] == 1);
  BOOST_TEST(Call("/api/3/action/package_search?fq=metadata_modified:%5B2000-01-01T00:00:00Z%20TO%20*%5D")
                 ["count"] == 9);
  BOOST_TEST(Call("/api/3/action/package_search?fq=metadata_created:%7B*%20TO%202000-01-01%7D")
                 ["count"] == 0);
  auto sorted = Call("/api/3/action/package_search?sort=title_string%20desc,%20name%20asc&rows=2");
  BOOST_TEST(sorted["sort"] == "title_string desc, name asc");
  BOOST_TEST(sorted["results"][0]["title"] >= sorted["results"][1]["title"]);
  auto by_id = Call("/api/3/action/package_search?sort=id%20asc&rows=100");
  BOOST_TEST(by_id["results"][0]["id"] == "comments");
  BOOST_TEST(Call("/api/3/action/package_search?fq=metadata_modified:%5Bsoon%20TO%20*%5D", 400)
                 ["__type"] == "Search Query Error");
  BOOST_TEST(Call("/api/3/action/package_search?fq=(tags:a", 400)["__type"] == "Search Query Error");
}

BOOST_FIXTURE_TEST_CASE(datastore_search_links_keep_the_search_and_records_come_in_four_formats,
                        Fixture) {
  auto r = Call(
      "/api/3/action/datastore_search?resource_id=kommundelar&q=sickla&fields=kommundel,invanare&"
      "sort=invanare%20desc&limit=2");
  BOOST_TEST(r["total"] == 5);
  BOOST_TEST(r["total_was_estimated"] == false);
  std::string next = r["_links"]["next"];
  BOOST_TEST(next.find("q=sickla") != std::string::npos, next);
  BOOST_TEST(next.find("offset=2") != std::string::npos, next);
  auto page2 = Call(next);
  BOOST_TEST(page2["records"].size() == 2u);
  BOOST_TEST(page2["records"][0]["invanare"] == 1100);
  BOOST_TEST(!page2["records"][0].contains("yta"));
  auto lists = Call(
      "/api/3/action/datastore_search?resource_id=kommundelar-excel-csv&limit=1&"
      "fields=kommundel&records_format=lists");
  BOOST_TEST(lists["records"] == json::parse(R"([[1, "Sickla"]])"));
  auto csv = Call(
      "/api/3/action/datastore_search?resource_id=kommundelar&limit=2&fields=kommundel,yta&"
      "records_format=csv");
  BOOST_TEST(csv["records"] == "1,Sickla,0.5\n2,Orminge,1.5\n");
  auto tsv = Call(
      "/api/3/action/datastore_search?resource_id=kommundelar&limit=1&fields=kommundel&"
      "records_format=tsv");
  BOOST_TEST(tsv["records"] == "1\tSickla\n");
  auto distinct = Call(
      "/api/3/action/datastore_search?resource_id=kommundelar&fields=kommundel&distinct=true");
  BOOST_TEST(distinct["total"] == 5);
  BOOST_TEST(Call("/api/3/action/datastore_search?resource_id=kommundelar&full_text=boo")["total"] ==
             5);
  BOOST_TEST(Call("/api/3/action/datastore_search?resource_id=kommundelar&records_format=xml", 409)
                 ["records_format"] == json({"must be objects, lists, csv or tsv"}));
}
