// Unit tests of CSV writing (RFC 4180 quoting), reading (errors naming the
// line), UTF-8 checks and the upload inspection built on them.
#define BOOST_TEST_MODULE csv
#include "opendata/csv.h"

#include <boost/test/unit_test.hpp>

#include "opendata/dataset_publisher.h"

using namespace samrad::opendata;

namespace {
std::string Field(const std::string& s) {
  std::string out;
  AppendCsvField(out, s);
  return out;
}
std::string InspectError(const std::string& csv) {
  int64_t rows = 0;
  auto r = DatasetPublisher::Inspect(csv, &rows);
  return r.ok() ? "" : r.status().message();
}
}  // namespace

BOOST_AUTO_TEST_CASE(fields_are_quoted_only_when_rfc_4180_needs_it) {
  BOOST_TEST(Field("plain") == "plain");
  BOOST_TEST(Field("") == "");
  BOOST_TEST(Field("a,b") == "\"a,b\"");
  BOOST_TEST(Field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  BOOST_TEST(Field("two\nlines") == "\"two\nlines\"");
  BOOST_TEST(Field("cr\rhere") == "\"cr\rhere\"");
  BOOST_TEST(Field(" padded ") == "\" padded \"");
  BOOST_TEST(Field("Säffle") == "Säffle");
}

BOOST_AUTO_TEST_CASE(a_special_byte_is_found_at_every_position_of_long_fields) {
  // The scan reads eight bytes at a time: hit every offset and tail length,
  // with UTF-8 bytes and bytes next to the special ones around.
  for (size_t len = 1; len <= 40; ++len) {
    for (size_t at = 0; at < len; ++at) {
      for (char special : {',', '"', '\n', '\r'}) {
        std::string s(len, 'x');
        for (size_t i = 0; i < len; i += 3) s[i] = i % 2 ? '\xc3' : '+';
        s[at] = special;
        std::string want = "\"";
        for (char c : s) want += c == '"' ? "\"\"" : std::string(1, c);
        BOOST_TEST(Field(s) == want + "\"", "length " << len << " at " << at);
      }
    }
    std::string plain(len, '-');
    BOOST_TEST(Field(plain) == plain);
  }
}

BOOST_AUTO_TEST_CASE(reader_round_trips_what_the_writer_quotes) {
  std::string line;
  const std::vector<std::string> in = {"a,b", "say \"hi\"", "two\r\nlines", "", "Å"};
  for (size_t i = 0; i < in.size(); ++i) {
    if (i) line += ",";
    AppendCsvField(line, in[i]);
  }
  line += "\r\nnext,row\r\n";
  CsvReader r(line);
  std::vector<std::string> out;
  BOOST_REQUIRE(r.Next(&out));
  BOOST_TEST(out == in, boost::test_tools::per_element());
  BOOST_REQUIRE(r.Next(&out));
  BOOST_TEST(r.record_line() == 3);  // the quoted CRLF took a line
  BOOST_TEST(!r.Next(&out));
  BOOST_TEST(r.error().empty());
}

BOOST_AUTO_TEST_CASE(reader_skips_a_bom_and_accepts_lf_and_a_missing_last_newline) {
  CsvReader r("\xEF\xBB\xBFh1,h2\n1,2");
  std::vector<std::string> f;
  BOOST_REQUIRE(r.Next(&f));
  BOOST_TEST(f[0] == "h1");
  BOOST_REQUIRE(r.Next(&f));
  BOOST_TEST(f[1] == "2");
  BOOST_TEST(!r.Next(&f));
}

BOOST_AUTO_TEST_CASE(parse_errors_name_the_line) {
  BOOST_TEST(InspectError("a,b\n1,2\n3\n") == "line 3 has 1 fields; the header has 2");
  BOOST_TEST(InspectError("a,b\n1,2,3\n") == "line 2 has 3 fields; the header has 2");
  BOOST_TEST(InspectError("a,b\n1,2\n\n3,4\n") == "line 3 is empty");
  BOOST_TEST(InspectError("a,b\n\"x\"y,2\n") == "line 2: text after the closing quote of a field");
  BOOST_TEST(InspectError("a,b\nx\"y,2\n") == "line 2: a quote inside an unquoted field");
  BOOST_TEST(InspectError("a,b\n1,2\n\"open,2\n3,4\n") == "line 3: a quoted field is never closed");
  BOOST_TEST(InspectError("a,b\n1,\xe5\n").starts_with("line 2: the file is not UTF-8"));
  BOOST_TEST(InspectError(std::string("a,b\n1,2\n3,\0\n", 13)).starts_with("line 3: binary data"));
  BOOST_TEST(InspectError("") == "the file is empty");
  BOOST_TEST(InspectError("a,,c\n1,2,3\n") ==
             "line 1: column 2 needs a name of 1 to 100 bytes without tabs or line breaks");
}

BOOST_AUTO_TEST_CASE(utf8_check_finds_overlong_surrogate_and_truncated_sequences) {
  BOOST_TEST(!FindInvalidUtf8("Hej på dig 😀").has_value());
  BOOST_TEST(FindInvalidUtf8("ab\xC0\xAF").value() == 2u);        // overlong '/'
  BOOST_TEST(FindInvalidUtf8("\xED\xA0\x80").value() == 0u);      // a surrogate
  BOOST_TEST(FindInvalidUtf8("ok\xE2\x82").value() == 2u);        // cut short
  BOOST_TEST(FindInvalidUtf8("\xF4\x90\x80\x80").value() == 0u);  // past U+10FFFF
  BOOST_TEST(LineOf("a\nb\nc", 4) == 3);
}

BOOST_AUTO_TEST_CASE(comma_lists_are_trimmed_and_empty_items_dropped) {
  BOOST_TEST(SplitCommaList(" a, b ,,c ") == (std::vector<std::string>{"a", "b", "c"}),
             boost::test_tools::per_element());
  BOOST_TEST(SplitCommaList("").empty());
}

namespace {
std::string Excel(const std::string& s) {
  std::string out;
  AppendExcelField(out, s);
  return out;
}
}  // namespace

BOOST_AUTO_TEST_CASE(excel_fields_that_a_spreadsheet_would_run_get_a_quote_prefix) {
  BOOST_TEST(Excel("=1+2") == "'=1+2");
  BOOST_TEST(Excel("@SUM(A1)") == "'@SUM(A1)");
  BOOST_TEST(Excel("+46 70") == "'+46 70");
  BOOST_TEST(Excel("-cmd|' /C calc'!A0") == "'-cmd|' /C calc'!A0");
  BOOST_TEST(Excel("\t=1") == "'\t=1");
  BOOST_TEST(Excel("\r=1") == "\"'\r=1\"");
  BOOST_TEST(Excel("-5") == "-5");
  BOOST_TEST(Excel("+12.5") == "+12.5");
  BOOST_TEST(Excel("a;b") == "\"a;b\"");
  BOOST_TEST(Excel("a,b") == "a,b");
  BOOST_TEST(Excel(std::string("n\0ul", 4)) == "nul");
}

BOOST_AUTO_TEST_CASE(standard_csv_drops_control_characters_but_keeps_formulas) {
  BOOST_TEST(Field(std::string("n\0ul\x01", 5)) == "nul");
  BOOST_TEST(Field("=1+2") == "=1+2");
  BOOST_TEST(Field("tab\there") == "tab\there");
}

BOOST_AUTO_TEST_CASE(uploads_over_the_column_cell_and_name_limits_are_refused) {
  std::string header, row;
  for (int i = 0; i < 501; ++i) header += (i ? ",c" : "c") + std::to_string(i), row += i ? ",1" : "1";
  BOOST_TEST(InspectError(header + "\n" + row + "\n").find("the limit is 500") != std::string::npos);
  BOOST_TEST(InspectError("a\n" + std::string(32769, 'x') + "\n").find("32768") != std::string::npos);
  BOOST_TEST(InspectError("a\n" + std::string(32768, 'x') + "\n") == "");
  BOOST_TEST(InspectError(std::string(101, 'h') + "\n1\n").find("1 to 100 bytes") !=
             std::string::npos);
}
