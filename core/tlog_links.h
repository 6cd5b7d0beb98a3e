// Where a log entry and its proofs are served: the links that decision
// versions, comments and moderation acts carry to their entry in the
// transparency log.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

namespace samrad::tlog {

// "/log/N": the entry's page.
std::string EntryPath(int64_t seq);
// "/api/v1/log/N/proof": its inclusion proof as JSON.
std::string ProofPath(int64_t seq);
// "/api/v1/log/N.tlog-proof": its offline proof file (C2SP tlog-proof).
std::string ProofFilePath(int64_t seq);

// Sets log_seq, log_entry, log_proof and log_proof_file of j; all null when
// seq is 0 (an item whose entry is not known).
void AddLogLinks(nlohmann::json& j, int64_t seq);

}  // namespace samrad::tlog
