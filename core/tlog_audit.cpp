// Outside audit of the log.
#include "core/tlog_audit.h"

#include <nlohmann/json.hpp>

#include "core/tlog_tiles.h"

namespace samrad::tlog {

namespace {
std::optional<std::vector<Hash>> ProofFrom(const std::string& body) {
  auto j = nlohmann::json::parse(body, nullptr, false);
  if (!j.is_object() || !j.contains("hashes") || !j["hashes"].is_array()) return std::nullopt;
  std::vector<Hash> out;
  for (const auto& h : j["hashes"]) {
    Hash raw;
    if (!h.is_string() || !FromBase64(h.get<std::string>(), &raw) || raw.size() != 32) return std::nullopt;
    out.push_back(std::move(raw));
  }
  return out;
}

AuditResult Fail(std::string message, bool fork = false) { return {false, fork, std::move(message), ""}; }

std::string Describe(const Checkpoint& c) { return "size " + std::to_string(c.size) + " root " + Base64(c.root); }

// MTH of a full run of hashes (a power of two of them).
Hash FoldPerfect(std::vector<Hash> level) {
  while (level.size() > 1) {
    std::vector<Hash> up;
    for (size_t i = 0; i + 1 < level.size(); i += 2) up.push_back(NodeHash(level[i], level[i + 1]));
    level = std::move(up);
  }
  return level.empty() ? EmptyRoot() : level[0];
}
}  // namespace

std::string RecomputeFromTiles(const Fetch& fetch, int64_t size, const Hash& root) {
  // levels[k]: the hashes of level 8k of the tree, recomputed from the entries.
  std::vector<std::vector<Hash>> levels(1);
  for (int64_t n = 0; n * kTileWidth < size; ++n) {
    int width = static_cast<int>(std::min<int64_t>(kTileWidth, size - n * kTileWidth));
    TileRef bundle{-1, n, width};
    auto bytes = fetch("/tlog/" + bundle.Path());
    if (!bytes) return "cannot fetch " + bundle.Path();
    std::string_view b = *bytes;
    for (int i = 0; i < width; ++i) {
      if (b.size() < 2) return bundle.Path() + " ends early";
      size_t len = (static_cast<uint8_t>(b[0]) << 8) | static_cast<uint8_t>(b[1]);
      if (b.size() < 2 + len) return bundle.Path() + " ends early";
      levels[0].push_back(LeafHash(b.substr(2, len)));
      b.remove_prefix(2 + len);
    }
    if (!b.empty()) return bundle.Path() + " holds more than its entries";
  }
  for (size_t k = 0; static_cast<int64_t>(levels[k].size()) >= kTileWidth; ++k) {
    levels.emplace_back();
    for (size_t i = 0; i + kTileWidth <= levels[k].size(); i += kTileWidth) {
      levels[k + 1].push_back(FoldPerfect({levels[k].begin() + i, levels[k].begin() + i + kTileWidth}));
    }
  }
  for (size_t k = 0; k < levels.size(); ++k) {
    for (size_t n = 0; n * kTileWidth < levels[k].size(); ++n) {
      int width = static_cast<int>(std::min<size_t>(kTileWidth, levels[k].size() - n * kTileWidth));
      TileRef t{static_cast<int>(k), static_cast<int64_t>(n), width};
      auto bytes = fetch("/tlog/" + t.Path());
      if (!bytes) return "cannot fetch " + t.Path();
      std::string want;
      for (int i = 0; i < width; ++i) want += levels[k][n * kTileWidth + i];
      if (*bytes != want) return t.Path() + " does not hold the hashes of the entries";
    }
  }
  // The root from the leaves: the perfect subtrees given by size's binary digits.
  NodeReader read = [&](int level, int64_t index) {
    std::vector<Hash> run(levels[0].begin() + (index << level), levels[0].begin() + ((index + 1) << level));
    return FoldPerfect(std::move(run));
  };
  if (RootHash(read, size) != root) return "the entries do not give the checkpoint's root";
  return "";
}

AuditResult Audit(const Fetch& fetch, const AuditOptions& o) {
  auto msg = fetch("/tlog/checkpoint");
  if (!msg) return Fail("cannot fetch /tlog/checkpoint");
  auto note = ParseNote(*msg);
  if (!note) return Fail("/tlog/checkpoint is not a signed note");
  if (CheckSignature(*note, o.log_key) != SigCheck::kValid) {
    return Fail("the checkpoint carries no valid signature by " + o.log_key.name);
  }
  for (const auto& w : o.witnesses) {
    if (CheckSignature(*note, w) != SigCheck::kValid) {
      return Fail("the checkpoint carries no valid cosignature by the witness " + w.name);
    }
  }
  auto cp = Checkpoint::Parse(note->text);
  if (!cp) return Fail("the signed text is not a checkpoint");
  if (cp->origin != o.log_key.name) return Fail("the checkpoint's origin is not " + o.log_key.name);
  std::string said = "checkpoint " + Describe(*cp) + " signed by " + o.log_key.name;
  if (!o.witnesses.empty()) said += " and " + std::to_string(o.witnesses.size()) + " witness(es)";
  if (!o.kept.empty()) {
    auto kept = Checkpoint::Parse(o.kept);
    if (!kept) return Fail("the kept checkpoint is not a checkpoint");
    std::string both = " (kept " + Describe(*kept) + ", now " + Describe(*cp) + ")";
    if (kept->size > cp->size) return Fail("FORK: the log is smaller than the checkpoint kept" + both, true);
    if (kept->size == cp->size && kept->root != cp->root) {
      return Fail("FORK: two different trees of the same size" + both, true);
    }
    if (kept->size < cp->size && kept->size > 0) {
      auto body = fetch("/api/v1/log/consistency?from=" + std::to_string(kept->size) + "&to=" + std::to_string(cp->size));
      if (!body) return Fail("cannot fetch a consistency proof" + both);
      auto proof = ProofFrom(*body);
      if (!proof || !VerifyConsistency(kept->size, cp->size, *proof, kept->root, cp->root)) {
        return Fail("FORK: no consistency proof joins the kept checkpoint to the new one" + both, true);
      }
    }
    said += "; consistent with the kept checkpoint of size " + std::to_string(kept->size);
  }
  if (o.full) {
    if (std::string why = RecomputeFromTiles(fetch, cp->size, cp->root); !why.empty()) return Fail(why);
    said += "; every tile and entry re-fetched and the root recomputed";
  }
  return {true, false, said, cp->Text()};
}

}  // namespace samrad::tlog
