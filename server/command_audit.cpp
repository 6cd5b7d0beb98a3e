// samrad audit: checks a Samråd transparency log from outside (its public
// URL), keeping the last good checkpoint in a state file.
#include <fstream>
#include <iostream>
#include <sstream>

#include "core/tlog_audit.h"
#include "server/commands.h"
#include "server/http_client.h"

namespace samrad::server {

namespace {
std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool WriteFileAtomically(const std::string& path, const std::string& text) {
  std::string tmp = path + ".new";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out.flush()) return false;
  }
  return std::rename(tmp.c_str(), path.c_str()) == 0;
}
}  // namespace

int RunAudit(const std::string& url, const std::string& key, const std::string& state,
             const std::vector<std::string>& witness_keys, bool full) {
  tlog::AuditOptions o;
  auto log_key = tlog::ParseVerifierKey(key);
  if (!log_key || log_key->type != tlog::kKeyEd25519) {
    std::cerr << "samrad: --key is not an Ed25519 verifier key (name+id+base64)" << std::endl;
    return 2;
  }
  o.log_key = *log_key;
  for (const auto& w : witness_keys) {
    auto v = tlog::ParseVerifierKey(w);
    if (!v) {
      std::cerr << "samrad: not a verifier key: " << w << std::endl;
      return 2;
    }
    o.witnesses.push_back(*v);
  }
  o.kept = ReadFile(state);
  o.full = full;
  std::string base = url;
  while (base.ends_with('/')) base.pop_back();
  // The log's origin names its tile prefix; the API lives beside /tlog.
  if (base.ends_with("/tlog")) base.resize(base.size() - 5);
  auto result = tlog::Audit(
      [&](const std::string& path) -> std::optional<std::string> {
        auto r = HttpGet(base + path);
        if (r.status != 200) return std::nullopt;
        return r.body;
      },
      o);
  if (!result.ok) {
    std::cout << (result.fork ? "" : "FAILED: ") << result.message << std::endl;
    return 1;
  }
  if (!WriteFileAtomically(state, result.checkpoint)) {
    std::cerr << "samrad: cannot write " << state << std::endl;
    return 2;
  }
  std::cout << "ok: " << result.message << std::endl;
  return 0;
}

}  // namespace samrad::server
