// Crash safety: concurrent writers (comments, reactions, decisions) against
// the real server, killed with SIGKILL at random moments, 20 times. Every
// write that got a 2xx must be there afterwards, whole; the event log must
// verify; and search must catch up with the database.
#define BOOST_TEST_MODULE crash_safety_e2e
#include <boost/test/unit_test.hpp>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <mutex>
#include <random>
#include <thread>

#include "tests/support/test_server.h"

using samrad::testing::RunSamrad;
using samrad::testing::TestServer;
using nlohmann::json;

namespace {
struct Acked {
  std::mutex mu;
  std::map<int64_t, std::string> comments;   // id -> body
  std::map<int64_t, std::string> decisions;  // id -> title
  std::map<int64_t, std::string> reactions;  // comment id -> kind, by the reacting resident
};

// Writes until stop is set; records only what the server acknowledged.
void Writer(TestServer& s, int id, const std::string& token, const std::string& official,
            int64_t consultation, std::atomic<bool>& stop, Acked& acked, std::atomic<int>& seq) {
  std::mt19937 rng(static_cast<unsigned>(id * 7919));
  while (!stop) {
    int n = ++seq;
    try {
      switch (rng() % 4) {
        case 0:
        case 1: {
          std::string body = "Skrivare " + std::to_string(id) + " synpunkt " + std::to_string(n);
          auto r = s.Post("/api/v1/consultations/" + std::to_string(consultation) + "/comments", {{"body", body}}, token);
          if (r.status == 201) {
            std::lock_guard l(acked.mu);
            acked.comments[r.json()["id"]] = body;
          }
          break;
        }
        case 2: {
          int64_t target = 0;
          {
            std::lock_guard l(acked.mu);
            if (acked.comments.empty()) break;
            target = acked.comments.rbegin()->first;
          }
          auto r = s.Put("/api/v1/comments/" + std::to_string(target) + "/reaction", {{"kind", "support"}}, official);
          if (r.status == 200 || r.status == 201) {
            std::lock_guard l(acked.mu);
            acked.reactions[target] = "support";
          }
          break;
        }
        default: {
          std::string title = "Kraschbeslut " + std::to_string(n);
          auto r = s.Post("/api/v1/decisions", {{"title", title}, {"body", "B"}, {"body_name", "KS"},
                                                {"reference", "KRASCH-" + std::to_string(n)},
                                                {"decided_at", "2026-11-01"}, {"outcome", "approved"}},
                          official);
          if (r.status == 201) {
            std::lock_guard l(acked.mu);
            acked.decisions[r.json()["id"]] = title;
          }
        }
      }
    } catch (const std::exception&) {
      // The server was killed under this request: it was not acknowledged.
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }
}
}  // namespace

BOOST_AUTO_TEST_CASE(acknowledged_writes_survive_twenty_kills) {
  setenv("SAMRAD_COMMENTS_PER_MINUTE", "100000", 1);
  TestServer s(false, {"--threads", "4"});
  std::string official = s.UserToken("official");
  std::vector<std::string> residents;
  for (int i = 0; i < 4; ++i) residents.push_back(s.ResidentToken("Skrivare " + std::to_string(i)));
  auto k = s.Post("/api/v1/consultations", {{"title", "Kraschtest"}, {"summary", "S"}, {"body", "B"},
                                            {"language", "sv"}, {"opens_at", "2020-01-01"}, {"closes_at", "2040-01-01"}},
                  official);
  int64_t consultation = k.json()["id"];
  s.Post("/api/v1/consultations/" + std::to_string(consultation) + "/publish", json::object(), official);

  Acked acked;
  std::atomic<int> seq{0};
  std::mt19937 rng(20261127);
  for (int cycle = 0; cycle < 20; ++cycle) {
    std::atomic<bool> stop{false};
    std::vector<std::thread> writers;
    for (int i = 0; i < 4; ++i) {
      writers.emplace_back(Writer, std::ref(s), i, residents[i], official, consultation, std::ref(stop),
                           std::ref(acked), std::ref(seq));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50 + rng() % 300));
    s.Stop(SIGKILL);
    stop = true;
    for (auto& t : writers) t.join();
    s.Restart();
  }
  BOOST_TEST_MESSAGE("acknowledged: " << acked.comments.size() << " comments, " << acked.decisions.size()
                                      << " decisions, " << acked.reactions.size() << " reactions");
  BOOST_TEST(acked.comments.size() > 20u);
  BOOST_TEST(acked.decisions.size() > 5u);

  // Every acknowledged write is there, whole.
  for (const auto& [id, body] : acked.comments) {
    auto r = s.Get("/api/v1/comments/" + std::to_string(id));
    BOOST_TEST(r.status == 200, "comment " << id);
    if (r.status == 200) BOOST_TEST(r.json()["body"] == body);
  }
  for (const auto& [id, title] : acked.decisions) {
    auto r = s.Get("/api/v1/decisions/" + std::to_string(id));
    BOOST_TEST(r.status == 200, "decision " << id);
    if (r.status == 200) BOOST_TEST(r.json()["title"] == title);
  }
  for (const auto& [id, kind] : acked.reactions) {
    BOOST_TEST(s.Get("/api/v1/comments/" + std::to_string(id)).json()["support"].get<int64_t>() >= 1);
  }

  // Nothing half-made: every stored comment has exactly its log entry, and
  // the chain verifies.
  int64_t posted = 0, after = 0;
  while (true) {
    auto page = s.Get("/api/v1/log?limit=1000&after=" + std::to_string(after)).json();
    for (const auto& e : page["items"]) posted += e["kind"] == "comment.posted" ? 1 : 0;
    if (page["next_after"].is_null()) break;
    after = page["next_after"];
  }
  int64_t stored = s.Get("/api/v1/consultations/" + std::to_string(consultation)).json()["comment_count"];
  BOOST_TEST(stored == posted);
  BOOST_TEST(stored >= static_cast<int64_t>(acked.comments.size()));
  auto v = s.Get("/api/v1/log/verify").json();
  BOOST_TEST(v["ok"] == true);
  s.Stop(SIGTERM);
  BOOST_TEST(RunSamrad({"verify-log", "--data", s.data_dir() + "/data"}).exit_code == 0);
  s.Restart();

  // Search catches up with the database by itself.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  json health;
  do {
    health = s.Get("/healthz").json();
    if (health["index"] == "ok" && health["index_seq"] == health["log_head"]) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  } while (std::chrono::steady_clock::now() < deadline);
  BOOST_TEST(health["index_seq"] == health["log_head"], health.dump());
  auto last = acked.decisions.rbegin();
  auto found = s.Get("/api/v1/search?q=ref:KRASCH-" + last->second.substr(last->second.rfind(' ') + 1) + "&type=decision").json();
  BOOST_TEST(found["total"] == 1, found.dump());
}
