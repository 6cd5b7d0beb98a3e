// Merkle tree hashing and proofs after RFC 6962 2.1 and RFC 9162 2.1.
#include "core/tlog_tree.h"

#include <sodium.h>

#include <bit>
#include <map>

namespace samrad::tlog {

Hash Sha256(std::string_view bytes) {
  Hash h(crypto_hash_sha256_BYTES, '\0');
  crypto_hash_sha256(reinterpret_cast<unsigned char*>(h.data()),
                     reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  return h;
}

Hash LeafHash(std::string_view entry) {
  crypto_hash_sha256_state st;
  crypto_hash_sha256_init(&st);
  const unsigned char zero = 0;
  crypto_hash_sha256_update(&st, &zero, 1);
  crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(entry.data()), entry.size());
  Hash h(crypto_hash_sha256_BYTES, '\0');
  crypto_hash_sha256_final(&st, reinterpret_cast<unsigned char*>(h.data()));
  return h;
}

Hash NodeHash(const Hash& left, const Hash& right) {
  std::string buf;
  buf.reserve(1 + left.size() + right.size());
  buf.push_back('\x01');
  buf += left;
  buf += right;
  return Sha256(buf);
}

Hash EmptyRoot() { return Sha256(""); }

namespace {
// Hashes of ranges that are not one stored subtree, computed once per proof
// (or per tree size, when the caller keeps them): the right edge of a tree
// is part of many of its proof's hashes.
using Memo = EdgeMemo;

Hash Subtree(const NodeReader& read, int64_t lo, int64_t hi, Memo& memo);

// The largest power of two strictly below n (n >= 2).
int64_t SplitPoint(int64_t n) { return int64_t{1} << (63 - std::countl_zero(static_cast<uint64_t>(n - 1))); }

void Path(const NodeReader& read, int64_t m, int64_t lo, int64_t hi, Memo& memo, std::vector<Hash>& out) {
  if (hi - lo <= 1) return;
  int64_t k = SplitPoint(hi - lo);
  if (m < lo + k) {
    Path(read, m, lo, lo + k, memo, out);
    out.push_back(Subtree(read, lo + k, hi, memo));
  } else {
    Path(read, m, lo + k, hi, memo, out);
    out.push_back(Subtree(read, lo, lo + k, memo));
  }
}

void SubProof(const NodeReader& read, int64_t m, int64_t lo, int64_t hi, bool whole, Memo& memo,
              std::vector<Hash>& out) {
  if (m == hi) {
    if (!whole) out.push_back(Subtree(read, lo, hi, memo));
    return;
  }
  int64_t k = SplitPoint(hi - lo);
  if (m <= lo + k) {
    SubProof(read, m, lo, lo + k, whole, memo, out);
    out.push_back(Subtree(read, lo + k, hi, memo));
  } else {
    SubProof(read, m, lo + k, hi, false, memo, out);
    out.push_back(Subtree(read, lo, lo + k, memo));
  }
}

Hash Subtree(const NodeReader& read, int64_t lo, int64_t hi, Memo& memo) {
  int64_t n = hi - lo;
  if (std::has_single_bit(static_cast<uint64_t>(n)) && lo % n == 0) {
    int level = std::countr_zero(static_cast<uint64_t>(n));
    return read(level, lo >> level);
  }
  auto it = memo.find({lo, hi});
  if (it != memo.end()) return it->second;
  int64_t k = SplitPoint(n);
  Hash h = NodeHash(Subtree(read, lo, lo + k, memo), Subtree(read, lo + k, hi, memo));
  memo.emplace(std::make_pair(lo, hi), h);
  return h;
}
}  // namespace

Hash SubtreeHash(const NodeReader& read, int64_t lo, int64_t hi, EdgeMemo* memo) {
  Memo own;
  return Subtree(read, lo, hi, memo ? *memo : own);
}

Hash RootHash(const NodeReader& read, int64_t size, EdgeMemo* memo) {
  return size == 0 ? EmptyRoot() : SubtreeHash(read, 0, size, memo);
}

std::vector<Hash> InclusionProof(const NodeReader& read, int64_t index, int64_t size, EdgeMemo* memo) {
  std::vector<Hash> out;
  Memo own;
  Path(read, index, 0, size, memo ? *memo : own, out);
  return out;
}

std::vector<Hash> ConsistencyProof(const NodeReader& read, int64_t from, int64_t to, EdgeMemo* memo) {
  std::vector<Hash> out;
  Memo own;
  if (from > 0 && from < to) SubProof(read, from, 0, to, true, memo ? *memo : own, out);
  return out;
}

bool VerifyInclusion(const Hash& leaf, int64_t index, int64_t size, const std::vector<Hash>& proof,
                     const Hash& root) {
  if (index < 0 || index >= size) return false;
  uint64_t fn = static_cast<uint64_t>(index), sn = static_cast<uint64_t>(size - 1);
  Hash r = leaf;
  for (const auto& p : proof) {
    if (sn == 0) return false;
    if ((fn & 1) || fn == sn) {
      r = NodeHash(p, r);
      while (!(fn & 1) && fn != 0) {
        fn >>= 1;
        sn >>= 1;
      }
    } else {
      r = NodeHash(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn == 0 && r == root;
}

bool VerifyConsistency(int64_t from, int64_t to, const std::vector<Hash>& proof, const Hash& from_root,
                       const Hash& to_root) {
  if (from < 0 || from > to) return false;
  if (from == to) return proof.empty() && from_root == to_root;
  if (from == 0) return proof.empty();
  if (proof.empty()) return false;
  std::vector<Hash> path = proof;
  if (std::has_single_bit(static_cast<uint64_t>(from))) path.insert(path.begin(), from_root);
  uint64_t fn = static_cast<uint64_t>(from - 1), sn = static_cast<uint64_t>(to - 1);
  while (fn & 1) {
    fn >>= 1;
    sn >>= 1;
  }
  Hash fr = path[0], sr = path[0];
  for (size_t i = 1; i < path.size(); ++i) {
    const Hash& c = path[i];
    if (sn == 0) return false;
    if ((fn & 1) || fn == sn) {
      fr = NodeHash(c, fr);
      sr = NodeHash(c, sr);
      while (!(fn & 1) && fn != 0) {
        fn >>= 1;
        sn >>= 1;
      }
    } else {
      sr = NodeHash(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn == 0 && fr == from_root && sr == to_root;
}

std::vector<Node> AppendNodes(const NodeReader& read, int64_t index, const Hash& leaf) {
  std::vector<Node> out{{0, index, leaf}};
  Hash h = leaf;
  int level = 0;
  int64_t i = index;
  // Each odd index at a level closes the pair with its left sibling.
  while (i & 1) {
    h = NodeHash(read(level, i - 1), h);
    ++level;
    i >>= 1;
    out.push_back({level, i, h});
  }
  return out;
}

std::string Base64(std::string_view bytes) {
  std::string out;
  AppendBase64(out, bytes);
  return out;
}

void AppendBase64(std::string& out, std::string_view bytes) {
  size_t at = out.size();
  size_t len = sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(at + len);
  sodium_bin2base64(out.data() + at, len, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(at + len - 1);  // the terminating NUL
}

bool FromBase64(std::string_view text, std::string* out) {
  std::string bin(text.size() / 4 * 3 + 3, '\0');
  size_t len = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(bin.data()), bin.size(), text.data(), text.size(),
                        nullptr, &len, &end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
      end != text.data() + text.size()) {
    return false;
  }
  bin.resize(len);
  *out = std::move(bin);
  return true;
}

}  // namespace samrad::tlog
