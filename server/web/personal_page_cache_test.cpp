// PersonalPageCache: pages and every reader's parts kept with them stay
// within one byte budget, whatever number of distinct readers asks.
#define BOOST_TEST_MODULE personal_page_cache
#include <boost/test/unit_test.hpp>

#include "server/web/personal_page_cache.h"

using namespace samrad::server;

namespace {
std::shared_ptr<PersonalEntry> Entry(size_t page_bytes) {
  auto e = std::make_shared<PersonalEntry>();
  auto page = PersonalPage::Make(std::string(page_bytes, 'x') + PersonalMarks::Begin(0) + PersonalMarks::End(),
                                 {{SlotKind::kUnread}}, "");
  BOOST_REQUIRE(page);
  e->page = std::make_shared<const PersonalPage>(std::move(*page));
  return e;
}

PersonalParts Reader(int64_t id) {
  PersonalParts p;
  p.user_id = id;
  p.token = "token-of-" + std::to_string(id);
  p.unread = id % 7;
  for (int64_t c = 0; c < 5; ++c) p.reactions[c] = "support";
  return p;
}
}  // namespace

BOOST_AUTO_TEST_CASE(many_distinct_readers_do_not_grow_the_cache_beyond_its_budget) {
  constexpr size_t kBudget = 64 * 1024;
  PersonalPageCache cache(kBudget);
  PageVersion v{1, 100};
  auto entry = Entry(4000);
  cache.Put("/", v, 0, entry);
  size_t page_only = cache.bytes();
  BOOST_TEST(page_only >= 4000u);
  cache.Keep("/", entry, Reader(1), "session-1");
  BOOST_TEST(cache.bytes() > page_only);  // a reader's parts count
  for (int64_t id = 2; id <= 100000; ++id) {
    cache.Keep("/", entry, Reader(id), "session-" + std::to_string(id));
    BOOST_REQUIRE(cache.bytes() <= kBudget);
  }
  // The first readers are kept, with their session's form token for that
  // session only; the flood's last are not kept.
  auto first = entry->PartsOf(1, "session-1");
  BOOST_REQUIRE(first);
  BOOST_TEST(first->unread == 1);
  BOOST_TEST(first->token == "token-of-1");
  auto other_session = entry->PartsOf(1, "session-of-another-browser");
  BOOST_REQUIRE(other_session);
  BOOST_TEST(other_session->token.empty());
  BOOST_TEST(!entry->PartsOf(100000, "session-100000"));
  // The page is still served from the cache.
  BOOST_TEST(cache.Get("/", v, 10) == entry);
}

BOOST_AUTO_TEST_CASE(a_dropped_entry_keeps_no_more_readers) {
  PersonalPageCache cache(1 << 20);
  auto old = Entry(100);
  cache.Put("/", {1, 100}, 0, old);
  cache.Put("/", {2, 100}, 0, Entry(100));  // a newer version drops the old page
  size_t before = cache.bytes();
  cache.Keep("/", old, Reader(1), "session-1");
  BOOST_TEST(cache.bytes() == before);
  BOOST_TEST(!old->PartsOf(1, "session-1"));
  BOOST_TEST(!cache.Get("/", {1, 100}, 10));
}

BOOST_AUTO_TEST_CASE(pages_stay_within_the_budget_and_none_over_a_quarter_is_kept) {
  constexpr size_t kBudget = 100 * 1024;
  PersonalPageCache cache(kBudget);
  PageVersion v{1, 100};
  for (int i = 0; i < 200; ++i) {
    cache.Put("/consultations?page=" + std::to_string(i), v, 0, Entry(3000));
    BOOST_REQUIRE(cache.bytes() <= kBudget);
  }
  // A page over a quarter of the budget is kept only as one to render whole.
  cache.Put("/big", v, 0, Entry(kBudget / 4));
  auto big = cache.Get("/big", v, 10);
  BOOST_REQUIRE(big);
  BOOST_TEST(!big->page);
  BOOST_TEST(cache.bytes() <= kBudget);
  PersonalPageCache off(0);
  off.Put("/", v, 0, Entry(10));
  BOOST_TEST(!off.Get("/", v, 10));
  BOOST_TEST(off.bytes() == 0u);
}

BOOST_AUTO_TEST_CASE(a_second_session_of_a_reader_gets_its_own_token_kept_in_place_of_the_first) {
  PersonalPageCache cache(1 << 20);
  PageVersion v{1, 100};
  auto entry = Entry(100);
  cache.Put("/", v, 0, entry);
  PersonalParts phone = Reader(1);
  cache.Keep("/", entry, phone, "session-A");
  size_t one_reader = cache.bytes();
  // The reader signs in on another browser: the parts read again carry the
  // new session's token.
  PersonalParts laptop = Reader(1);
  laptop.token = "token-of-B";
  cache.Keep("/", entry, laptop, "session-B");
  for (int request = 0; request < 3; ++request) {
    auto parts = entry->PartsOf(1, "session-B");
    BOOST_REQUIRE(parts);
    BOOST_TEST(parts->token == "token-of-B");  // served from the entry, token and all
    BOOST_TEST(parts->unread == phone.unread);
  }
  // The first session's token is never handed to the second, nor the
  // second's to the first: that session makes its own again.
  auto first = entry->PartsOf(1, "session-A");
  BOOST_REQUIRE(first);
  BOOST_TEST(first->token.empty());
  // Another reader sees nothing of this one.
  BOOST_TEST(!entry->PartsOf(2, "session-B"));
  // The reader is counted once, however often their sessions take turns.
  BOOST_TEST(cache.bytes() == one_reader);
  for (int turn = 0; turn < 1000; ++turn) {
    cache.Keep("/", entry, turn % 2 ? phone : laptop, turn % 2 ? "session-A" : "session-B");
    cache.Keep("/", entry, turn % 2 ? phone : laptop, turn % 2 ? "session-A" : "session-B");
  }
  BOOST_TEST(cache.bytes() == one_reader);
  auto last = entry->PartsOf(1, "session-A");
  BOOST_REQUIRE(last);
  BOOST_TEST(last->token == phone.token);
}
