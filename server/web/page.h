// What every web page handler shares: the request's language, message
// catalogue, signed-in user and form token (WebContext), and rendering of a
// page template inside the layout with the security headers.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "server/http/message.h"
#include "server/app.h"

namespace samrad::server {

struct WebContext {
  const ApiRequest& req;
  App& app;
  std::string lang;            // "sv" or "en"
  const nlohmann::json& t;     // the message catalogue of lang
  bool secure = false;         // cookies get Secure
  std::vector<std::string> set_cookies;

  // The text of a message key (the key itself when it is missing, so a
  // gap shows up in tests rather than as an empty string).
  std::string Text(const std::string& key) const;
  // The CSRF token for forms on this page. Before signing in it sets a
  // pre-session cookie when the browser has none.
  std::string FormToken();
  // True when the posted token matches this request's session or
  // pre-session cookie.
  bool FormTokenOk(const std::string& posted) const;

  std::string form_token_;  // filled by FormToken()
  // Set while a page is made once for every signed-in reader (see
  // personal_page.h): the header's unread count and its region marks.
  nlohmann::json personal_user;
};

// Picks the language (?lang=, then the language cookie, then
// Accept-Language, else Swedish) and remembers an explicit ?lang= choice.
WebContext MakeWebContext(const ApiRequest& req, App& app);

// Renders server/web/templates/<page>.mustache with the model, inside layout.mustache.
// title is the page's own title (already translated). Sets the security
// headers, no-store caching and any cookies. Thread-safe.
ApiResponse RenderPage(WebContext& ctx, const std::string& page, const std::string& title,
                       nlohmann::json model, int status = 200);
// 303 See Other to a local path.
ApiResponse Redirect(WebContext& ctx, const std::string& location);
// A page with a heading and a message from the catalogue.
ApiResponse ErrorPage(WebContext& ctx, int status, const std::string& title_key,
                      const std::string& message_key);
// The headers every HTML and static response carries (CSP and friends).
void AddSecurityHeaders(ApiResponse& resp);
// The stylesheet's URL with its content hash, for a year-long cache.
std::string StylesheetUrl();

}  // namespace samrad::server
