// The log's signing key file.
#include "core/tlog_key.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "core/tlog_tree.h"

namespace samrad::tlog {

namespace {
constexpr std::string_view kPrefix = "PRIVATE+KEY+";

Status Parse(const std::string& text, std::string* secret, Verifier* v) {
  std::string t = text;
  while (!t.empty() && (t.back() == '\n' || t.back() == '\r')) t.pop_back();
  if (!t.starts_with(kPrefix)) return Internal("the log key file is not a PRIVATE+KEY");
  std::string rest = t.substr(kPrefix.size());
  size_t a = rest.find('+');
  size_t b = a == std::string::npos ? a : rest.find('+', a + 1);
  std::string raw;
  if (b == std::string::npos || !FromBase64(rest.substr(b + 1), &raw) || raw.size() != 33 || raw[0] != kKeyEd25519) {
    return Internal("the log key file is malformed");
  }
  v->name = rest.substr(0, a);
  v->type = kKeyEd25519;
  v->key.assign(crypto_sign_PUBLICKEYBYTES, '\0');
  secret->assign(crypto_sign_SECRETKEYBYTES, '\0');
  crypto_sign_seed_keypair(reinterpret_cast<unsigned char*>(v->key.data()),
                           reinterpret_cast<unsigned char*>(secret->data()),
                           reinterpret_cast<const unsigned char*>(raw.data() + 1));
  v->id = KeyId(v->name, kKeyEd25519, v->key);
  return Status::Ok();
}
}  // namespace

Result<SigningKey> SigningKey::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound("no log key at " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  SigningKey k;
  if (Status s = Parse(ss.str(), &k.secret_, &k.verifier_); !s.ok()) return s;
  return k;
}

Result<SigningKey> SigningKey::LoadOrCreate(const std::string& path, const std::string& origin) {
  auto loaded = Load(path);
  if (loaded.ok() || loaded.status().code() != Code::kNotFound) return loaded;
  std::string seed(32, '\0');
  randombytes_buf(seed.data(), seed.size());
  std::string pub(crypto_sign_PUBLICKEYBYTES, '\0'), sec(crypto_sign_SECRETKEYBYTES, '\0');
  crypto_sign_seed_keypair(reinterpret_cast<unsigned char*>(pub.data()), reinterpret_cast<unsigned char*>(sec.data()),
                           reinterpret_cast<const unsigned char*>(seed.data()));
  char hex[9];
  std::snprintf(hex, sizeof hex, "%08x", KeyId(origin, kKeyEd25519, pub));
  std::string text = std::string(kPrefix) + origin + "+" + hex + "+" + Base64(std::string(1, '\x01') + seed) + "\n";
  sodium_memzero(seed.data(), seed.size());
  // O_EXCL: two processes starting at once keep one key.
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) return Load(path);
    return Status(Code::kUnavailable, "cannot create the log key " + path);
  }
  bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) return Status(Code::kUnavailable, "cannot write the log key " + path);
  return Load(path);
}

std::string SigningKey::SignNote(const std::string& text) const {
  std::string sig(crypto_sign_BYTES, '\0');
  crypto_sign_detached(reinterpret_cast<unsigned char*>(sig.data()), nullptr,
                       reinterpret_cast<const unsigned char*>(text.data()), text.size(),
                       reinterpret_cast<const unsigned char*>(secret_.data()));
  return text + "\n" + SignatureLine(verifier_.name, verifier_.id, sig);
}

std::string OriginFromBaseUrl(const std::string& base_url) {
  std::string s = base_url;
  if (size_t p = s.find("://"); p != std::string::npos) s = s.substr(p + 3);
  while (s.ends_with('/')) s.pop_back();
  return s + "/tlog";
}

}  // namespace samrad::tlog
