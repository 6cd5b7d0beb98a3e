// libsodium wrappers.
#include "core/crypto.h"

#include <sodium.h>

#include <algorithm>
#include <vector>

namespace samrad::crypto {

bool InitCrypto() { return sodium_init() >= 0; }

std::string Sha256Hex(const std::string& bytes) {
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(out, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, out, sizeof out);
  return hex;
}

std::string RandomToken(size_t n) {
  std::string raw(n, '\0');
  randombytes_buf(raw.data(), n);
  return Base64UrlEncode(raw);
}

std::string HashPassword(const std::string& password) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(),
                            crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return {};
  }
  return out;
}

bool VerifyPassword(const std::string& encoded, const std::string& password) {
  if (encoded.empty()) return false;
  return crypto_pwhash_str_verify(encoded.c_str(), password.data(), password.size()) == 0;
}

const std::string& DummyPasswordHash() {
  static const std::string hash = HashPassword(RandomToken());
  return hash;
}

std::string Base64UrlEncode(const std::string& bytes) {
  const int variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), variant), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), variant);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

std::optional<std::string> Base64UrlDecode(const std::string& text) {
  std::vector<unsigned char> buf(text.size() + 1);
  size_t len = 0;
  if (sodium_base642bin(buf.data(), buf.size(), text.data(), text.size(), nullptr, &len, nullptr,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0) {
    return std::nullopt;
  }
  return std::string(reinterpret_cast<char*>(buf.data()), len);
}

std::string HmacSha256Hex(const std::string& key, const std::string& message) {
  // HMAC with keys of any length: hash a long key first (RFC 2104), as
  // libsodium's one-shot API takes a fixed-size key.
  unsigned char k[crypto_auth_hmacsha256_KEYBYTES] = {0};
  if (key.size() > sizeof k) {
    crypto_hash_sha256(k, reinterpret_cast<const unsigned char*>(key.data()), key.size());
  } else {
    std::copy(key.begin(), key.end(), k);
  }
  unsigned char out[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256(out, reinterpret_cast<const unsigned char*>(message.data()), message.size(), k);
  char hex[sizeof out * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, out, sizeof out);
  return hex;
}

bool ConstantTimeEquals(const std::string& a, const std::string& b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace samrad::crypto
