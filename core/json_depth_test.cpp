// Unit tests of the nesting bound on client JSON: the scan counts only real
// brackets (not those inside strings or after escapes) and refuses a value
// one level too deep before anything is built; cursors decode only as flat
// arrays of integers and strings.
#define BOOST_TEST_MODULE json_depth
#include "core/json_depth.h"

#include <boost/test/unit_test.hpp>

#include "core/crypto.h"
#include "core/cursor.h"

using namespace samrad;

namespace {
std::string Nested(int depth, const std::string& inner = "") {
  return std::string(depth, '[') + inner + std::string(depth, ']');
}
}  // namespace

BOOST_AUTO_TEST_CASE(depth_counts_arrays_and_objects_up_to_the_limit) {
  BOOST_TEST(!JsonDeeperThan(""));
  BOOST_TEST(!JsonDeeperThan("42"));
  BOOST_TEST(!JsonDeeperThan(Nested(64)));
  BOOST_TEST(JsonDeeperThan(Nested(65)));
  BOOST_TEST(!JsonDeeperThan(R"({"a":{"b":[1,{"c":[]}]}})", 5));
  BOOST_TEST(JsonDeeperThan(R"({"a":{"b":[1,{"c":[]}]}})", 4));
  // Siblings do not add up: many shallow arrays are fine.
  std::string wide = "[";
  for (int i = 0; i < 10000; ++i) wide += "[1],";
  wide += "[]]";
  BOOST_TEST(!JsonDeeperThan(wide, 2));
  // Closers bring the depth back down.
  BOOST_TEST(!JsonDeeperThan(Nested(60) + Nested(60)));
}

BOOST_AUTO_TEST_CASE(brackets_inside_strings_and_after_escapes_do_not_count) {
  BOOST_TEST(!JsonDeeperThan("[\"" + std::string(1000, '[') + "\"]", 1));
  // An escaped quote does not end the string; the brackets after it are text.
  BOOST_TEST(!JsonDeeperThan(R"(["a\"[[[[", "b"])", 1));
  // An escaped backslash does end it: the next bracket is real.
  BOOST_TEST(JsonDeeperThan(R"(["a\\", [[]]])", 2));
  BOOST_TEST(!JsonDeeperThan(R"(["a\\", [[]]])", 3));
  // Closers inside strings do not hide real openers either.
  BOOST_TEST(JsonDeeperThan("[\"]]]]\"," + Nested(3) + "]", 3));
}

BOOST_AUTO_TEST_CASE(parse_refuses_deep_values_and_keeps_invalid_text_as_discarded) {
  std::string deep = R"({"x":)" + Nested(60000) + "}";
  auto r = ParseClientJson(deep, "the body");
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST(static_cast<int>(r.status().code()) == static_cast<int>(Code::kMalformed));
  BOOST_TEST(r.status().message().find("the body") != std::string::npos);
  BOOST_TEST(r.status().message().find("64") != std::string::npos);
  // Deep but unbalanced or broken text is refused the same way.
  BOOST_TEST(!ParseClientJson(std::string(100000, '{'), "q").ok());
  auto ok = ParseClientJson(Nested(64, "1"), "x");
  BOOST_REQUIRE(ok.ok());
  BOOST_TEST(ok->is_array());
  auto text = ParseClientJson("plain words", "q");
  BOOST_REQUIRE(text.ok());
  BOOST_TEST(text->is_discarded());
}

BOOST_AUTO_TEST_CASE(cursors_decode_only_as_flat_integers_and_strings) {
  auto enc = [](const std::string& text) { return crypto::Base64UrlEncode(text); };
  BOOST_TEST(DecodeCursor(EncodeCursor({"2027-01-01T00:00:00Z", 7}), 2).ok());
  BOOST_TEST(DecodeCursor(enc("[1,1]"), 2).ok());
  BOOST_TEST(!DecodeCursor(enc("[1,1]"), 1).ok());
  BOOST_TEST(!DecodeCursor(enc("[1,[1]]"), 2).ok());
  BOOST_TEST(!DecodeCursor(enc("[1,{}]"), 2).ok());
  BOOST_TEST(!DecodeCursor(enc("[1.5]"), 1).ok());
  BOOST_TEST(!DecodeCursor(enc("[null]"), 1).ok());
  BOOST_TEST(!DecodeCursor(enc("[" + Nested(60000) + "]"), 1).ok());
  BOOST_TEST(!DecodeCursor("not base64!", 1).ok());
  // Each position's type is checked where the service reads it.
  Page p;
  p.after = nlohmann::json::array({"x", 1});
  BOOST_TEST(!CursorInt(p, 0, 0).ok());
  BOOST_TEST(CursorInt(p, 1, 0).value() == 1);
  BOOST_TEST(CursorText(p, 0, "").value() == "x");
  BOOST_TEST(!CursorText(p, 1, "").ok());
  BOOST_TEST(!CursorInt(p, 2, 0).ok());  // past the end
  BOOST_TEST(CursorText(Page{}, 0, "first").value() == "first");
}
