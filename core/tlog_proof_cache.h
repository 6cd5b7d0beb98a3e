// What proofs read, kept in memory between requests: the stored subtree
// hashes of the upper levels of the Merkle tree (level >= kCachedLevel; they
// never change once stored, the tree being append-only) and the hashes of
// right edges (EdgeMemo), so an inclusion or consistency proof reads only
// its few lower-level hashes from SQLite. Bounded: a part that passes its
// limit starts again empty.
#pragma once

#include <cstdint>
#include <shared_mutex>
#include <unordered_map>
#include <utility>

#include "core/sqlite.h"
#include "core/tlog_tree.h"

namespace samrad::tlog {

class ProofCache {
 public:
  static constexpr int kCachedLevel = 6;          // 1/64 of the nodes and above
  static constexpr size_t kMaxNodes = 1 << 18;    // about 20 MiB at most
  static constexpr size_t kMaxEdges = 256;        // tree sizes whose edges are kept

  // Reads through the cache on c (TreeStore's statement for what is not
  // cached); valid while c is. Throws like TreeStore::Reader. Thread-safe.
  NodeReader Reader(db::Connection& c);
  // A copy of the right-edge hashes known so far of trees of size a and b
  // (about log2 of each), to pass to the proof functions; and keeping what a
  // proof added. Thread-safe.
  EdgeMemo Edges(int64_t a, int64_t b) const;
  void KeepEdges(const EdgeMemo& edges);

 private:
  static uint64_t Key(int level, int64_t index) { return (static_cast<uint64_t>(level) << 56) | index; }

  mutable std::shared_mutex mu_;
  std::unordered_map<uint64_t, Hash> nodes_;
  std::unordered_map<int64_t, EdgeMemo> edges_;  // by the edge's end: the tree size
};

}  // namespace samrad::tlog
