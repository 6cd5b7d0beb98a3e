// Checkpoint text and the stored checkpoints.
#include "core/tlog_checkpoint.h"

namespace samrad::tlog {

std::string Checkpoint::Text() const { return origin + "\n" + std::to_string(size) + "\n" + Base64(root) + "\n"; }

std::optional<Checkpoint> Checkpoint::Parse(std::string_view text) {
  Checkpoint cp;
  std::string_view lines[3];
  for (auto& l : lines) {
    size_t eol = text.find('\n');
    if (eol == std::string_view::npos) return std::nullopt;
    l = text.substr(0, eol);
    text.remove_prefix(eol + 1);
  }
  cp.origin = std::string(lines[0]);
  std::string_view n = lines[1];
  if (cp.origin.empty() || n.empty() || n.size() > 18 || n.find_first_not_of("0123456789") != std::string_view::npos ||
      (n.size() > 1 && n[0] == '0')) {
    return std::nullopt;
  }
  cp.size = std::stoll(std::string(n));
  if (!FromBase64(lines[2], &cp.root) || cp.root.size() != 32) return std::nullopt;
  return cp;
}

std::string StoredCheckpoint::Served() const {
  std::string out = note;
  for (const auto& line : cosignatures) out += line;
  return out;
}

namespace {
constexpr const char* kSelect = "SELECT size, root, note, signed_at FROM tlog_checkpoints ";

std::vector<StoredCheckpoint> Query(db::Connection& c, const std::string& where, int64_t arg, int limit) {
  std::vector<StoredCheckpoint> out;
  auto& st = c.Prepare(std::string(kSelect) + where);
  st.Bind(1, arg).Bind(2, limit);
  while (st.Step()) out.push_back({st.Int(0), st.Text(1), st.Text(2), st.Text(3), {}});
  st.Reset();
  auto& cs = c.Prepare("SELECT line FROM tlog_cosignatures WHERE size = ? ORDER BY witness");
  for (auto& cp : out) {
    cs.Bind(1, cp.size);
    while (cs.Step()) cp.cosignatures.push_back(cs.Text(0));
    cs.Reset();
  }
  return out;
}

std::optional<StoredCheckpoint> First(std::vector<StoredCheckpoint> v) {
  if (v.empty()) return std::nullopt;
  return std::move(v.front());
}
}  // namespace

std::optional<StoredCheckpoint> CheckpointStore::Latest(db::Connection& c) {
  return First(Query(c, "WHERE size <= ?1 ORDER BY size DESC LIMIT ?2", INT64_MAX, 1));
}

std::optional<StoredCheckpoint> CheckpointStore::AtSize(db::Connection& c, int64_t size) {
  return First(Query(c, "WHERE size = ?1 LIMIT ?2", size, 1));
}

std::optional<StoredCheckpoint> CheckpointStore::LatestCosigned(db::Connection& c) {
  return First(Query(c, "WHERE size <= ?1 AND size IN (SELECT size FROM tlog_cosignatures) ORDER BY size DESC LIMIT ?2",
                     INT64_MAX, 1));
}

std::vector<StoredCheckpoint> CheckpointStore::List(db::Connection& c, int64_t before, int limit) {
  return Query(c, "WHERE size <= ?1 ORDER BY size DESC LIMIT ?2", before, limit);
}

void CheckpointStore::Insert(db::Connection& c, const StoredCheckpoint& cp) {
  c.Prepare("INSERT INTO tlog_checkpoints(size, root, note, signed_at) VALUES(?,?,?,?)")
      .Bind(1, cp.size)
      .Bind(2, cp.root)
      .Bind(3, cp.note)
      .Bind(4, cp.signed_at)
      .Run();
}

std::vector<CheckpointStore::Cosigned> CheckpointStore::LatestCosignatures(db::Connection& c) {
  std::vector<Cosigned> out;
  auto& st = c.Prepare("SELECT witness, MAX(size), at FROM tlog_cosignatures GROUP BY witness ORDER BY witness");
  while (st.Step()) out.push_back({st.Text(0), st.Int(1), st.Text(2)});
  st.Reset();
  return out;
}

void CheckpointStore::AddCosignature(db::Connection& c, int64_t size, const std::string& witness,
                                     const std::string& line, const std::string& at) {
  c.Prepare("INSERT OR REPLACE INTO tlog_cosignatures(size, witness, line, at) VALUES(?,?,?,?)")
      .Bind(1, size)
      .Bind(2, witness)
      .Bind(3, line)
      .Bind(4, at)
      .Run();
}

int64_t CheckpointStore::WitnessSize(db::Connection& c, const std::string& witness) {
  auto& st = c.Prepare("SELECT size FROM tlog_witness_sizes WHERE witness = ?");
  int64_t size = st.Bind(1, witness).Step() ? st.Int(0) : 0;
  st.Reset();
  return size;
}

void CheckpointStore::SetWitnessSize(db::Connection& c, const std::string& witness, int64_t size,
                                     const std::string& at) {
  c.Prepare("INSERT INTO tlog_witness_sizes(witness, size, at) VALUES(?,?,?) "
            "ON CONFLICT(witness) DO UPDATE SET size = excluded.size, at = excluded.at")
      .Bind(1, witness)
      .Bind(2, size)
      .Bind(3, at)
      .Run();
}

}  // namespace samrad::tlog
