// Cryptographic helpers over libsodium: hashes, tokens, passwords.
// All functions are thread-safe once InitCrypto() has run.
#pragma once

#include <optional>
#include <string>

namespace samrad::crypto {

// Initialises libsodium; false when it cannot (the process must not serve).
bool InitCrypto();
// Lower-case hex SHA-256 of the bytes.
std::string Sha256Hex(const std::string& bytes);
// n random bytes as URL-safe base64 without padding.
std::string RandomToken(size_t n = 32);
// argon2id hash in libsodium's encoded form; empty on out-of-memory.
std::string HashPassword(const std::string& password);
bool VerifyPassword(const std::string& encoded, const std::string& password);
// A hash of a random password made once per process with HashPassword's
// settings: verifying against it costs what a real check costs, so that an
// unknown account answers as slowly as a known one.
const std::string& DummyPasswordHash();
// URL-safe base64 without padding, and back (nullopt when not valid).
std::string Base64UrlEncode(const std::string& bytes);
std::optional<std::string> Base64UrlDecode(const std::string& text);
// Lower-case hex HMAC-SHA-256 of the message under the key.
std::string HmacSha256Hex(const std::string& key, const std::string& message);
// Compares two strings in time that depends on their length only.
bool ConstantTimeEquals(const std::string& a, const std::string& b);

}  // namespace samrad::crypto
