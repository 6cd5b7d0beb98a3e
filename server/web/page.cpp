// WebContext, the layout and the headers of every page.
#include "server/web/page.h"

#include "core/crypto.h"
#include "core/resources.h"
#include "core/url_codec.h"
#include "server/http/router.h"
#include "server/web/session.h"
#include "server/web/templates.h"

namespace samrad::server {

using nlohmann::json;

namespace {
constexpr long kYear = 365L * 24 * 3600;

bool Supported(const std::string& lang) { return lang == "sv" || lang == "en"; }

// The supported language the browser prefers most (q-values honoured).
std::string FromAcceptLanguage(const std::string& header) {
  std::string best;
  double best_q = 0;
  size_t pos = 0;
  while (pos < header.size()) {
    size_t comma = header.find(',', pos);
    if (comma == std::string::npos) comma = header.size();
    std::string item = header.substr(pos, comma - pos);
    pos = comma + 1;
    double q = 1;
    if (size_t semi = item.find(';'); semi != std::string::npos) {
      size_t qpos = item.find("q=", semi);
      if (qpos != std::string::npos) q = std::atof(item.c_str() + qpos + 2);
      item.resize(semi);
    }
    size_t start = item.find_first_not_of(' ');
    if (start == std::string::npos) continue;
    std::string tag = item.substr(start, 2);
    for (auto& c : tag) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (Supported(tag) && q > best_q) {
      best = tag;
      best_q = q;
    }
  }
  return best;
}

// The current URL with lang set to the other language. Only a canonical
// path is echoed: any other (//host/x, /\\host) would make the link
// protocol-relative or off-site, so it becomes the home page.
std::string SwitchLanguageUrl(const ApiRequest& req, const std::string& other) {
  bool canonical = IsCanonicalPath(req.raw_path.empty() ? req.path : req.raw_path, req.path);
  std::vector<std::pair<std::string, std::string>> pairs;
  for (const auto& [k, v] : req.query) {
    if (k != "lang") pairs.emplace_back(k, v);
  }
  pairs.emplace_back("lang", other);
  return (canonical ? req.path : std::string("/")) + "?" + QueryString(pairs);
}

json NavItem(const WebContext& ctx, const std::string& href, const std::string& key) {
  const std::string& path = ctx.req.path;
  bool current = href == "/" ? path == "/" : (path == href || path.starts_with(href + "/"));
  return {{"href", href}, {"label", ctx.Text(key)}, {"current", current}};
}
}  // namespace

std::string WebContext::Text(const std::string& key) const {
  auto it = t.find(key);
  return it != t.end() && it->is_string() ? it->get<std::string>() : key;
}

std::string WebContext::FormToken() {
  if (!form_token_.empty()) return form_token_;
  if (req.actor) return form_token_ = CsrfTokenFor(req.token);
  auto cookies = RequestCookies(req);
  std::string secret = cookies.count(kPreSessionCookie) ? cookies[kPreSessionCookie] : "";
  if (secret.size() < 20) {
    secret = crypto::RandomToken(24);
    set_cookies.push_back(CookieHeader(kPreSessionCookie, secret, -1, secure));
  }
  return form_token_ = CsrfTokenFor(secret);
}

bool WebContext::FormTokenOk(const std::string& posted) const {
  std::string secret = req.token;
  if (!req.actor) {
    auto cookies = RequestCookies(req);
    secret = cookies.count(kPreSessionCookie) ? cookies[kPreSessionCookie] : "";
  }
  return !secret.empty() && !posted.empty() && crypto::ConstantTimeEquals(posted, CsrfTokenFor(secret));
}

WebContext MakeWebContext(const ApiRequest& req, App& app) {
  std::string lang;
  std::vector<std::string> cookies_to_set;
  bool secure = SecureRequest(req, app);
  if (auto q = req.Query("lang"); q && Supported(*q)) {
    lang = *q;
    cookies_to_set.push_back(CookieHeader(kLanguageCookie, lang, kYear, secure));
  } else if (auto c = RequestCookies(req); c.count(kLanguageCookie) && Supported(c[kLanguageCookie])) {
    lang = c[kLanguageCookie];
  } else {
    lang = FromAcceptLanguage(req.Header("accept-language"));
  }
  if (lang.empty()) lang = "sv";
  WebContext ctx{req, app, lang, MessageCatalogue(lang), secure, std::move(cookies_to_set), "", nullptr};
  return ctx;
}

void AddSecurityHeaders(ApiResponse& resp) {
  resp.Header("Content-Security-Policy",
              "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
              "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
  resp.Header("X-Content-Type-Options", "nosniff");
  resp.Header("X-Frame-Options", "DENY");
  resp.Header("Referrer-Policy", "strict-origin-when-cross-origin");
  resp.Header("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()");
  resp.Header("Cross-Origin-Opener-Policy", "same-origin");
}

std::string StylesheetUrl() {
  static const std::string url =
      "/static/site.css?v=" + crypto::Sha256Hex(std::string(resources::Get("server/web/site.css"))).substr(0, 12);
  return url;
}

namespace {
// A sign-in or registration confirmation travels to the page that was asked
// for in a short cookie (the address stays exactly as asked). A page that
// shows no banner of its own gets it at the top of its main content, once.
json SignInBanner(WebContext& ctx, const std::string& content) {
  auto cookies = RequestCookies(ctx.req);
  auto c = cookies.find(kDoneCookie);
  if (c == cookies.end() || (c->second != "login" && c->second != "registered")) return nullptr;
  if (content.find("id=\"banner\"") != std::string::npos) return nullptr;
  ctx.set_cookies.push_back(DoneCookieHeader("", ctx.req.path, ctx.secure));
  return {{"message", ctx.Text("resident_done_" + c->second)}};
}
}  // namespace

ApiResponse RenderPage(WebContext& ctx, const std::string& page, const std::string& title,
                       json model, int status) {
  const Actor& actor = ctx.req.actor;
  json user = nullptr;
  if (actor) {
    user = {{"display_name", actor->display_name},
            {"desk", actor->IsOfficial() || actor->IsModerator()}};
    // The unread notifications, shown as a count by the link to them.
    if (ctx.personal_user.is_object()) {
      user.update(ctx.personal_user);
    } else if (int64_t unread = ctx.app.notifications->UnreadCount(actor); unread > 0) {
      user["unread"] = std::to_string(unread);
    }
  }
  model["t"] = ctx.t;
  model["lang"] = ctx.lang;
  model["user"] = user;
  if (actor) model["csrf"] = ctx.FormToken();
  std::string content = RenderTemplate("page_" + page, model);
  json head_feeds = model.value("head_feeds", json(nullptr));
  std::string other = ctx.lang == "sv" ? "en" : "sv";
  json nav = json::array({NavItem(ctx, "/", "nav_home"), NavItem(ctx, "/consultations", "nav_consultations"),
                          NavItem(ctx, "/decisions", "nav_decisions"), NavItem(ctx, "/search", "nav_search"),
                          NavItem(ctx, "/data", "nav_data")});
  if (actor && (actor->IsOfficial() || actor->IsModerator())) nav.push_back(NavItem(ctx, "/desk", "nav_desk"));
  json layout = {{"t", ctx.t},
                 {"lang", ctx.lang},
                 {"title", title},
                 {"content", content},
                 {"stylesheet", StylesheetUrl()},
                 {"nav", nav},
                 {"user", user},
                 {"csrf", actor ? json(ctx.FormToken()) : json(nullptr)},
                 {"me_current", ctx.req.path == "/me"},
                 {"notify_current", ctx.req.path == "/me/notifications"},
                 {"other_lang", other},
                 {"other_lang_name", ctx.Text("language_name_" + other)},
                 {"switch_url", SwitchLanguageUrl(ctx.req, other)},
                 {"head_feeds", head_feeds},
                 {"banner", SignInBanner(ctx, content)}};
  ApiResponse resp;
  resp.status = status;
  resp.content_type = "text/html; charset=utf-8";
  resp.body = RenderTemplate("layout", layout);
  resp.Header("Cache-Control", "no-store");
  resp.Header("Vary", "Cookie, Accept-Language");
  resp.Header("Content-Language", ctx.lang);
  AddSecurityHeaders(resp);
  for (const auto& c : ctx.set_cookies) resp.Header("Set-Cookie", c);
  return resp;
}

ApiResponse Redirect(WebContext& ctx, const std::string& location) {
  ApiResponse resp;
  resp.status = 303;
  resp.content_type = "text/plain; charset=utf-8";
  resp.Header("Location", location);
  resp.Header("Cache-Control", "no-store");
  AddSecurityHeaders(resp);
  for (const auto& c : ctx.set_cookies) resp.Header("Set-Cookie", c);
  return resp;
}

ApiResponse ErrorPage(WebContext& ctx, int status, const std::string& title_key,
                      const std::string& message_key) {
  return RenderPage(ctx, "error", ctx.Text(title_key), {{"heading", ctx.Text(title_key)},
                                                        {"message", ctx.Text(message_key)}},
                    status);
}

}  // namespace samrad::server
