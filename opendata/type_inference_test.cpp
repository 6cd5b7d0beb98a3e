// Unit tests of column type inference for uploads.
#define BOOST_TEST_MODULE type_inference
#include "opendata/type_inference.h"

#include <boost/test/unit_test.hpp>

using namespace samrad::opendata;

BOOST_AUTO_TEST_CASE(values_are_recognised_only_in_json_compatible_forms) {
  BOOST_TEST(IsInteger("0"));
  BOOST_TEST(IsInteger("-42"));
  BOOST_TEST(!IsInteger("0701"));  // a code with a leading zero stays text
  BOOST_TEST(!IsInteger("+5"));
  BOOST_TEST(!IsInteger("1234567890123456789"));  // past 18 digits
  BOOST_TEST(IsNumber("3.14"));
  BOOST_TEST(IsNumber("-1e-3"));
  BOOST_TEST(!IsNumber("3,14"));
  BOOST_TEST(!IsNumber(".5"));
  BOOST_TEST(!IsNumber("1."));
  BOOST_TEST(IsDate("2024-02-29"));
  BOOST_TEST(!IsDate("2023-02-29"));
  BOOST_TEST(!IsDate("2024-13-01"));
  BOOST_TEST(!IsDate("2024-1-01"));
  BOOST_TEST(IsBoolean("TRUE"));
  BOOST_TEST(IsBoolean("false"));
  BOOST_TEST(!IsBoolean("ja"));
}

BOOST_AUTO_TEST_CASE(each_column_gets_the_narrowest_type_all_its_cells_fit) {
  TypeInference t(6);
  t.Add({"1", "1", "2024-01-01", "true", "x", ""});
  t.Add({"2", "2.5", "2024-01-02", "False", "3", ""});
  t.Add({"", "", "", "", "", ""});
  auto types = t.Types();
  BOOST_TEST(types == (std::vector<std::string>{"integer", "number", "date", "boolean", "string",
                                                "string"}),
             boost::test_tools::per_element());
}
