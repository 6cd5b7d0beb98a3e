// The event log: every change appends one hash-chained row to `events` in the
// same transaction as the change. See README "Verifying the log".
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/database.h"
#include "core/status.h"

namespace samrad {

struct Event {
  int64_t seq = 0;
  std::string at;
  std::string kind;
  std::string subject;
  std::string actor_role;
  nlohmann::json payload;
  std::string prev_hash;
  std::string hash;
};

struct VerifyReport {
  bool ok = true;
  int64_t entries = 0;
  std::string head_hash;
  std::optional<int64_t> first_bad_seq;
  std::string problem;  // what is wrong at first_bad_seq
};

// The largest canonical entry: entry bundles give each a 16-bit length.
constexpr size_t kMaxEntryBytes = 65535;

// The hash of the first entry's predecessor.
inline const std::string kGenesisHash(64, '0');

class EventLog {
 public:
  // The canonical form that is hashed: sorted keys, no spaces, UTF-8.
  static std::string Canonical(const Event& e);
  // SHA-256 hex of prev_hash followed by Canonical(e).
  static std::string ChainHash(const std::string& prev_hash, const Event& e);

  // Appends inside the caller's write transaction; fills seq, prev_hash,
  // hash, and adds Canonical(e) as leaf seq - 1 of the Merkle tree
  // (core/tlog_store.h). Throws db::DbError like any statement of the
  // transaction (tlog::EntryTooLarge, a 422 naming the largest payload
  // field, for an entry over kMaxEntryBytes).
  static Event Append(db::Connection& c, const std::string& at, const std::string& kind,
                      const std::string& subject, const std::string& actor_role,
                      nlohmann::json payload);

  // Entries with seq > after, oldest first, at most limit.
  static std::vector<Event> List(db::Connection& c, int64_t after, int limit);
  // The highest seq (0 when empty).
  static int64_t Head(db::Connection& c);
  // Recomputes the whole chain: names the first entry whose hash, link or
  // sequence is wrong.
  static VerifyReport Verify(db::Connection& c);

  static nlohmann::json ToJson(const Event& e);

  // Entries with seq < before whose kind is one of kinds, newest first, at
  // most limit.
  static std::vector<Event> ListBefore(db::Connection& c, int64_t before,
                                       const std::vector<std::string>& kinds, int limit);
  // The same, only entries whose payload names this consultation_id (read
  // through an index, whatever the size of the rest of the log).
  static std::vector<Event> ListBeforeAbout(db::Connection& c, int64_t consultation_id, int64_t before,
                                            const std::vector<std::string>& kinds, int limit);
  // Its statement: ?1 before, ?2 kinds as a JSON array, ?3 limit, ?4 consultation.
  static std::string ListBeforeAboutSql();
  // The first entry of a kind about a subject, if any.
  static std::optional<Event> FirstOf(db::Connection& c, const std::string& kind,
                                      const std::string& subject);
};

}  // namespace samrad
