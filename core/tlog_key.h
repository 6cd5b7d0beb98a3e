// The log's Ed25519 signing key, kept in the data folder in the Go
// sumdb/note private key form ("PRIVATE+KEY+<name>+<hex id>+<base64>"),
// file mode 0600. Its name is the log's origin.
#pragma once

#include <string>

#include "core/status.h"
#include "core/tlog_note.h"

namespace samrad::tlog {

class SigningKey {
 public:
  // Reads the key file, or creates it (0600) named `origin` when missing.
  // Errors: kUnavailable when it cannot be read or written, kInternal when
  // it is malformed.
  static Result<SigningKey> LoadOrCreate(const std::string& path, const std::string& origin);
  // Reads an existing key file. Errors: kNotFound when missing, as above.
  static Result<SigningKey> Load(const std::string& path);

  const std::string& name() const { return verifier_.name; }
  const Verifier& verifier() const { return verifier_; }
  // "<name>+<hex id>+<base64(0x01 || public key)>".
  std::string VerifierKey() const { return FormatVerifierKey(verifier_); }
  // The signed note: text (ending in a newline), a blank line, our line.
  std::string SignNote(const std::string& text) const;

 private:
  Verifier verifier_;
  std::string secret_;  // libsodium's 64-byte secret key
};

// The default origin for a base URL: host and path without the scheme, then
// "/tlog" ("https://samrad.example.se" gives "samrad.example.se/tlog").
std::string OriginFromBaseUrl(const std::string& base_url);

}  // namespace samrad::tlog
