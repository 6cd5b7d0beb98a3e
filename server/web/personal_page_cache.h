// Personal pages (personal_page.h) kept while the data they were made from
// is unchanged: each entry carries the data version and clock second it was
// made at and is used only while both are still current, for at most a
// second. A newer version drops every older entry at once. Bounded in bytes:
// the pages and every reader's parts kept with them count in one budget.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "server/http/message.h"
#include "server/web/personal_page.h"

namespace samrad::server {

// What a cached page was made from: the database's data version and the
// service clock's second (pages say "closes in", states follow the clock).
struct PageVersion {
  uint64_t data = 0;
  int64_t second = 0;
  bool operator==(const PageVersion&) const = default;
};

struct PersonalEntry {
  // The answer's status and headers (its body is the filled page), and the
  // page; no page when it could not be shared (then each reader's page is
  // rendered whole, as before).
  ApiResponse head;
  std::shared_ptr<const PersonalPage> page;

  // The parts of a reader read at this entry's version or later, kept for
  // the reader's next requests while the entry is current
  // (PersonalPageCache::Keep); their form token is empty unless they were
  // kept for the same session. Thread-safe.
  std::optional<PersonalParts> PartsOf(int64_t user_id, const std::string& session) const;

 private:
  friend class PersonalPageCache;
  struct Reader {
    std::string session;
    PersonalParts parts;
  };
  // What the reader's kept parts took before and take after a Keep.
  struct Bytes {
    size_t before = 0;
    size_t after = 0;
  };
  // Keeps parts, in place of the reader's kept for another session.
  Bytes Keep(const PersonalParts& parts, const std::string& session) const;

  mutable std::mutex mu_;
  mutable std::unordered_map<int64_t, Reader> readers_;
};

class PersonalPageCache {
 public:
  // max_bytes 0 turns the cache off.
  explicit PersonalPageCache(size_t max_bytes) : max_bytes_(max_bytes) {}

  // The entry for key made at this version less than a second before now_ms
  // (steady clock), or null. Thread-safe.
  std::shared_ptr<const PersonalEntry> Get(const std::string& key, const PageVersion& v, int64_t now_ms) const;
  // Stores an entry made at v (read before its data was). An entry older
  // than the newest stored is not kept; a newer one drops all others; when
  // the bytes would pass the budget, all others are dropped. A page larger
  // than a quarter of the budget is stored as an entry without a page (its
  // readers' pages are rendered whole). Thread-safe.
  void Put(const std::string& key, const PageVersion& v, int64_t now_ms, std::shared_ptr<const PersonalEntry> e);
  // Keeps a reader's parts, with the form token of their session, with e
  // while e is the entry stored for key and the budget has room for them
  // (else the reader's next request reads them again). Parts kept for
  // another session of the reader are replaced: the latest session's token
  // is the one kept. Thread-safe.
  void Keep(const std::string& key, const std::shared_ptr<const PersonalEntry>& e, const PersonalParts& parts,
            const std::string& session);

  // The bytes held: pages, their heads and keys, and readers' parts.
  size_t bytes() const;
  size_t max_bytes() const { return max_bytes_; }

 private:
  struct Stored {
    std::shared_ptr<const PersonalEntry> entry;
    int64_t made_ms;
    size_t bytes;
  };
  size_t max_bytes_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, Stored> entries_;
  PageVersion newest_;
  size_t bytes_ = 0;
};

}  // namespace samrad::server
