// Merkle tree storage in SQLite: one row per complete subtree.
#include "core/tlog_store.h"

#include <map>

#include "core/event_log.h"

namespace samrad::tlog {

namespace {
constexpr const char* kInsert = "INSERT INTO tlog_nodes(level, idx, hash) VALUES(?,?,?)";

void Insert(db::Connection& c, const Node& n) {
  c.Prepare(kInsert).Bind(1, n.level).Bind(2, n.index).Bind(3, n.hash).Run();
}
}  // namespace

NodeReader TreeStore::Reader(db::Connection& c) {
  return [&c](int level, int64_t index) {
    auto& st = c.Prepare("SELECT hash FROM tlog_nodes WHERE level = ? AND idx = ?");
    st.Bind(1, level).Bind(2, index);
    if (!st.Step()) {
      throw db::DbError(SQLITE_NOTFOUND, "the Merkle tree lacks node " + std::to_string(level) + "/" +
                                             std::to_string(index));
    }
    Hash h(st.View(0));
    st.Reset();
    return h;
  };
}

int64_t TreeStore::Size(db::Connection& c) {
  auto& st = c.Prepare("SELECT COALESCE(MAX(idx) + 1, 0) FROM tlog_nodes WHERE level = 0");
  st.Step();
  int64_t n = st.Int(0);
  st.Reset();
  return n;
}

std::string TreeStore::Hashes(db::Connection& c, int level, int64_t first, int64_t count) {
  std::string out;
  out.reserve(static_cast<size_t>(count) * 32);
  auto& st = c.Prepare("SELECT idx, hash FROM tlog_nodes WHERE level = ? AND idx >= ? AND idx < ? ORDER BY idx");
  st.Bind(1, level).Bind(2, first).Bind(3, first + count);
  int64_t expect = first;
  while (st.Step()) {
    if (st.Int(0) != expect++) break;
    out += st.View(1);
  }
  st.Reset();
  if (out.size() != static_cast<size_t>(count) * 32) out.clear();
  return out;
}

void TreeStore::AppendLeaf(db::Connection& c, int64_t index, std::string_view entry) {
  int64_t size = Size(c);
  if (size < index) Build(c, size, index, nullptr);
  for (const auto& n : AppendNodes(Reader(c), index, LeafHash(entry))) Insert(c, n);
}

void TreeStore::Build(db::Connection& c, int64_t size, int64_t upto,
                      const std::function<void(int64_t, int64_t)>& progress) {
  // The right edge of the tree in memory, so that building reads no node
  // back: per level, the last complete subtree.
  std::map<int, std::pair<int64_t, Hash>> edge;
  auto stored = Reader(c);
  NodeReader read = [&](int level, int64_t index) {
    auto it = edge.find(level);
    if (it != edge.end() && it->second.first == index) return it->second.second;
    return stored(level, index);
  };
  constexpr int kBatch = 4096;
  for (int64_t done = size; done < upto;) {
    auto events = EventLog::List(c, done, static_cast<int>(std::min<int64_t>(kBatch, upto - done)));
    if (events.empty()) break;
    for (const auto& e : events) {
      if (e.seq != done + 1) throw db::DbError(SQLITE_CORRUPT, "the event log has no entry " + std::to_string(done + 1));
      for (auto& n : AppendNodes(read, done, LeafHash(EventLog::Canonical(e)))) {
        Insert(c, n);
        edge[n.level] = {n.index, std::move(n.hash)};
      }
      ++done;
    }
    if (progress) progress(done - size, upto - size);
  }
}

Status TreeStore::CatchUp(Database& db, const std::function<void(int64_t, int64_t)>& progress) {
  return db.Write([&](db::Connection& c) {
    int64_t size = Size(c);
    int64_t head = EventLog::Head(c);
    if (size < head) {
      // A large build keeps its pages in memory rather than spilling them
      // to the WAL page by page.
      c.Exec("PRAGMA cache_size=-131072");
      Build(c, size, head, progress);
      c.Exec("PRAGMA cache_size=-2000");
    }
    return Status::Ok();
  });
}

}  // namespace samrad::tlog
