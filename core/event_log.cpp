// Event log append, listing and chain verification.
#include "core/event_log.h"

#include <cstdlib>

#include "core/crypto.h"
#include "core/tlog_entry_limit.h"
#include "core/tlog_store.h"

namespace samrad {

using nlohmann::json;

std::string EventLog::Canonical(const Event& e) {
  // nlohmann::json keeps object keys sorted; dump() without indent has no
  // spaces; invalid UTF-8 never reaches here (inputs are validated).
  json j = {{"seq", e.seq},         {"at", e.at},           {"kind", e.kind},
            {"subject", e.subject}, {"actor_role", e.actor_role}, {"payload", e.payload}};
  return j.dump();
}

std::string EventLog::ChainHash(const std::string& prev_hash, const Event& e) {
  return crypto::Sha256Hex(prev_hash + Canonical(e));
}

Event EventLog::Append(db::Connection& c, const std::string& at, const std::string& kind,
                       const std::string& subject, const std::string& actor_role,
                       json payload) {
  Event e;
  e.at = at;
  e.kind = kind;
  e.subject = subject;
  e.actor_role = actor_role;
  e.payload = std::move(payload);
  auto& last = c.Prepare("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1");
  if (last.Step()) {
    e.seq = last.Int(0) + 1;
    e.prev_hash = last.Text(1);
  } else {
    e.seq = 1;
    e.prev_hash = kGenesisHash;
  }
  last.Reset();
  std::string canonical = Canonical(e);
  // An entry bundle gives each entry a 16-bit length (C2SP tlog-tiles).
  if (canonical.size() > kMaxEntryBytes) throw tlog::EntryTooLarge(e.payload, canonical.size(), kMaxEntryBytes);
  e.hash = crypto::Sha256Hex(e.prev_hash + canonical);
  c.Prepare(
       "INSERT INTO events(seq, at, kind, subject, actor_role, payload, prev_hash, hash) "
       "VALUES(?,?,?,?,?,?,?,?)")
      .Bind(1, e.seq)
      .Bind(2, e.at)
      .Bind(3, e.kind)
      .Bind(4, e.subject)
      .Bind(5, e.actor_role)
      .Bind(6, e.payload.dump())
      .Bind(7, e.prev_hash)
      .Bind(8, e.hash)
      .Run();
  // The same bytes are leaf seq - 1 of the Merkle tree, in this transaction.
  // (SAMRAD_BENCH_WITHOUT_TREE=1 leaves the tree behind, for the reference
  // run of bench/tlog_append_bench.sh only: the next append with the tree,
  // or the next start, builds the missing leaves.)
  static const bool without_tree = std::getenv("SAMRAD_BENCH_WITHOUT_TREE") != nullptr;
  if (!without_tree) tlog::TreeStore::AppendLeaf(c, e.seq - 1, canonical);
  return e;
}

namespace {
Event Row(db::Statement& st) {
  Event e;
  e.seq = st.Int(0);
  e.at = st.Text(1);
  e.kind = st.Text(2);
  e.subject = st.Text(3);
  e.actor_role = st.Text(4);
  e.payload = json::parse(st.Text(5), nullptr, false);
  e.prev_hash = st.Text(6);
  e.hash = st.Text(7);
  return e;
}
constexpr const char* kSelect =
    "SELECT seq, at, kind, subject, actor_role, payload, prev_hash, hash FROM events ";
}  // namespace

std::vector<Event> EventLog::List(db::Connection& c, int64_t after, int limit) {
  std::vector<Event> out;
  auto& st = c.Prepare(std::string(kSelect) + "WHERE seq > ? ORDER BY seq LIMIT ?");
  st.Bind(1, after).Bind(2, limit);
  while (st.Step()) out.push_back(Row(st));
  return out;
}

int64_t EventLog::Head(db::Connection& c) {
  auto& st = c.Prepare("SELECT COALESCE(MAX(seq), 0) FROM events");
  st.Step();
  return st.Int(0);
}

VerifyReport EventLog::Verify(db::Connection& c) {
  VerifyReport r;
  std::string prev = kGenesisHash;
  int64_t expected_seq = 1;
  auto& st = c.Prepare(std::string(kSelect) + "ORDER BY seq");
  auto fail = [&](int64_t seq, std::string why) {
    r.ok = false;
    r.first_bad_seq = seq;
    r.problem = std::move(why);
  };
  while (st.Step()) {
    Event e = Row(st);
    ++r.entries;
    if (e.seq != expected_seq) {
      fail(expected_seq, "entry " + std::to_string(expected_seq) + " is missing (next is " +
                             std::to_string(e.seq) + ")");
    } else if (e.payload.is_discarded()) {
      fail(e.seq, "payload is not valid JSON");
    } else if (e.prev_hash != prev) {
      fail(e.seq, "prev_hash does not match the hash of the entry before");
    } else if (ChainHash(prev, e) != e.hash) {
      fail(e.seq, "content does not match its hash");
    }
    if (!r.ok) break;
    prev = e.hash;
    ++expected_seq;
  }
  st.Reset();
  r.head_hash = prev;
  return r;
}

json EventLog::ToJson(const Event& e) {
  return {{"seq", e.seq},         {"at", e.at},           {"kind", e.kind},
          {"subject", e.subject}, {"actor_role", e.actor_role}, {"payload", e.payload},
          {"prev_hash", e.prev_hash}, {"hash", e.hash}};
}

std::vector<Event> EventLog::ListBefore(db::Connection& c, int64_t before,
                                        const std::vector<std::string>& kinds, int limit) {
  // The kinds travel as one JSON array so the statement text (and its cached
  // preparation) is the same whatever their number.
  std::vector<Event> out;
  auto& st = c.Prepare(std::string(kSelect) +
                       "WHERE seq < ?1 AND kind IN (SELECT value FROM json_each(?2)) "
                       "ORDER BY seq DESC LIMIT ?3");
  st.Bind(1, before).Bind(2, json(kinds).dump()).Bind(3, limit);
  while (st.Step()) out.push_back(Row(st));
  st.Reset();
  return out;
}

std::string EventLog::ListBeforeAboutSql() {
  // The expression is written exactly as in the events_consultation index.
  return std::string(kSelect) +
         "WHERE json_extract(payload, '$.consultation_id') = ?4 AND seq < ?1 "
         "AND kind IN (SELECT value FROM json_each(?2)) ORDER BY seq DESC LIMIT ?3";
}

std::vector<Event> EventLog::ListBeforeAbout(db::Connection& c, int64_t consultation_id, int64_t before,
                                             const std::vector<std::string>& kinds, int limit) {
  std::vector<Event> out;
  auto& st = c.Prepare(ListBeforeAboutSql());
  st.Bind(1, before).Bind(2, json(kinds).dump()).Bind(3, limit).Bind(4, consultation_id);
  while (st.Step()) out.push_back(Row(st));
  st.Reset();
  return out;
}

std::optional<Event> EventLog::FirstOf(db::Connection& c, const std::string& kind,
                                       const std::string& subject) {
  std::optional<Event> out;
  auto& st = c.Prepare(std::string(kSelect) + "WHERE subject = ?1 AND kind = ?2 ORDER BY seq LIMIT 1");
  st.Bind(1, subject).Bind(2, kind);
  if (st.Step()) out = Row(st);
  st.Reset();
  return out;
}

}  // namespace samrad
