// bench: the notifier's fan-out. A decision answering comments in a
// consultation with N followers (by account) and N/10 participants: how long
// the notifier's round takes to make its rows, against a reference measured
// in the same run on the same database: N plain single-row INSERTs of the
// same width into a scratch table in one transaction.
// Usage: notifier_fanout [followers=10000]
#include <chrono>
#include <filesystem>
#include <iostream>
#include <string>

#include "core/clock.h"
#include "core/crypto.h"
#include "core/database.h"
#include "core/event_log.h"
#include "core/notifier.h"

using namespace samrad;
using Steady = std::chrono::steady_clock;

namespace {
double Seconds(Steady::time_point since) { return std::chrono::duration<double>(Steady::now() - since).count(); }

void Seed(Database& db, int followers) {
  db.Write([&](db::Connection& c) -> Status {
    c.Exec("INSERT INTO users(id, email, display_name, role, created_at) VALUES(1, 'o@x', 'Olga', 'official', '2027-01-01T00:00:00Z')");
    c.Exec("INSERT INTO consultations(id, title, summary, body, language, opens_at, closes_at, created_by, created_at, "
           "updated_at, published_at) VALUES(1, 'Skatepark', 'S', 'B', 'sv', '2026-01-01T00:00:00Z', "
           "'2030-01-01T00:00:00Z', 1, '2027-01-01T00:00:00Z', '2027-01-01T00:00:00Z', '2027-01-01T00:00:00Z')");
    auto& user = c.Prepare("INSERT INTO users(id, email, display_name, role, created_at) VALUES(?, ?, 'Invånare', "
                           "'resident', '2027-01-01T00:00:00Z')");
    auto& follow = c.Prepare("INSERT INTO subscriptions(user_id, target_kind, target, confirmed_at, created_at) "
                             "VALUES(?, 'consultation', '1', '2027-01-01T00:00:00Z', '2027-01-01T00:00:00Z')");
    auto& comment = c.Prepare("INSERT INTO comments(consultation_id, author_id, body, body_salt, created_at, body_key) "
                              "VALUES(1, ?, 'En synpunkt om skateparken', 's', '2027-01-01T00:00:00Z', ?)");
    for (int64_t i = 2; i < followers + 2; ++i) {
      user.Reset();
      user.Bind(1, i).Bind(2, "u" + std::to_string(i) + "@x").Run();
      follow.Reset();
      follow.Bind(1, i).Run();
      if (i % 10 == 0) {
        comment.Reset();
        comment.Bind(1, i).Bind(2, i).Run();
      }
    }
    return Status::Ok();
  });
}
}  // namespace

int main(int argc, char** argv) {
  int followers = argc > 1 ? std::stoi(argv[1]) : 10000;
  crypto::InitCrypto();
  auto dir = std::filesystem::temp_directory_path() / ("samrad-fanout-" + crypto::RandomToken(6));
  auto db = Database::Open(dir.string(), true).value();
  auto clock = std::make_shared<FixedClock>(1798761600);
  Notifier notifier(db, clock);
  notifier.CatchUp();
  Seed(*db, followers);
  notifier.CatchUp();

  // The reference: the same number of rows, inserted one statement each.
  auto t0 = Steady::now();
  db->Write([&](db::Connection& c) -> Status {
    c.Exec("CREATE TABLE scratch(a INTEGER, b INTEGER, c INTEGER, d TEXT, e INTEGER, f TEXT, g TEXT, h TEXT, i INTEGER)");
    auto& st = c.Prepare("INSERT INTO scratch VALUES(?, ?, 7, 'followed_decision', 1, '/decisions/1', "
                         "'{\"decision_title\":\"Skatepark\"}', '2027-01-01T00:00:00Z', 0)");
    for (int i = 0; i < followers; ++i) {
      st.Reset();
      st.Bind(1, int64_t{i}).Bind(2, int64_t{i}).Run();
    }
    return Status::Ok();
  });
  double reference = Seconds(t0);

  db->Write([&](db::Connection& c) -> Status {
    EventLog::Append(c, "2027-01-02T00:00:00Z", "decision.published", "decision/1", "official",
                     {{"id", 1}, {"version", 1}, {"title", "Skatepark vid idrottsplatsen"}, {"body", "Beslut."},
                      {"body_name", "KFN"}, {"consultation_ids", {1}}, {"answers_comment_ids", {1, 2, 3}}});
    return Status::Ok();
  });
  auto t1 = Steady::now();
  auto done = notifier.RunOnce();
  double fanout = Seconds(t1);
  int64_t rows = 0;
  db->Read([&](db::Connection& c) {
    auto& st = c.Prepare("SELECT count(*) FROM notifications");
    rows = st.Step() ? st.Int(0) : 0;
    st.Reset();
    return Status::Ok();
  });
  std::filesystem::remove_all(dir);
  if (!done.ok()) {
    std::cerr << "notifier round failed: " << done.status().message() << "\n";
    return 1;
  }
  std::cout << "followers " << followers << ", rows made " << rows << "\n"
            << "notifier round (decision fan-out, one durable commit): " << fanout << " s\n"
            << "reference (" << followers << " single-row INSERTs, one durable commit): " << reference << " s\n"
            << "ratio fan-out / reference: " << fanout / reference << "\n";
  return 0;
}
