// The web session: the cookie that holds an AccountService session token,
// the pre-session cookie for sign-in forms, and CSRF tokens derived from
// either. Cookies authenticate API writes only with an X-CSRF-Token header.
#pragma once

#include <map>
#include <string>

#include "core/status.h"
#include "server/http/message.h"
#include "server/app.h"

namespace samrad::server {

inline constexpr char kSessionCookie[] = "samrad_session";
inline constexpr char kPreSessionCookie[] = "samrad_presession";
inline constexpr char kLanguageCookie[] = "samrad_lang";
inline constexpr char kCsrfHeader[] = "x-csrf-token";
// What the user just did (e.g. "login"), for the confirmation on the next
// page when its address must stay as asked: a one-minute cookie for that path.
inline constexpr char kDoneCookie[] = "samrad_done";

// The request's cookies by name (the first of repeated names).
std::map<std::string, std::string> RequestCookies(const ApiRequest& req);

// The CSRF token that forms carry for a secret (the session token, or the
// pre-session cookie before signing in): an HMAC, so the page never shows
// the secret itself.
std::string CsrfTokenFor(const std::string& secret);

// Signs the request in from the session cookie when there is no bearer
// token: sets req.actor and req.token. An unknown or expired cookie is
// ignored (the request stays anonymous). Returns kPermissionDenied for a
// cookie-signed write without a matching X-CSRF-Token header when
// csrf_header is true: the caller decides from the route it matched (every
// route but the web pages, whose forms carry their own token), never from
// the spelling of the path.
Status AuthenticateByCookie(ApiRequest& req, App& app, bool csrf_header);

// True when cookies must be Secure: the proxy said the request came over
// TLS (X-Forwarded-Proto: https) or the server was told so.
bool SecureRequest(const ApiRequest& req, const App& app);

// A Set-Cookie value: HttpOnly, SameSite=Lax, Path=/, Secure when asked.
// max_age < 0 makes a browser-session cookie; 0 deletes it.
std::string CookieHeader(const std::string& name, const std::string& value, long max_age,
                         bool secure);
// The kDoneCookie for the page at path (query and fragment ignored); an
// empty what deletes it. path is a safe local path.
std::string DoneCookieHeader(const std::string& what, const std::string& path, bool secure);

}  // namespace samrad::server
