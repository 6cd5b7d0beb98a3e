// Sends each new checkpoint to the configured witnesses by the C2SP
// tlog-witness protocol (POST <url>/add-checkpoint with the old size, a
// consistency proof and the signed checkpoint), on a thread of its own:
// a 409 retries from the size the witness holds, an unreachable witness is
// retried with backoff, other refusals are reported and not retried. Each
// returned cosignature is checked against the witness's key and stored
// beside the checkpoint, which /tlog/checkpoint then serves with it.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "core/database.h"
#include "core/tlog_checkpoint.h"
#include "core/tlog_note.h"

namespace samrad::server {

class WitnessClient {
 public:
  struct Witness {
    std::string url;        // the submission prefix, no trailing slash
    tlog::Verifier key;     // its cosignature (0x04) or Ed25519 (0x01) key
    int64_t known_size = 0;  // the size it holds, as far as we know (kept in the database)
  };
  // Parses "URL=VKEY". nullopt when malformed.
  static std::optional<Witness> Parse(const std::string& spec);

  WitnessClient(std::shared_ptr<Database> db, std::shared_ptr<Clock> clock, std::vector<Witness> witnesses)
      : db_(std::move(db)), clock_(std::move(clock)), witnesses_(std::move(witnesses)) {}
  ~WitnessClient() { Stop(); }

  // Queues the checkpoint (a newer one replaces one not yet sent). Thread-safe.
  void Submit(const tlog::StoredCheckpoint& cp);
  void Start();
  // Sends what is queued once more, then joins the thread.
  void Stop();

 private:
  void Run();
  // Sends cp to one witness; true when done with it (cosigned or refused
  // for good), false to retry later.
  bool Send(Witness& w, const tlog::StoredCheckpoint& cp);
  // Sets and keeps (tlog_witness_sizes) the size the witness holds.
  void Remember(Witness& w, int64_t size);

  std::shared_ptr<Database> db_;
  std::shared_ptr<Clock> clock_;
  std::vector<Witness> witnesses_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::optional<tlog::StoredCheckpoint> pending_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace samrad::server
