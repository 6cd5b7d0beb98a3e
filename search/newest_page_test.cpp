// Unit tests of the newest-first page read from date buckets: whatever the
// query, filters, offset and page size, and wherever the bucket borders
// fall, it gives exactly the order of a plain sort by date.
#define BOOST_TEST_MODULE newest_page
#include "search/newest_page.h"

#include <boost/test/unit_test.hpp>

#include "search/date_buckets.h"
#include "search/search_test_fixture.h"
#include "search/searcher.h"

using namespace samrad;
using namespace samrad::search;
using samrad::search::test::Fixture;
using samrad::search::test::kNow;

namespace {
// Dates around the borders of every bucket level (one second, 256 seconds,
// 18 hours, 194 days), several items sharing a second, one before 1970.
int64_t DateOf(int i) {
  static const int64_t kSteps[] = {0, 0, 1, 15, 16, 255, 256, 257, 4095, 4096, 65535, 65536,
                                   65537, 1048575, 1048576, 16777215, 16777216, 16777217, 300000000};
  constexpr int n = sizeof(kSteps) / sizeof(kSteps[0]);
  if (i == 1) return -86400;
  // A multiple of 2^24 seconds, so that the steps cross the borders.
  return 1795162112 - kSteps[i % n] + (i / n) * 3;
}

IndexDocument Item(int i) {
  IndexDocument d;
  d.type = i % 3 == 0 ? "decision" : "comment";
  d.id = i;
  d.title = i % 2 ? "Kommun och skola" : "Kommun kommun kommun";  // words of different weights
  d.texts = {i % 4 ? "Parken vid ån" : "Bygglov"};
  d.area = i % 5 ? "Sickla" : "Nacka";
  d.url = "/x/" + std::to_string(i);
  d.date = DateOf(i);
  return d;
}

Xapian::BM25Weight Weight() { return Xapian::BM25Weight(1.0, 0.0, 1.0, 0.0, 0.5); }

std::vector<Xapian::docid> Sorted(const Xapian::Database& db, const Xapian::Query& q, unsigned offset,
                                  unsigned limit) {
  Xapian::Enquire e(db);
  e.set_query(q);
  e.set_weighting_scheme(Weight());
  e.set_sort_by_value_then_relevance(kSlotDate, true);
  std::vector<Xapian::docid> out;
  Xapian::MSet m = e.get_mset(offset, limit);
  for (auto it = m.begin(); it != m.end(); ++it) out.push_back(*it);
  return out;
}

std::vector<Xapian::docid> Walked(const Xapian::Database& db, const Xapian::Query& q, unsigned offset,
                                  unsigned limit, unsigned at_most) {
  std::vector<Xapian::docid> out;
  NewestPage(db, q, Weight(), offset, limit, [&](const Xapian::MSet& m) {
    for (auto it = m.begin(); it != m.end(); ++it) out.push_back(*it);
  }, at_most);
  return out;
}

struct Items : Fixture {
  static constexpr int kCount = 90;
  Items() { IndexStraight(kCount, Item); }
};
}  // namespace

BOOST_AUTO_TEST_CASE(bucket_terms_nest_and_sort_as_dates_do) {
  auto a = DateBucketTerms(0x123456789);
  BOOST_TEST(a == (std::vector<std::string>{"XBa123", "XBb12345", "XBc1234567", "XBd123456789"}),
             boost::test_tools::per_element());
  BOOST_TEST(DateBucketChildren("XBa123") == "XBb123");
  BOOST_TEST(DateBucketChildren("XBc1234567") == "XBd1234567");
  BOOST_TEST(DateBucketChildren("XBd123456789") == "");
  BOOST_TEST(DateBucketTerms(-5).back() == "XBd000000000");
  // Later dates give later terms at every level.
  auto b = DateBucketTerms(0x123456789 + 0x1000);
  for (size_t i = 0; i < a.size(); ++i) BOOST_TEST(a[i] <= b[i]);
  BOOST_TEST(a[2] < b[2]);
}

BOOST_FIXTURE_TEST_CASE(every_page_is_the_plain_sort_by_date_whatever_the_filters, Items) {
  Xapian::Database db(LiveIndexDir(dir.string()));
  const std::vector<Xapian::Query> queries = {
      Xapian::Query(std::string()),  // browse everything
      Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(std::string()), Xapian::Query("XTdecision")),
      Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(std::string(kPrefixStemmed) + "kommun"),
                    Xapian::Query("XAnacka")),
      Xapian::Query(std::string(kPrefixStemmed) + "kommun"),  // weights differ, dates tie
      Xapian::Query(std::string(kPrefixStemmed) + "bygglov"),
      Xapian::Query(std::string(kPrefixStemmed) + "saknas"),  // nothing
  };
  int compared = 0;
  for (const auto& q : queries) {
    for (unsigned at_most : {1u, 2u, 5u, 1000u}) {
      for (unsigned limit : {1u, 4u, 20u}) {
        for (unsigned offset = 0; offset <= Items::kCount; offset += 3) {
          auto expected = Sorted(db, q, offset, limit);
          auto walked = Walked(db, q, offset, limit, at_most);
          BOOST_TEST(walked == expected, boost::test_tools::per_element());
          compared += !expected.empty();
        }
      }
    }
  }
  BOOST_TEST(compared > 500);
}

BOOST_FIXTURE_TEST_CASE(browsing_newest_first_walks_the_buckets_and_keeps_the_order, Fixture) {
  // More items than are sorted directly, seven to a second.
  const int n = static_cast<int>(kSortDirectlyAtMost) + 300;
  IndexStraight(n, [](int i) {
    IndexDocument d = Item(i);
    d.date = 1795162112 - 200 + i / 7;
    return d;
  });
  const std::vector<std::map<std::string, std::string>> asked = {
      {{"limit", "5"}},
      {{"limit", "30"}, {"offset", "4100"}},
      {{"limit", "50"}, {"offset", "2000"}, {"type", "comment"}},
      {{"limit", "20"}, {"offset", "700"}, {"area", "Nacka"}},
      {{"q", "kommun"}, {"limit", "40"}, {"offset", "3000"}},
  };
  auto ids = [](const SearchResult& r) {
    std::vector<int64_t> out;
    for (const auto& h : r.hits) out.push_back(h.id);
    return out;
  };
  std::vector<std::vector<int64_t>> walked;
  for (auto params : asked) {
    params["sort"] = "newest";
    auto found = Find(params);
    BOOST_TEST(found.hits.size() == static_cast<size_t>(std::stoi(params["limit"])));
    for (size_t i = 1; i < found.hits.size(); ++i) BOOST_TEST(found.hits[i - 1].date >= found.hits[i].date);
    walked.push_back(ids(found));
  }
  BOOST_TEST(walked[0].front() == n);  // the newest
  // An index of an older format has no buckets and is sorted plainly: the same pages.
  {
    Xapian::WritableDatabase w(LiveIndexDir(dir.string()), Xapian::DB_OPEN);
    w.set_metadata(kMetaFormat, "5");
    w.commit();
  }
  Searcher plain(dir.string(), clock);
  for (size_t i = 0; i < asked.size(); ++i) {
    auto params = asked[i];
    params["sort"] = "newest";
    auto found = plain.Search(ParseSearchRequest(params).value());
    BOOST_REQUIRE(found.ok());
    BOOST_TEST(ids(found.value()) == walked[i], boost::test_tools::per_element());
  }
}
