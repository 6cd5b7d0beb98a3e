// Rebuilding the search index and its writer thread: swaps, catch-up, the
// rebuild of an index in an older format, stopping and refusing rebuilds.
#define BOOST_TEST_MODULE index_rebuild
#include <atomic>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <future>
#include <thread>

#include "search/search_test_fixture.h"

using namespace samrad;
using namespace samrad::search;
using samrad::search::test::Fixture;

namespace {
const auto kWait = std::chrono::seconds(10);

// Polls until done() or kWait has passed; what done() said last.
bool WaitFor(const std::function<bool()>& done) {
  auto deadline = std::chrono::steady_clock::now() + kWait;
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

// The format recorded in the index at path; empty while it cannot be read
// (between the two renames of a swap).
std::string FormatOf(const std::string& path) {
  try {
    return Xapian::Database(path).get_metadata(kMetaFormat);
  } catch (const Xapian::Error&) {
    return "";
  }
}

// A live index as an older build left it: one consultation indexed, then
// its own format recorded and a document of terms the current layout
// never writes. Its path.
std::string OlderIndexWithOneConsultation(Fixture& f) {
  f.Consultation("Gångväg", "Belysning längs ån", "sv");
  f.CatchUp();
  const std::string path = LiveIndexDir(f.dir.string());
  Xapian::WritableDatabase w(path);
  w.set_metadata(kMetaFormat, "1");
  Xapian::Document old;
  old.add_term("belysning");
  old.add_boolean_term(std::string(kPrefixKey) + "consultation/999");
  w.add_document(old);
  w.commit();
  return path;
}

Result<std::vector<IndexAction>> NoActions(const Event&) { return std::vector<IndexAction>{}; }

// A source of no documents whose bulk reader holds its first caller until
// Open(): a rebuild then stands still at a known point. Later callers pass.
struct Gate {
  std::promise<void> open;
  std::shared_future<void> opened = open.get_future().share();
  std::atomic<int> reads{0};

  static std::shared_ptr<Gate> In(SourceRegistry& r) {
    auto g = std::make_shared<Gate>();
    r.Register("gate.", NoActions);
    r.RegisterBulk("gate.", [g](int64_t, int) -> Result<std::vector<IndexDocument>> {
      if (g->reads++ == 0) g->opened.wait();
      return std::vector<IndexDocument>{};
    });
    return g;
  }
  void Open() { open.set_value(); }
};

// Every folder a rebuild left beside the index (index.new, its shards).
std::vector<std::string> Leftovers(const std::filesystem::path& data) {
  const std::string building = std::filesystem::path(NewIndexDir(data.string())).filename().string();
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(data)) {
    std::string name = e.path().filename().string();
    if (e.is_directory() && name.starts_with(building)) out.push_back(name);
  }
  return out;
}
}  // namespace

BOOST_FIXTURE_TEST_CASE(writes_are_found_while_an_older_format_index_is_rebuilt, Fixture) {
  const std::string live = OlderIndexWithOneConsultation(*this);
  auto gate = Gate::In(index->sources());
  BOOST_REQUIRE(index->StartWriter().ok());
  BOOST_REQUIRE(WaitFor([&] { return gate->reads > 0; }));  // the rebuild stands at the gate
  Consultation("Cykelbana", "Ny cykelbana till Sickla", "sv");
  auto count = [&](const std::string& q) {
    auto res = index->Search(ParseSearchRequest({{"q", q}}).value());
    return res.ok() ? res->total : -1;
  };
  // Found in the old index, written in the current layout, long before the rebuild ends.
  BOOST_TEST(WaitFor([&] { return count("cykelbanor") == 1; }));
  BOOST_TEST(FormatOf(live) == "1");
  gate->Open();
  BOOST_REQUIRE(WaitFor([&] { return FormatOf(live) == kFormat; }));
  BOOST_TEST(WaitFor([&] { return count("cykelbanor") == 1 && count("\"längs ån\"") == 1; }));
  BOOST_TEST(Xapian::Database(live).get_doccount() == 2u);  // consultation/999 is gone
  index->StopWriter();
  BOOST_TEST(Leftovers(dir).empty());
}

BOOST_FIXTURE_TEST_CASE(stopping_the_writer_stops_a_format_rebuild_and_keeps_the_old_index,
                        Fixture) {
  const std::string live = OlderIndexWithOneConsultation(*this);
  // A source that never ends: only a stop ends this rebuild.
  auto reads = std::make_shared<std::atomic<int>>(0);
  index->sources().Register("endless.", NoActions);
  index->sources().RegisterBulk("endless.",
                                [reads](int64_t after, int) -> Result<std::vector<IndexDocument>> {
                                  ++*reads;
                                  std::this_thread::sleep_for(std::chrono::milliseconds(2));
                                  IndexDocument d;
                                  d.type = "endless";
                                  d.id = after + 1;
                                  d.title = "Sida " + std::to_string(d.id);
                                  d.url = "/endless";
                                  return std::vector<IndexDocument>{d};
                                });
  BOOST_REQUIRE(index->StartWriter().ok());
  BOOST_REQUIRE(WaitFor([&] { return *reads > 10; }));
  index->StopWriter();
  int stopped_at = *reads;
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  BOOST_TEST(*reads == stopped_at);  // nothing reads on after the stop
  BOOST_TEST(FormatOf(live) == "1");
  BOOST_TEST(Leftovers(dir).empty());
}

BOOST_FIXTURE_TEST_CASE(a_second_rebuild_is_refused_while_one_runs, Fixture) {
  Consultation("Bibliotek", "Nya öppettider", "sv");
  auto gate = Gate::In(index->sources());
  Result<int64_t> first = Status(Code::kInternal, "not run");
  std::thread running([&] { first = index->Rebuild([](int64_t, int64_t) {}); });
  BOOST_REQUIRE(WaitFor([&] { return gate->reads > 0 && !Leftovers(dir).empty(); }));
  auto second = index->Rebuild([](int64_t, int64_t) {});
  BOOST_TEST((second.status().code() == Code::kUnavailable), second.status().message());
  BOOST_TEST(!Leftovers(dir).empty());  // the first one's shards are still there
  gate->Open();
  running.join();
  BOOST_REQUIRE_MESSAGE(first.ok(), first.status().message());
  BOOST_TEST(first.value() == 1);
  BOOST_TEST(Find({{"q", "öppettider"}}).total == 1);
  BOOST_TEST(Leftovers(dir).empty());
}

BOOST_FIXTURE_TEST_CASE(rebuild_swaps_in_an_equal_index_that_open_readers_pick_up, Fixture) {
  Consultation("Bibliotek", "Nya öppettider", "sv");
  CatchUp();
  BOOST_TEST(Find({{"q", "öppettider"}}).total == 1);  // this thread's reader is open now
  Consultation("Bibliotek två", "Fler öppettider", "sv");
  auto docs = index->Rebuild([](int64_t, int64_t) {});
  BOOST_REQUIRE(docs.ok());
  BOOST_TEST(docs.value() == 2);
  BOOST_TEST(!std::filesystem::exists(NewIndexDir(dir.string())));
  BOOST_TEST(Find({{"q", "öppettider"}}).total == 2);
  auto h = index->Health();
  BOOST_TEST(h.state == "ok");
  BOOST_TEST(h.indexed_seq == h.log_head);
}

BOOST_FIXTURE_TEST_CASE(rebuild_replays_the_log_when_a_source_has_no_bulk_reader, Fixture) {
  BOOST_TEST(index->sources().CompleteBulk().size() == 1u);
  index->sources().Register("comment.", [](const Event&) -> Result<std::vector<IndexAction>> {
    return std::vector<IndexAction>{};
  });
  BOOST_TEST(index->sources().CompleteBulk().empty());
  Consultation("Bibliotek", "Nya öppettider", "sv");
  Consultation("Utkast", "Nya öppettider", "sv", false);
  std::vector<std::pair<int64_t, int64_t>> steps;
  auto docs = index->Rebuild([&](int64_t done, int64_t total) { steps.emplace_back(done, total); });
  BOOST_REQUIRE(docs.ok());
  BOOST_TEST(docs.value() == 1);
  BOOST_TEST(steps.back().first == steps.back().second);  // counted in log events
  BOOST_TEST(Find({{"q", "öppettider"}}).total == 1);
}

BOOST_FIXTURE_TEST_CASE(the_writer_thread_catches_up_and_follows_commits, Fixture) {
  Consultation("Före start", "Gammal text", "sv");
  BOOST_REQUIRE(index->StartWriter().ok());
  Consultation("Efter start", "Färsk text", "sv");
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(1);
  int64_t found = 0;
  while (std::chrono::steady_clock::now() < deadline && found < 2) {
    auto r = ParseSearchRequest({{"q", "text"}}).value();
    auto res = index->Search(r);
    found = res.ok() ? res->total : 0;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  BOOST_TEST(found == 2);
  index->StopWriter();
}

BOOST_FIXTURE_TEST_CASE(an_index_written_in_an_older_format_is_rebuilt_when_the_writer_starts,
                        Fixture) {
  const std::string live = OlderIndexWithOneConsultation(*this);
  BOOST_REQUIRE(index->StartWriter().ok());
  BOOST_REQUIRE(WaitFor([&] { return FormatOf(live) == kFormat; }));
  BOOST_TEST(Xapian::Database(live).get_doccount() == 1u);
  BOOST_TEST(Find({{"q", "\"längs ån\""}}).total == 1);
  index->StopWriter();
}
