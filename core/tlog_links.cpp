// Links to log entries and their proofs.
#include "core/tlog_links.h"

namespace samrad::tlog {

std::string EntryPath(int64_t seq) { return "/log/" + std::to_string(seq); }
std::string ProofPath(int64_t seq) { return "/api/v1/log/" + std::to_string(seq) + "/proof"; }
std::string ProofFilePath(int64_t seq) { return "/api/v1/log/" + std::to_string(seq) + ".tlog-proof"; }

void AddLogLinks(nlohmann::json& j, int64_t seq) {
  bool known = seq > 0;
  j["log_seq"] = known ? nlohmann::json(seq) : nlohmann::json(nullptr);
  j["log_entry"] = known ? nlohmann::json(EntryPath(seq)) : nlohmann::json(nullptr);
  j["log_proof"] = known ? nlohmann::json(ProofPath(seq)) : nlohmann::json(nullptr);
  j["log_proof_file"] = known ? nlohmann::json(ProofFilePath(seq)) : nlohmann::json(nullptr);
}

}  // namespace samrad::tlog
