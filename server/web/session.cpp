// Session cookies and CSRF tokens.
#include "server/web/session.h"

#include "core/crypto.h"

namespace samrad::server {

std::map<std::string, std::string> RequestCookies(const ApiRequest& req) {
  std::map<std::string, std::string> out;
  std::string header = req.Header("cookie");
  size_t pos = 0;
  while (pos < header.size()) {
    size_t semi = header.find(';', pos);
    if (semi == std::string::npos) semi = header.size();
    std::string item = header.substr(pos, semi - pos);
    size_t start = item.find_first_not_of(' ');
    size_t eq = item.find('=');
    if (start != std::string::npos && eq != std::string::npos && eq > start) {
      out.emplace(item.substr(start, eq - start), item.substr(eq + 1));
    }
    pos = semi + 1;
  }
  return out;
}

std::string CsrfTokenFor(const std::string& secret) {
  return crypto::HmacSha256Hex(secret, "samrad form token v1");
}

Status AuthenticateByCookie(ApiRequest& req, App& app, bool csrf_header) {
  auto cookies = RequestCookies(req);
  auto it = cookies.find(kSessionCookie);
  if (it == cookies.end() || it->second.empty()) return Status::Ok();
  Actor actor = app.accounts->Authenticate(it->second);
  if (!actor) return Status::Ok();
  bool safe = req.method == "GET" || req.method == "HEAD" || req.method == "OPTIONS";
  if (csrf_header && !safe &&
      !crypto::ConstantTimeEquals(req.Header(kCsrfHeader), CsrfTokenFor(it->second))) {
    return Forbidden("a write signed in by the session cookie needs the X-CSRF-Token header");
  }
  req.actor = std::move(actor);
  req.token = it->second;
  return Status::Ok();
}

bool SecureRequest(const ApiRequest& req, const App& app) {
  return app.secure_cookies || req.Header("x-forwarded-proto") == "https";
}

std::string CookieHeader(const std::string& name, const std::string& value, long max_age,
                         bool secure) {
  std::string c = name + "=" + value + "; Path=/; HttpOnly; SameSite=Lax";
  if (max_age >= 0) c += "; Max-Age=" + std::to_string(max_age);
  if (secure) c += "; Secure";
  return c;
}

std::string DoneCookieHeader(const std::string& what, const std::string& path, bool secure) {
  std::string p = path.substr(0, path.find_first_of("?#"));
  // A cookie's Path ends at ';' and may not hold ',' safely: then the whole site.
  if (p.empty() || p.find_first_of(";,\"\\") != std::string::npos) p = "/";
  std::string c = std::string(kDoneCookie) + "=" + what + "; Path=" + p + "; HttpOnly; SameSite=Lax; Max-Age=" +
                  (what.empty() ? "0" : "60");
  if (secure) c += "; Secure";
  return c;
}

}  // namespace samrad::server
