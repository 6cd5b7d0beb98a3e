// The notifier: follows the event log from its cursor (log_cursors row
// 'notifier') and turns entries into notification rows (NotifierRules) in
// the same write transaction that moves the cursor, so a crash neither
// loses nor doubles a row. It also looks, by the injected clock, for
// consultations whose closing time has passed since it last looked
// (log_cursors row 'notifier.closings', epoch seconds).
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>

#include "core/clock.h"
#include "core/database.h"
#include "core/follower_rounds.h"
#include "core/status.h"

namespace samrad {

class Notifier {
 public:
  static constexpr int kBatch = 500;  // entries per write transaction

  Notifier(std::shared_ptr<Database> db, std::shared_ptr<Clock> clock);
  ~Notifier();

  // Starts the thread, which catches up at once with everything logged
  // since the cursor, then wakes on Wake() (one round per 100 ms at most,
  // so many commits share a round) and at least once a second (for
  // closings, and writes by other processes).
  void Start();
  // Asks the thread to look now (hooked to Database::OnCommit). Cheap and
  // thread-safe.
  void Wake();
  // Stops the thread after its current batch. Idempotent.
  void Stop();

  // One round on the calling thread: at most `batch` entries after the
  // cursor, and the closings due, in one write transaction. Returns the
  // number of entries done (0: nothing new). Errors: kInternal from the
  // database (nothing of the round is kept). Not to be called while the
  // thread runs.
  Result<int> RunOnce(int batch = kBatch);
  // Rounds of set_batch() entries until one finds fewer (it reached the
  // head of the log as it read it). An entry that fails on its own is skipped
  // (and counted in errors()) so that one bad entry cannot stop the rest.
  Status CatchUp();

  // Entries per round of the thread (default kBatch; SAMRAD_NOTIFIER_BATCH
  // in serve, for tests that kill the server between rounds). Set before Start.
  void set_batch(int batch) { batch_ = batch > 0 ? batch : kBatch; }

  // Thread-safe counters for /metrics.
  int64_t last_seq() const { return last_seq_.load(); }
  int64_t rows_made() const { return rows_.load(); }
  int64_t errors() const { return errors_.load(); }

 private:
  void Run();
  // True when there are entries after the cursor or closings due.
  bool Pending();

  std::shared_ptr<Database> db_;
  std::shared_ptr<Clock> clock_;
  int batch_ = kBatch;
  std::atomic<int64_t> last_seq_{0};
  std::atomic<int64_t> rows_{0};
  std::atomic<int64_t> errors_{0};
  FollowerRounds rounds_;
  std::thread thread_;
};

}  // namespace samrad
