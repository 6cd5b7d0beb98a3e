// Signed unsubscribe tokens (see mail_token.h).
#include "core/mail_token.h"

#include "core/crypto.h"

namespace samrad {
namespace {

std::string Key(db::Connection& c) {
  auto& q = c.Prepare("SELECT value FROM secrets WHERE name = 'mail'");
  return q.Step() ? q.Text(0) : std::string();
}

std::string Mac(const std::string& key, const std::string& scope) {
  return crypto::HmacSha256Hex(key, "samrad unsubscribe v1\n" + scope).substr(0, 32);
}

}  // namespace

std::string MailToken::Make(db::Connection& c, const std::string& scope) {
  return crypto::Base64UrlEncode(scope) + "." + Mac(Key(c), scope);
}

std::optional<std::string> MailToken::Verify(db::Connection& c, const std::string& token) {
  if (token.size() > 512) return std::nullopt;
  size_t dot = token.find('.');
  if (dot == std::string::npos) return std::nullopt;
  auto scope = crypto::Base64UrlDecode(token.substr(0, dot));
  std::string key = Key(c);
  if (!scope || key.empty()) return std::nullopt;
  if (!crypto::ConstantTimeEquals(Mac(key, *scope), token.substr(dot + 1))) return std::nullopt;
  return scope;
}

}  // namespace samrad
