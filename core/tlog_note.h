// C2SP signed notes: verifier keys, key IDs, parsing a note into its text
// and signature lines, and checking Ed25519 signatures (type 0x01) and
// Ed25519 witness cosignatures (C2SP tlog-cosignature, type 0x04). Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace samrad::tlog {

constexpr uint8_t kKeyEd25519 = 0x01;
constexpr uint8_t kKeyCosignature = 0x04;

// First 4 bytes (big-endian) of SHA-256(name || 0x0A || type || key).
uint32_t KeyId(std::string_view name, uint8_t type, std::string_view key);

struct Verifier {
  std::string name;
  uint32_t id = 0;
  uint8_t type = 0;
  std::string key;  // 32 bytes of Ed25519 public key
};
// "<name>+<8 hex id>+<base64(type || key)>"; nullopt when malformed, of an
// unknown type, or when the id does not match.
std::optional<Verifier> ParseVerifierKey(std::string_view vkey);
std::string FormatVerifierKey(const Verifier& v);

struct NoteSignature {
  std::string name;
  uint32_t id = 0;
  std::string sig;   // the bytes after the key id
  std::string line;  // "— name base64\n"
};
struct Note {
  std::string text;  // up to and including the newline before the last blank line
  std::vector<NoteSignature> sigs;
};
// nullopt when it is not a signed note (no blank line, no signature, a bad
// signature line, a control character).
std::optional<Note> ParseNote(std::string_view msg);
// "— <name> <base64(id || sig)>\n".
std::string SignatureLine(std::string_view name, uint32_t id, std::string_view sig);

// The message a cosignature/v1 signs: "cosignature/v1\ntime <t>\n" + text.
std::string CosignedMessage(int64_t time, std::string_view text);

enum class SigCheck { kAbsent, kValid, kInvalid };
// Whether the note carries a valid signature by v (for a cosignature key,
// also sets *time to its timestamp).
SigCheck CheckSignature(const Note& n, const Verifier& v, int64_t* time = nullptr);

}  // namespace samrad::tlog
