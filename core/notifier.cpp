// Notifier: the thread, its rounds and the cursors.
#include "core/notifier.h"

#include <chrono>
#include <iostream>

#include "core/event_log.h"
#include "core/notifier_rules.h"
#include "core/thread_name.h"

namespace samrad {

namespace {
constexpr auto kPollInterval = std::chrono::seconds(1);
// At most one round per interval: every commit wakes the thread, and the
// entries of many commits then share one round (one write job) instead of
// each commit adding a round to the next group commit.
constexpr auto kRoundInterval = std::chrono::milliseconds(100);
constexpr const char* kCursor = "notifier";
constexpr const char* kClosings = "notifier.closings";

std::optional<int64_t> ReadCursor(db::Connection& c, const char* name) {
  auto& st = c.Prepare("SELECT seq FROM log_cursors WHERE name = ?");
  std::optional<int64_t> out;
  if (st.Bind(1, name).Step()) out = st.Int(0);
  st.Reset();
  return out;
}

void WriteCursor(db::Connection& c, const char* name, int64_t seq) {
  c.Prepare("INSERT INTO log_cursors(name, seq) VALUES(?1, ?2) ON CONFLICT(name) DO UPDATE SET seq = ?2")
      .Bind(1, name).Bind(2, seq).Run();
}

// Published consultations whose closing time is in (after, upto] and that
// were not closed early: undecided, or decided but left to run to that time.
constexpr const char* kClosingSql =
    "SELECT id FROM consultations WHERE closes_at > ?1 AND closes_at <= ?2 "
    "AND published_at IS NOT NULL AND (decided_at IS NULL OR decided_at >= closes_at) "
    "ORDER BY closes_at, id";
}  // namespace

Notifier::Notifier(std::shared_ptr<Database> db, std::shared_ptr<Clock> clock)
    : db_(std::move(db)), clock_(std::move(clock)) {}

Notifier::~Notifier() { Stop(); }

void Notifier::Start() {
  rounds_.Wake();  // catch up at once
  thread_ = std::thread([this] { Run(); });
  NameThread(thread_.native_handle(), "notify");
}

void Notifier::Wake() { rounds_.Wake(); }

void Notifier::Stop() {
  rounds_.Stop();
  if (thread_.joinable()) thread_.join();
}

bool Notifier::Pending() {
  bool pending = true;
  int64_t now = clock_->Now();
  Status s = db_->Read([&](db::Connection& c) {
    int64_t cursor = ReadCursor(c, kCursor).value_or(0);
    last_seq_ = cursor;
    auto closings = ReadCursor(c, kClosings);
    if (!closings || EventLog::Head(c) > cursor) return Status::Ok();
    auto& st = c.Prepare(kClosingSql);
    pending = st.Bind(1, FormatTime(*closings)).Bind(2, FormatTime(now)).Step();
    st.Reset();
    return Status::Ok();
  });
  return pending || !s.ok();
}

Result<int> Notifier::RunOnce(int batch) {
  int done = 0;
  int64_t made = 0, cursor = 0;
  int64_t now = clock_->Now();
  Status s = db_->Write([&](db::Connection& c) -> Status {
    done = 0;
    made = 0;
    cursor = ReadCursor(c, kCursor).value_or(0);
    NotifierRules rules(c, FormatTime(now));
    for (const Event& e : EventLog::List(c, cursor, batch)) {
      made += rules.Apply(e);
      cursor = e.seq;
      ++done;
    }
    WriteCursor(c, kCursor, cursor);
    // The first look starts from now: closings before the notifier existed are old news.
    int64_t closings = ReadCursor(c, kClosings).value_or(now);
    if (now > closings) {
      std::vector<int64_t> closed;
      auto& st = c.Prepare(kClosingSql);
      st.Bind(1, FormatTime(closings)).Bind(2, FormatTime(now));
      while (st.Step()) closed.push_back(st.Int(0));
      st.Reset();
      for (int64_t id : closed) made += rules.Closed(id);
    }
    WriteCursor(c, kClosings, std::max(now, closings));
    return Status::Ok();
  });
  if (!s.ok()) return s;
  last_seq_ = cursor;
  rows_ += made;
  return done;
}

Status Notifier::CatchUp() {
  while (true) {
    if (rounds_.Stopped()) return Status::Ok();
    auto n = RunOnce(batch_);
    if (n.ok()) {
      // A round short of a full batch reached the head of the log: entries
      // logged since wake the thread again, so no empty round is committed.
      if (n.value() < batch_) return Status::Ok();
      continue;
    }
    // Find the entry that fails on its own, and step over it.
    n = RunOnce(1);
    if (!n.ok()) {
      ++errors_;
      std::cerr << "samrad: notifier: entry after " << last_seq_.load() << " skipped: "
                << n.status().message() << std::endl;
      Status s = db_->Write([&](db::Connection& c) -> Status {
        int64_t cursor = ReadCursor(c, kCursor).value_or(0);
        auto next = EventLog::List(c, cursor, 1);
        if (!next.empty()) WriteCursor(c, kCursor, next[0].seq);
        return Status::Ok();
      });
      if (!s.ok()) return s;
      continue;
    }
    if (n.value() == 0) return Status::Ok();
  }
}

void Notifier::Run() {
  while (rounds_.NextRound(kPollInterval, kRoundInterval)) {
    // A look that finds nothing is no round: a wake right after it is not held back.
    if (!Pending()) continue;
    Status s = CatchUp();
    rounds_.RoundDone();
    if (!s.ok()) std::cerr << "samrad: notifier: " << s.message() << std::endl;
  }
}

}  // namespace samrad
