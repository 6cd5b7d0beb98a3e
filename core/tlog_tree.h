// RFC 6962 / RFC 9162 Merkle tree hashing: leaf and node hashes, roots,
// inclusion and consistency proofs over stored subtree hashes, and their
// verification. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace samrad::tlog {

// A SHA-256 hash: always 32 raw bytes.
using Hash = std::string;

Hash Sha256(std::string_view bytes);
// SHA-256(0x00 || entry).
Hash LeafHash(std::string_view entry);
// SHA-256(0x01 || left || right).
Hash NodeHash(const Hash& left, const Hash& right);
// The root of the empty tree: SHA-256 of nothing.
Hash EmptyRoot();

// Reads the hash of a complete subtree: level k, index i covers the leaves
// [i * 2^k, (i + 1) * 2^k). Throws when it is not stored.
using NodeReader = std::function<Hash(int level, int64_t index)>;

// Hashes of ranges [lo, hi) that are no single stored subtree (they all lie
// on the right edge of a tree: hi is its size). A caller may keep one per
// tree size and pass it to every proof of that size, so the edge is hashed
// once; without one, each call hashes it again.
using EdgeMemo = std::map<std::pair<int64_t, int64_t>, Hash>;

// MTH(D[lo:hi]) for a range the RFC's recursion can produce (lo aligned).
Hash SubtreeHash(const NodeReader& read, int64_t lo, int64_t hi, EdgeMemo* memo = nullptr);
// MTH(D[0:size]); EmptyRoot() for 0.
Hash RootHash(const NodeReader& read, int64_t size, EdgeMemo* memo = nullptr);
// PATH(index, D[0:size]), leaf side first. Requires index < size.
std::vector<Hash> InclusionProof(const NodeReader& read, int64_t index, int64_t size, EdgeMemo* memo = nullptr);
// PROOF(from, D[0:to]); empty when from is 0 or from == to. Requires from <= to.
std::vector<Hash> ConsistencyProof(const NodeReader& read, int64_t from, int64_t to, EdgeMemo* memo = nullptr);

// RFC 9162 2.1.3.2.
bool VerifyInclusion(const Hash& leaf, int64_t index, int64_t size, const std::vector<Hash>& proof,
                     const Hash& root);
// RFC 9162 2.1.4.2, with the edge cases: from == to needs an empty proof and
// equal roots; from == 0 needs an empty proof.
bool VerifyConsistency(int64_t from, int64_t to, const std::vector<Hash>& proof, const Hash& from_root,
                       const Hash& to_root);

// A complete subtree that appending a leaf completes.
struct Node {
  int level;
  int64_t index;
  Hash hash;
};
// The nodes to store when the leaf at `index` (hash `leaf`) is appended:
// the leaf itself (level 0) and every subtree it completes. `read` is
// asked only for left siblings, which are stored already.
std::vector<Node> AppendNodes(const NodeReader& read, int64_t index, const Hash& leaf);

// Standard base64 with padding, and back (false when not valid).
std::string Base64(std::string_view bytes);
// Appends the standard base64 of bytes to out.
void AppendBase64(std::string& out, std::string_view bytes);
bool FromBase64(std::string_view text, std::string* out);

}  // namespace samrad::tlog
