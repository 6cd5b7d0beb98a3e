// Signed notes after c2sp.org/signed-note and c2sp.org/tlog-cosignature.
#include "core/tlog_note.h"

#include <sodium.h>

#include <cstdio>

#include "core/tlog_tree.h"

namespace samrad::tlog {

namespace {
constexpr std::string_view kDash = "\xE2\x80\x94 ";  // U+2014 and a space

uint32_t BigEndian32(std::string_view b) {
  return (uint32_t{static_cast<uint8_t>(b[0])} << 24) | (uint32_t{static_cast<uint8_t>(b[1])} << 16) |
         (uint32_t{static_cast<uint8_t>(b[2])} << 8) | uint32_t{static_cast<uint8_t>(b[3])};
}

std::string Id4(uint32_t id) {
  return {static_cast<char>(id >> 24), static_cast<char>(id >> 16), static_cast<char>(id >> 8),
          static_cast<char>(id)};
}

bool ValidName(std::string_view name) {
  if (name.empty()) return false;
  for (unsigned char c : name) {
    if (c <= 0x20 || c == '+' || c == 0x7f) return false;
  }
  return true;
}

bool Ed25519Verify(std::string_view sig, std::string_view msg, std::string_view key) {
  return sig.size() == crypto_sign_BYTES && key.size() == crypto_sign_PUBLICKEYBYTES &&
         crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(sig.data()),
                                     reinterpret_cast<const unsigned char*>(msg.data()), msg.size(),
                                     reinterpret_cast<const unsigned char*>(key.data())) == 0;
}
}  // namespace

uint32_t KeyId(std::string_view name, uint8_t type, std::string_view key) {
  std::string buf(name);
  buf.push_back('\n');
  buf.push_back(static_cast<char>(type));
  buf += key;
  return BigEndian32(Sha256(buf));
}

std::optional<Verifier> ParseVerifierKey(std::string_view vkey) {
  size_t a = vkey.find('+');
  if (a == std::string_view::npos) return std::nullopt;
  size_t b = vkey.find('+', a + 1);
  if (b == std::string_view::npos || b - a - 1 != 8) return std::nullopt;
  Verifier v;
  v.name = std::string(vkey.substr(0, a));
  std::string raw;
  if (!ValidName(v.name) || !FromBase64(vkey.substr(b + 1), &raw) || raw.size() != 33) return std::nullopt;
  v.type = static_cast<uint8_t>(raw[0]);
  if (v.type != kKeyEd25519 && v.type != kKeyCosignature) return std::nullopt;
  v.key = raw.substr(1);
  v.id = KeyId(v.name, v.type, v.key);
  char hex[9];
  std::snprintf(hex, sizeof hex, "%08x", v.id);
  if (vkey.substr(a + 1, 8) != hex) return std::nullopt;
  return v;
}

std::string FormatVerifierKey(const Verifier& v) {
  char hex[9];
  std::snprintf(hex, sizeof hex, "%08x", v.id);
  return v.name + "+" + hex + "+" + Base64(std::string(1, static_cast<char>(v.type)) + v.key);
}

std::optional<Note> ParseNote(std::string_view msg) {
  for (unsigned char c : msg) {
    if ((c < 0x20 && c != '\n') || c == 0x7f) return std::nullopt;
  }
  size_t split = msg.rfind("\n\n");
  if (split == std::string_view::npos || !msg.ends_with('\n')) return std::nullopt;
  Note n;
  n.text = std::string(msg.substr(0, split + 1));
  std::string_view rest = msg.substr(split + 2);
  while (!rest.empty()) {
    size_t eol = rest.find('\n');
    std::string_view line = rest.substr(0, eol);
    rest.remove_prefix(eol + 1);
    if (!line.starts_with(kDash)) return std::nullopt;
    std::string_view body = line.substr(kDash.size());
    size_t sp = body.find(' ');
    if (sp == std::string_view::npos) return std::nullopt;
    NoteSignature s;
    s.name = std::string(body.substr(0, sp));
    std::string raw;
    if (!ValidName(s.name) || !FromBase64(body.substr(sp + 1), &raw) || raw.size() < 5) return std::nullopt;
    s.id = BigEndian32(raw);
    s.sig = raw.substr(4);
    s.line = std::string(line) + "\n";
    n.sigs.push_back(std::move(s));
  }
  if (n.sigs.empty()) return std::nullopt;
  return n;
}

std::string SignatureLine(std::string_view name, uint32_t id, std::string_view sig) {
  return std::string(kDash) + std::string(name) + " " + Base64(Id4(id) + std::string(sig)) + "\n";
}

std::string CosignedMessage(int64_t time, std::string_view text) {
  return "cosignature/v1\ntime " + std::to_string(time) + "\n" + std::string(text);
}

SigCheck CheckSignature(const Note& n, const Verifier& v, int64_t* time) {
  SigCheck result = SigCheck::kAbsent;
  for (const auto& s : n.sigs) {
    if (s.name != v.name || s.id != v.id) continue;
    bool ok = false;
    if (v.type == kKeyEd25519) {
      ok = Ed25519Verify(s.sig, n.text, v.key);
    } else if (v.type == kKeyCosignature && s.sig.size() == 8 + crypto_sign_BYTES) {
      int64_t t = 0;
      for (int i = 0; i < 8; ++i) t = (t << 8) | static_cast<uint8_t>(s.sig[i]);
      ok = Ed25519Verify(std::string_view(s.sig).substr(8), CosignedMessage(t, n.text), v.key);
      if (ok && time) *time = t;
    }
    if (!ok) return SigCheck::kInvalid;
    result = SigCheck::kValid;
  }
  return result;
}

}  // namespace samrad::tlog
