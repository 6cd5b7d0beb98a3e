// C2SP tlog-checkpoint: the note text naming the origin, the tree size and
// the root hash; and the checkpoints the log has signed (table
// tlog_checkpoints) with the cosignatures witnesses returned.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/sqlite.h"
#include "core/tlog_tree.h"

namespace samrad::tlog {

struct Checkpoint {
  std::string origin;
  int64_t size = 0;
  Hash root;
  // "<origin>\n<size>\n<base64 root>\n".
  std::string Text() const;
  // nullopt unless origin, size (decimal, no leading zeros) and a 32-byte
  // base64 root come first; extension lines are allowed and ignored.
  static std::optional<Checkpoint> Parse(std::string_view text);
};

struct StoredCheckpoint {
  int64_t size = 0;
  Hash root;
  std::string note;                       // as signed by the log
  std::string signed_at;                  // RFC 3339
  std::vector<std::string> cosignatures;  // witness signature lines, by witness name
  // The note with the witnesses' lines appended: what /tlog/checkpoint serves.
  std::string Served() const;
};

class CheckpointStore {
 public:
  // The latest checkpoint, or the one of exactly `size`.
  static std::optional<StoredCheckpoint> Latest(db::Connection& c);
  static std::optional<StoredCheckpoint> AtSize(db::Connection& c, int64_t size);
  // The latest checkpoint that a witness has cosigned.
  static std::optional<StoredCheckpoint> LatestCosigned(db::Connection& c);
  // Checkpoints of size <= before, newest first, at most limit.
  static std::vector<StoredCheckpoint> List(db::Connection& c, int64_t before, int limit);
  static void Insert(db::Connection& c, const StoredCheckpoint& cp);
  struct Cosigned {
    std::string witness;
    int64_t size = 0;
    std::string at;  // when it arrived
  };
  // Each witness's latest cosignature.
  static std::vector<Cosigned> LatestCosignatures(db::Connection& c);
  // Keeps (replaces) the witness's cosignature line for the checkpoint.
  static void AddCosignature(db::Connection& c, int64_t size, const std::string& witness, const std::string& line,
                             const std::string& at);
  // The tree size a witness (by key name) holds as far as the log knows
  // (tlog_witness_sizes); 0 when nothing is known.
  static int64_t WitnessSize(db::Connection& c, const std::string& witness);
  static void SetWitnessSize(db::Connection& c, const std::string& witness, int64_t size, const std::string& at);
};

}  // namespace samrad::tlog
