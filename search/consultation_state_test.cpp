// Unit tests of date-driven consultation states in a real (in-memory)
// Xapian database: filters and facets agree at every moment, and a
// consultation a decision lets run becomes decided at its closing date.
#define BOOST_TEST_MODULE consultation_state
#include "search/consultation_state.h"

#include <boost/test/unit_test.hpp>
#include <map>
#include <set>

#include "search/facet_spy.h"
#include "search/index_schema.h"

using namespace samrad::search;

namespace {
constexpr int64_t kDay = 24 * 3600;
constexpr int64_t kOpens = 1798761600;  // 2027-01-01
constexpr int64_t kCloses = kOpens + 20 * kDay;

IndexDocument Dated(int64_t id, std::optional<int64_t> decided) {
  IndexDocument d;
  d.type = "consultation";
  d.id = id;
  d.title = "Samråd " + std::to_string(id);
  d.date = kOpens;
  d.opens_at = kOpens;
  d.closes_at = kCloses;
  d.decided_at = decided;
  return d;
}

struct Index {
  Index() : db(std::string(), Xapian::DB_BACKEND_INMEMORY) {
    Xapian::TermGenerator tg;
    db.add_document(BuildDocument(Dated(1, std::nullopt), tg));
    db.add_document(BuildDocument(Dated(2, kCloses), tg));  // a decision lets it run to its closing date
    IndexDocument fixed = Dated(3, std::nullopt);
    fixed.state = "decided";
    db.add_document(BuildDocument(fixed, tg));
  }
  // The ids in state s at now, by filter.
  std::set<int64_t> Filtered(const std::string& s, int64_t now) {
    Xapian::Enquire e(db);
    e.set_query(StateQuery(s, now));
    std::set<int64_t> out;
    Xapian::MSet m = e.get_mset(0, 10);
    for (auto it = m.begin(); it != m.end(); ++it) out.insert(ReadStored(it.get_document()).id);
    return out;
  }
  std::map<std::string, int64_t> Facets(int64_t now) {
    Xapian::Enquire e(db);
    e.set_query(Xapian::Query(std::string()));
    FacetSpy spy(now, 100);
    e.add_matchspy(&spy);
    e.get_mset(0, 0, 100);
    return spy.counts()["state"];
  }
  Xapian::WritableDatabase db;
};
}  // namespace

BOOST_AUTO_TEST_CASE(dated_state_is_decided_from_the_decision_on_and_otherwise_follows_the_dates) {
  BOOST_TEST(DatedState(kOpens, kCloses, std::nullopt, kOpens - 1) == "upcoming");
  BOOST_TEST(DatedState(kOpens, kCloses, kCloses, kOpens) == "open");
  BOOST_TEST(DatedState(kOpens, kCloses, kCloses, kCloses - 1) == "open");
  BOOST_TEST(DatedState(kOpens, kCloses, kCloses, kCloses) == "decided");
  BOOST_TEST(DatedState(kOpens, kCloses, std::nullopt, kCloses) == "closed");
}

BOOST_AUTO_TEST_CASE(a_consultation_a_decision_lets_run_is_open_until_its_closing_date_then_decided) {
  Index ix;
  int64_t running = kOpens + 5 * kDay, after = kCloses + kDay;
  BOOST_TEST(ix.Filtered("open", running) == (std::set<int64_t>{1, 2}));
  BOOST_TEST(ix.Filtered("decided", running) == (std::set<int64_t>{3}));
  BOOST_TEST(ix.Facets(running) == (std::map<std::string, int64_t>{{"open", 2}, {"decided", 1}}));
  BOOST_TEST(ix.Filtered("closed", after) == (std::set<int64_t>{1}));
  BOOST_TEST(ix.Filtered("decided", after) == (std::set<int64_t>{2, 3}));
  BOOST_TEST(ix.Filtered("open", after).empty());
  BOOST_TEST(ix.Facets(after) == (std::map<std::string, int64_t>{{"closed", 1}, {"decided", 2}}));
  BOOST_TEST(ix.Filtered("upcoming", kOpens - 1) == (std::set<int64_t>{1, 2}));
}
