// Checks the stored transparency log against the event log it is built
// from: the Merkle root recomputed from every event's canonical bytes must
// equal the stored tree's root and the root of the latest signed checkpoint,
// whose signature must be the log key's.
#pragma once

#include <cstdint>
#include <string>

#include "core/sqlite.h"
#include "core/tlog_note.h"

namespace samrad::tlog {

struct TreeCheck {
  bool ok = true;
  int64_t entries = 0;
  int64_t checkpoint_size = -1;  // -1: no checkpoint yet
  std::string root;              // base64, of all entries
  std::string problem;
};

// key may be null (no signature check). Reads the whole log once.
TreeCheck VerifyTree(db::Connection& c, const Verifier* key);

}  // namespace samrad::tlog
