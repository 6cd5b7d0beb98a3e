// Unit tests of dataset sizes: rows and CSV bytes counted from the rows,
// counted again only when the log moves, and sizes for people.
#define BOOST_TEST_MODULE dataset_sizes
#include <boost/test/unit_test.hpp>

#include "opendata/dataset_sizes.h"
#include "opendata/row_writer.h"

using namespace samrad;
using namespace samrad::opendata;

namespace {
DatasetSpec Spec(int* calls, int rows) {
  DatasetSpec d;
  d.name = "demo";
  d.fields = {{"id", "integer", ""}, {"text", "string", ""}};
  d.rows = [calls, rows](const ExportQuery&, const RowCallback& cb) {
    ++*calls;
    for (int i = 1; i <= rows; ++i) {
      Row r(2);
      r[0] = {Cell::Kind::kInteger, std::to_string(i)};
      r[1] = {Cell::Kind::kString, "a, b"};
      if (!cb(r)) break;
    }
    return Status::Ok();
  };
  return d;
}
}  // namespace

BOOST_AUTO_TEST_CASE(counts_rows_and_the_bytes_of_the_csv_download) {
  int calls = 0;
  DatasetSizes sizes;
  auto s = sizes.Of(Spec(&calls, 3), 7);
  BOOST_TEST_REQUIRE(s.ok());
  BOOST_TEST(s->rows == 3);
  std::string csv;
  RowWriter w(Format::kCsv, Spec(&calls, 3).fields, [&](std::string_view c) { csv += c; return true; });
  w.Begin();
  int ignored = 0;
  Spec(&ignored, 3).rows(ExportQuery{}, [&](const Row& r) { return w.Write(r); });
  w.End();
  BOOST_TEST(s->csv_bytes == static_cast<int64_t>(csv.size()));
}

BOOST_AUTO_TEST_CASE(counts_again_only_when_the_log_moves) {
  int calls = 0;
  DatasetSizes sizes;
  sizes.Of(Spec(&calls, 2), 7);
  sizes.Of(Spec(&calls, 2), 7);
  BOOST_TEST(calls == 1);
  auto moved = sizes.Of(Spec(&calls, 5), 8);
  BOOST_TEST(calls == 2);
  BOOST_TEST(moved->rows == 5);
}

BOOST_AUTO_TEST_CASE(an_export_failure_is_an_error_not_a_size) {
  DatasetSpec d;
  d.name = "broken";
  d.rows = [](const ExportQuery&, const RowCallback&) { return Status(Code::kInternal, "disk"); };
  DatasetSizes sizes;
  BOOST_TEST(!sizes.Of(d, 1).ok());
}

BOOST_AUTO_TEST_CASE(sizes_read_as_people_write_them) {
  BOOST_TEST(HumanBytes(512, "sv") == "512 byte");
  BOOST_TEST(HumanBytes(512, "en") == "512 bytes");
  BOOST_TEST(HumanBytes(4400, "sv") == "4,4 kB");
  BOOST_TEST(HumanBytes(4400, "en") == "4.4 kB");
  BOOST_TEST(HumanBytes(25'300'000, "sv") == "25 MB");
}
