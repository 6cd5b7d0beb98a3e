// Unit tests of the CSV, JSON and NDJSON renderers and their chunking.
#define BOOST_TEST_MODULE row_writer
#include "opendata/row_writer.h"

#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

using namespace samrad;
using namespace samrad::opendata;

namespace {
const std::vector<FieldSpec> kFields = {
    {"id", "integer", ""}, {"name", "string", ""}, {"ok", "boolean", ""}, {"data", "object", ""}};
Row MakeRow(const std::string& id, const std::string& name) {
  return {{Cell::Kind::kInteger, id},
          {Cell::Kind::kString, name},
          {Cell::Kind::kBoolean, "TRUE"},
          {Cell::Kind::kJson, R"({"a":[1,2]})"}};
}
std::string Render(Format f, const std::vector<Row>& rows, size_t chunk = 64 * 1024,
                   int* chunks = nullptr) {
  std::string out;
  RowWriter w(
      f, kFields,
      [&](std::string_view c) {
        out.append(c);
        if (chunks) ++*chunks;
        return true;
      },
      chunk);
  w.Begin();
  for (const auto& r : rows) w.Write(r);
  w.End();
  return out;
}
}  // namespace

BOOST_AUTO_TEST_CASE(csv_has_a_header_crlf_and_quoting) {
  Row nulls = MakeRow("2", "");
  nulls[1].kind = Cell::Kind::kNull;
  auto out = Render(Format::kCsv, {MakeRow("1", "a,\"b\""), nulls});
  BOOST_TEST(out ==
             "id,name,ok,data\r\n1,\"a,\"\"b\"\"\",TRUE,\"{\"\"a\"\":[1,2]}\"\r\n2,,TRUE,\"{"
             "\"\"a\"\":[1,2]}\"\r\n");
}

BOOST_AUTO_TEST_CASE(json_is_one_array_with_typed_values) {
  Row nulls = MakeRow("2", "x");
  nulls[1].kind = Cell::Kind::kNull;
  auto j =
      nlohmann::json::parse(Render(Format::kJson, {MakeRow("1", "tab\there \"q\" \x01"), nulls}));
  BOOST_TEST(j.size() == 2u);
  BOOST_TEST(j[0]["id"] == 1);
  BOOST_TEST(j[0]["name"] == "tab\there \"q\" \x01");
  BOOST_TEST(j[0]["ok"] == true);
  BOOST_TEST(j[0]["data"]["a"][1] == 2);
  BOOST_TEST(j[1]["name"].is_null());
  BOOST_TEST(nlohmann::json::parse(Render(Format::kJson, {})).empty());
}

BOOST_AUTO_TEST_CASE(ndjson_has_one_object_per_line) {
  auto out = Render(Format::kNdjson, {MakeRow("1", "a"), MakeRow("2", "b\nc")});
  BOOST_TEST(std::count(out.begin(), out.end(), '\n') == 2);
  BOOST_TEST(nlohmann::json::parse(out.substr(0, out.find('\n')))["name"] == "a");
}

BOOST_AUTO_TEST_CASE(output_comes_in_chunks_of_about_the_chunk_size) {
  std::vector<Row> rows(1000, MakeRow("123", "some text"));
  int chunks = 0;
  auto out = Render(Format::kCsv, rows, 1024, &chunks);
  BOOST_TEST(chunks > 20);
  BOOST_TEST(out.size() / chunks < 1200u);
}

BOOST_AUTO_TEST_CASE(a_refusing_sink_stops_the_writer) {
  int calls = 0;
  RowWriter w(
      Format::kCsv, kFields, [&](std::string_view) { return ++calls < 2; }, 16);
  BOOST_TEST(w.Begin());
  BOOST_TEST(!w.Write(MakeRow("1", "a long enough name")));
  BOOST_TEST(!w.Write(MakeRow("2", "b")));
  BOOST_TEST(calls == 2);
}
