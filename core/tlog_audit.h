// Auditing a transparency log from outside, over its public read API: the
// checkpoint's signatures (the log's and every required witness's),
// consistency with the checkpoint kept from the last audit, and optionally
// every tile and entry re-fetched to recompute the root. Pure apart from
// the fetch function it is given.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/tlog_checkpoint.h"
#include "core/tlog_note.h"

namespace samrad::tlog {

// GETs a path under the log's base URL ("/tlog/checkpoint"); nullopt on
// any failure (no answer, not 200).
using Fetch = std::function<std::optional<std::string>(const std::string& path)>;

struct AuditOptions {
  Verifier log_key;
  std::vector<Verifier> witnesses;  // each must have cosigned
  std::string kept;                 // checkpoint text from the last audit ("" on the first)
  bool full = false;                // re-fetch every tile and entry
};

struct AuditResult {
  bool ok = false;
  bool fork = false;       // the kept checkpoint and the new one cannot both be true
  std::string message;     // what was checked, or what is wrong
  std::string checkpoint;  // the new checkpoint's text, to keep when ok
};

AuditResult Audit(const Fetch& fetch, const AuditOptions& options);

// Recomputes every leaf and tile hash from the entry bundles and hash tiles
// of a tree of `size` and checks the root; "" when they agree, else what
// differs.
std::string RecomputeFromTiles(const Fetch& fetch, int64_t size, const Hash& root);

}  // namespace samrad::tlog
