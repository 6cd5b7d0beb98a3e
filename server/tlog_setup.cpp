// Transparency log set-up for `serve` and the commands.
#include "server/tlog_setup.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>

#include "core/tlog_store.h"

namespace samrad::server {

Status BuildLogTree(Database& db) {
  bool tty = isatty(STDERR_FILENO) == 1;
  auto last = std::chrono::steady_clock::now();
  bool drew = false;
  Status s = tlog::TreeStore::CatchUp(db, [&](int64_t done, int64_t total) {
    auto now = std::chrono::steady_clock::now();
    if (!tty || (now - last < std::chrono::milliseconds(100) && done < total)) return;
    last = now;
    drew = true;
    int filled = total ? static_cast<int>(40 * done / total) : 40;
    std::fprintf(stderr, "\rbuilding the log's Merkle tree [%s%s] %lld/%lld", std::string(filled, '#').c_str(),
                 std::string(40 - filled, ' ').c_str(), static_cast<long long>(done), static_cast<long long>(total));
  });
  if (drew) std::fprintf(stderr, "\n");
  return s;
}

std::string LogKeyPath(const std::string& dir) { return dir + "/tlog-key"; }

Result<std::shared_ptr<tlog::TransparencyLog>> OpenTransparencyLog(std::shared_ptr<Database> db,
                                                                   std::shared_ptr<Clock> clock,
                                                                   const std::string& origin) {
  auto key = tlog::SigningKey::LoadOrCreate(LogKeyPath(db->dir()), origin);
  if (!key.ok()) return key.status();
  if (key.value().name() != origin) {
    std::fprintf(stderr, "samrad: the log key is named %s; keeping that origin rather than %s\n",
                 key.value().name().c_str(), origin.c_str());
  }
  return std::make_shared<tlog::TransparencyLog>(std::move(db), std::move(clock), std::move(key.value()));
}

}  // namespace samrad::server
