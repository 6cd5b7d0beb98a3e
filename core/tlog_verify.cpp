// Recomputing the Merkle tree from the events.
#include "core/tlog_verify.h"

#include "core/event_log.h"
#include "core/tlog_checkpoint.h"
#include "core/tlog_store.h"

namespace samrad::tlog {

namespace {
// The right edge of a tree being built leaf by leaf: complete subtrees,
// largest first.
class Frontier {
 public:
  void Add(Hash leaf) {
    nodes_.push_back({0, std::move(leaf)});
    while (nodes_.size() >= 2 && nodes_[nodes_.size() - 2].first == nodes_.back().first) {
      auto right = std::move(nodes_.back());
      nodes_.pop_back();
      nodes_.back() = {right.first + 1, NodeHash(nodes_.back().second, right.second)};
    }
  }
  Hash Root() const {
    if (nodes_.empty()) return EmptyRoot();
    Hash h = nodes_.back().second;
    for (size_t i = nodes_.size() - 1; i-- > 0;) h = NodeHash(nodes_[i].second, h);
    return h;
  }

 private:
  std::vector<std::pair<int, Hash>> nodes_;
};
}  // namespace

TreeCheck VerifyTree(db::Connection& c, const Verifier* key) {
  TreeCheck r;
  auto cp = CheckpointStore::Latest(c);
  if (cp) r.checkpoint_size = cp->size;
  auto fail = [&](std::string why) {
    r.ok = false;
    r.problem = std::move(why);
    return r;
  };
  Frontier tree;
  if (cp && cp->size == 0 && cp->root != EmptyRoot()) return fail("the checkpoint of the empty tree has a root");
  for (int64_t after = 0;;) {
    auto events = EventLog::List(c, after, 4096);
    if (events.empty()) break;
    for (const auto& e : events) {
      tree.Add(LeafHash(EventLog::Canonical(e)));
      ++r.entries;
      if (cp && r.entries == cp->size && tree.Root() != cp->root) {
        return fail("the entries do not give the root of the signed checkpoint of size " + std::to_string(cp->size));
      }
    }
    after = events.back().seq;
  }
  Hash root = tree.Root();
  r.root = Base64(root);
  if (cp && cp->size > r.entries) return fail("the signed checkpoint counts more entries than the log holds");
  if (TreeStore::Size(c) != r.entries) return fail("the stored Merkle tree does not have one leaf per entry");
  if (RootHash(TreeStore::Reader(c), r.entries) != root) return fail("the stored Merkle tree does not match the entries");
  if (cp && key) {
    auto note = ParseNote(cp->note);
    if (!note || CheckSignature(*note, *key) != SigCheck::kValid) {
      return fail("the latest checkpoint is not signed by the log key");
    }
  }
  return r;
}

}  // namespace samrad::tlog
