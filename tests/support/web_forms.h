// Shared by the web page end-to-end tests: form bodies, CSRF tokens and
// cookies read from pages, and a signed-in browser that posts forms.
#pragma once

#include <boost/test/unit_test.hpp>
#include <cstdio>
#include <map>
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include "tests/support/test_server.h"

namespace samrad::testing {

inline const std::map<std::string, std::string> kForm = {
    {"Content-Type", "application/x-www-form-urlencoded"}};

// The value of the first hidden csrf field on a page.
inline std::string CsrfOf(const std::string& html) {
  std::smatch m;
  BOOST_REQUIRE(std::regex_search(html, m, std::regex("name=\"csrf\" value=\"([0-9a-f]+)\"")));
  return m[1];
}

// name=value of a Set-Cookie header for the cookie name, "" when not set.
inline std::string SetCookie(const HttpResult& r, const std::string& name) {
  for (auto [a, b] = r.headers.equal_range("set-cookie"); a != b; ++a) {
    if (a->second.starts_with(name + "=")) return a->second;
  }
  return "";
}

inline std::string CookieValue(const std::string& set_cookie) {
  size_t eq = set_cookie.find('='), semi = set_cookie.find(';');
  return set_cookie.substr(eq + 1, semi - eq - 1);
}

inline std::string Encode(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c)) {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

inline std::string FormBody(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string body;
  for (const auto& [k, v] : fields) body += (body.empty() ? "" : "&") + k + "=" + Encode(v);
  return body;
}

// A signed-in browser: the session cookie and the CSRF token of its pages.
struct Browser {
  std::string cookie;
  std::string csrf;

  HttpResult Get(TestServer& s, const std::string& path) const {
    return s.Get(path, "", {{"Cookie", cookie}});
  }
  // Posts the form fields with this browser's CSRF token.
  HttpResult Post(TestServer& s, const std::string& path,
                  std::vector<std::pair<std::string, std::string>> fields) const {
    fields.emplace_back("csrf", csrf);
    std::map<std::string, std::string> h = kForm;
    h["Cookie"] = cookie;
    return s.Request("POST", path, FormBody(fields), "", h);
  }
};

inline Browser SignedIn(TestServer& s, const std::string& token) {
  Browser b{"samrad_session=" + token, ""};
  auto page = s.Get("/me", "", {{"Cookie", b.cookie}});
  BOOST_REQUIRE_EQUAL(page.status, 200);
  b.csrf = CsrfOf(page.body);
  return b;
}

// The comment id at the end of a redirect to ...#comment-ID.
inline int64_t CommentIdOf(const HttpResult& r) {
  BOOST_REQUIRE_EQUAL(r.status, 303);
  std::string loc = r.header("location");
  size_t at = loc.find("#comment-");
  BOOST_REQUIRE(at != std::string::npos);
  return std::stoll(loc.substr(at + 9));
}

// The markup of one comment on a page, up to the end of its own article.
inline std::string CommentHtml(const std::string& page, int64_t id) {
  size_t at = page.find("id=\"comment-" + std::to_string(id) + "\"");
  BOOST_REQUIRE(at != std::string::npos);
  return page.substr(at, page.find("</article>", at) - at);
}

}  // namespace samrad::testing
