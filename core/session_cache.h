// Signed-in sessions as last read from the database, so that a signed-in
// request does not look its session up in SQLite again while nothing has
// been committed since. Each entry is tagged with the data version
// (DataVersion) read before it was: any commit by any process (a sign-out,
// a changed role, a deleted account, a renewed session) moves the version
// and so ends every entry. Bounded: at most kMaxEntries sessions; a full
// cache starts again empty.
#pragma once

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/user.h"

namespace samrad {

class SessionCache {
 public:
  static constexpr size_t kMaxEntries = 4096;

  struct Session {
    User user;
    int64_t created_at = 0;  // epoch seconds
    int64_t expires_at = 0;
  };

  // The session of token_hash read at version, if version is still the one
  // entries are kept for. Thread-safe.
  std::optional<Session> Get(const std::string& token_hash, uint64_t version) const;
  // Keeps s, read at version (read before s was): an older version than the
  // newest kept is not stored, a newer one drops all others. Thread-safe.
  void Put(const std::string& token_hash, uint64_t version, Session s);

  size_t size() const;

 private:
  mutable std::mutex mu_;
  uint64_t version_ = 0;
  std::unordered_map<std::string, Session> entries_;
};

}  // namespace samrad
