// Setting up the transparency log in a data folder: building the Merkle tree
// of an existing event log (with a progress bar on a terminal) and opening
// the log key and checkpoint signer.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/database.h"
#include "core/tlog_log.h"

namespace samrad::server {

struct LogOptions {
  std::string origin;                  // empty: from the base URL (tlog::OriginFromBaseUrl)
  std::vector<std::string> witnesses;  // "URL=VKEY"
};

// Builds the tree for events that have no leaf yet. Errors: the write's.
Status BuildLogTree(Database& db);
// The log key file in a data folder.
std::string LogKeyPath(const std::string& dir);
// Opens (creating on first use) the log key named origin and the signer.
// A key made earlier keeps its own name. Errors: the key file's.
Result<std::shared_ptr<tlog::TransparencyLog>> OpenTransparencyLog(std::shared_ptr<Database> db,
                                                                   std::shared_ptr<Clock> clock,
                                                                   const std::string& origin);

}  // namespace samrad::server
