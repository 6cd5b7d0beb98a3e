// Unit tests of EventHistory: reading one consultation's entries backwards
// gives exactly its entries, and does so through the events_consultation
// index rather than a scan of the whole log.
#define BOOST_TEST_MODULE event_history
#include "core/event_history.h"

#include <boost/test/unit_test.hpp>
#include <filesystem>

#include "core/crypto.h"

using namespace samrad;

namespace {
struct Fixture {
  Fixture() {
    crypto::InitCrypto();
    dir = std::filesystem::temp_directory_path() / ("samrad-history-" + crypto::RandomToken(6));
    db = Database::Open(dir.string(), true).value();
    // Entries about consultations 1 and 2, and one about neither.
    Status s = db->Write([](db::Connection& c) -> Status {
      for (int i = 0; i < 30; ++i) {
        int64_t consultation = i % 3 == 0 ? 2 : 1;
        EventLog::Append(c, "2027-01-01T00:00:00Z", i % 2 ? "comment.posted" : "comment.edited",
                         "comment/" + std::to_string(i), "resident",
                         {{"id", i}, {"consultation_id", consultation}});
      }
      EventLog::Append(c, "2027-01-01T00:00:00Z", "comment.posted", "comment/99", "resident", {{"id", 99}});
      return Status::Ok();
    });
    BOOST_REQUIRE(s.ok());
  }
  ~Fixture() { std::filesystem::remove_all(dir); }
  std::filesystem::path dir;
  std::shared_ptr<Database> db;
};
}  // namespace

BOOST_FIXTURE_TEST_CASE(entries_about_one_consultation_newest_first_by_kind_and_position, Fixture) {
  EventHistory history(db);
  auto all = history.BeforeAbout(2, INT64_MAX, {"comment.posted", "comment.edited"}, 100).value();
  BOOST_REQUIRE_EQUAL(all.size(), 10u);  // i = 0, 3, ..., 27
  for (size_t k = 0; k < all.size(); ++k) {
    BOOST_TEST(all[k].payload["consultation_id"] == 2);
    if (k > 0) BOOST_TEST(all[k].seq < all[k - 1].seq);
  }
  auto posted = history.BeforeAbout(2, INT64_MAX, {"comment.posted"}, 100).value();
  BOOST_TEST(posted.size() == 5u);  // the odd ones: 3, 9, 15, 21, 27
  auto older = history.BeforeAbout(2, all[2].seq, {"comment.posted", "comment.edited"}, 3).value();
  BOOST_REQUIRE_EQUAL(older.size(), 3u);
  BOOST_TEST(older[0].seq == all[3].seq);
  BOOST_TEST(history.BeforeAbout(3, INT64_MAX, {"comment.posted"}, 100).value().empty());
}

BOOST_FIXTURE_TEST_CASE(the_read_goes_through_the_consultation_index, Fixture) {
  std::string plan;
  Status s = db->Read([&](db::Connection& c) {
    auto& st = c.Prepare("EXPLAIN QUERY PLAN " + EventLog::ListBeforeAboutSql());
    st.Bind(1, int64_t{1000}).Bind(2, std::string(R"(["comment.posted"])")).Bind(3, 50).Bind(4, int64_t{2});
    while (st.Step()) plan += st.Text(3) + "\n";
    st.Reset();
    return Status::Ok();
  });
  BOOST_REQUIRE(s.ok());
  BOOST_TEST_MESSAGE(plan);
  BOOST_TEST(plan.find("USING INDEX events_consultation") != std::string::npos, plan);
}
