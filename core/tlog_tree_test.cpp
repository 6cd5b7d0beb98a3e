// Merkle tree proofs against a naive RFC 6962 computation, for every leaf
// and every pair of sizes up to 70 leaves.
#define BOOST_TEST_MODULE tlog_tree
#include <boost/test/unit_test.hpp>

#include <map>

#include "core/tlog_tree.h"

using namespace samrad::tlog;

namespace {
std::vector<std::string> Entries(int n) {
  std::vector<std::string> d;
  for (int i = 0; i < n; ++i) d.push_back("{\"seq\":" + std::to_string(i + 1) + "}");
  return d;
}
// MTH straight from RFC 6962 2.1.
Hash Naive(const std::vector<std::string>& d, size_t lo, size_t hi) {
  if (hi - lo == 0) return EmptyRoot();
  if (hi - lo == 1) return LeafHash(d[lo]);
  size_t k = 1;
  while (k * 2 < hi - lo) k *= 2;
  return NodeHash(Naive(d, lo, lo + k), Naive(d, lo + k, hi));
}
struct MemTree {
  std::map<std::pair<int, int64_t>, Hash> nodes;
  NodeReader reader() {
    return [this](int l, int64_t i) { return nodes.at({l, i}); };
  }
  void Append(const std::string& e) {
    int64_t index = 0;
    for (const auto& [k, v] : nodes) index += k.first == 0;
    for (auto& n : AppendNodes(reader(), index, LeafHash(e))) nodes[{n.level, n.index}] = n.hash;
  }
};
std::string Hex(const Hash& h) {
  static const char* x = "0123456789abcdef";
  std::string s;
  for (unsigned char c : h) s += std::string{x[c >> 4], x[c & 15]};
  return s;
}
}  // namespace

BOOST_AUTO_TEST_CASE(empty_tree_root_is_sha256_of_nothing) {
  BOOST_TEST(Hex(EmptyRoot()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  BOOST_TEST(Base64(EmptyRoot()) == "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
}

BOOST_AUTO_TEST_CASE(stored_nodes_give_the_rfc_root_proofs_verify_and_tampered_proofs_fail) {
  auto d = Entries(70);
  MemTree t;
  std::vector<Hash> roots{EmptyRoot()};
  for (int n = 1; n <= 70; ++n) {
    t.Append(d[n - 1]);
    roots.push_back(RootHash(t.reader(), n));
    BOOST_TEST_REQUIRE(Hex(roots[n]) == Hex(Naive(d, 0, n)));
  }
  for (int n = 1; n <= 70; ++n) {
    for (int m = 0; m < n; ++m) {
      auto p = InclusionProof(t.reader(), m, n);
      BOOST_TEST_REQUIRE(VerifyInclusion(LeafHash(d[m]), m, n, p, roots[n]));
      BOOST_TEST_REQUIRE(!VerifyInclusion(LeafHash(d[(m + 1) % n] + "x"), m, n, p, roots[n]));
      if (!p.empty()) {
        p.back()[0] ^= 1;
        BOOST_TEST_REQUIRE(!VerifyInclusion(LeafHash(d[m]), m, n, p, roots[n]));
      }
    }
    for (int m = 0; m <= n; ++m) {
      auto p = ConsistencyProof(t.reader(), m, n);
      BOOST_TEST_REQUIRE(VerifyConsistency(m, n, p, roots[m], roots[n]));
      if (m > 0 && m < n) {
        BOOST_TEST_REQUIRE(!VerifyConsistency(m, n, p, roots[m - 1], roots[n]));
        p[0][5] ^= 1;
        BOOST_TEST_REQUIRE(!VerifyConsistency(m, n, p, roots[m], roots[n]));
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(equal_sizes_with_different_roots_are_a_fork) {
  BOOST_TEST(!VerifyConsistency(5, 5, {}, LeafHash("a"), LeafHash("b")));
  BOOST_TEST(VerifyConsistency(0, 5, {}, EmptyRoot(), LeafHash("b")));
  BOOST_TEST(!VerifyConsistency(0, 5, {LeafHash("a")}, EmptyRoot(), LeafHash("b")));
}

BOOST_AUTO_TEST_CASE(base64_round_trips_and_refuses_garbage) {
  std::string out;
  BOOST_TEST(FromBase64(Base64("\x01\x02\xff"), &out));
  BOOST_TEST(out == "\x01\x02\xff");
  BOOST_TEST(!FromBase64("!!!", &out));
}

BOOST_AUTO_TEST_CASE(one_edge_memo_kept_across_sizes_gives_the_same_proofs_and_reads_fewer_nodes) {
  auto d = Entries(70);
  MemTree t;
  for (const auto& e : d) t.Append(e);
  int reads = 0;
  NodeReader counting = [&](int l, int64_t i) {
    ++reads;
    return t.nodes.at({l, i});
  };
  EdgeMemo shared;  // as the server keeps it: one for every proof
  for (int round = 0; round < 2; ++round) {
    for (int n = 1; n <= 70; ++n) {
      BOOST_TEST_REQUIRE(Hex(RootHash(counting, n, &shared)) == Hex(Naive(d, 0, n)));
      for (int m = 0; m < n; ++m) BOOST_TEST_REQUIRE(InclusionProof(counting, m, n, &shared) == InclusionProof(t.reader(), m, n));
      for (int m = 0; m <= n; ++m) {
        BOOST_TEST_REQUIRE(ConsistencyProof(counting, m, n, &shared) == ConsistencyProof(t.reader(), m, n));
      }
    }
  }
  // With every edge hashed already, proofs read only the stored nodes that
  // are part of them: fewer than proofs that hash the edge again.
  reads = 0;
  for (int n = 1; n <= 70; ++n) {
    for (int m = 0; m < n; ++m) InclusionProof(counting, m, n, &shared);
  }
  int warm = reads;
  reads = 0;
  for (int n = 1; n <= 70; ++n) {
    for (int m = 0; m < n; ++m) InclusionProof(counting, m, n);
  }
  BOOST_TEST(warm < reads);
}
