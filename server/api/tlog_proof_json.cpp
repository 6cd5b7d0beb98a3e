// Proof bodies as JSON text.
#include "server/api/tlog_proof_json.h"

namespace samrad::server {

namespace {
void Key(std::string& out, std::string_view key) {
  out.append(1, out.empty() ? '{' : ',').append(1, '"').append(key).append("\":");
}

void Number(std::string& out, std::string_view key, int64_t n) {
  Key(out, key);
  out.append(std::to_string(n));
}

void HashField(std::string& out, std::string_view key, const tlog::Hash& h) {
  Key(out, key);
  out.append(1, '"');
  tlog::AppendBase64(out, h);
  out.append(1, '"');
}

void HashList(std::string& out, const std::vector<tlog::Hash>& hashes) {
  Key(out, "hashes");
  out.append(1, '[');
  for (size_t i = 0; i < hashes.size(); ++i) {
    out.append(i ? ",\"" : "\"");
    tlog::AppendBase64(out, hashes[i]);
    out.append(1, '"');
  }
  out.append(1, ']');
}

// Room for the hashes (44 base64 characters, quotes and a comma each) and
// the rest, so the body is allocated once.
size_t Room(const std::vector<tlog::Hash>& hashes, size_t extra) { return hashes.size() * 47 + extra + 256; }
}  // namespace

void AppendJsonString(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.append(1, '"');
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out.append(1, '\\').append(1, ch);
    } else if (c == '\n') {
      out.append("\\n");
    } else if (c < 0x20) {
      out.append("\\u00").append(1, kHex[c >> 4]).append(1, kHex[c & 15]);
    } else {
      out.append(1, ch);
    }
  }
  out.append(1, '"');
}

std::string InclusionJson(const InclusionAnswer& a) {
  std::string out;
  out.reserve(Room(a.hashes, a.checkpoint ? a.checkpoint->size() + 16 : 0));
  Key(out, "checkpoint");
  if (a.checkpoint) {
    AppendJsonString(out, *a.checkpoint);
  } else {
    out.append("null");
  }
  HashList(out, a.hashes);
  Number(out, "index", a.index);
  HashField(out, "leaf_hash", a.leaf_hash);
  HashField(out, "root_hash", a.root_hash);
  Number(out, "seq", a.seq);
  Number(out, "tree_size", a.tree_size);
  return out.append(1, '}');
}

std::string ConsistencyJson(const ConsistencyAnswer& a) {
  std::string out;
  out.reserve(Room(a.hashes, 0));
  Number(out, "from", a.from);
  HashField(out, "from_root", a.from_root);
  HashList(out, a.hashes);
  Number(out, "to", a.to);
  HashField(out, "to_root", a.to_root);
  return out.append(1, '}');
}

}  // namespace samrad::server
