// /login, /register and /logout: the session cookie holds the same kind of
// token as the API's bearer sessions (/me is in web_pages_me.cpp).
#include "core/clock.h"
#include "server/web/form.h"
#include "server/web/format.h"
#include "server/web/pages.h"
#include "server/web/session.h"

namespace samrad::server {

using nlohmann::json;

namespace {
const std::vector<std::string> kLoginFields = {"email", "password"};
const std::vector<std::string> kRegisterFields = {"display_name", "email", "password"};

// Only a local path may be a target after signing in (no open redirect,
// no line breaks in the Location header).
std::string SafeNext(const std::string& next) {
  bool ok = IsSafeLocalPath(next);
  return ok ? next : "/me";
}

// Signs in and goes to next; the page there confirms `what` ("login",
// "registered") from a short-lived cookie, so next stays exactly as asked.
ApiResponse SignedIn(WebContext& ctx, const SessionToken& s, const std::string& next, const std::string& what) {
  // The cookie lasts as long as the session can be renewed; the server ends
  // it sooner when it lies unused (the idle timeout).
  auto expires = ParseTime(s.renewable_until);
  long max_age = expires ? static_cast<long>(*expires - ctx.app.clock->Now()) : -1;
  ctx.set_cookies.push_back(CookieHeader(kSessionCookie, s.token, max_age, ctx.secure));
  ctx.set_cookies.push_back(CookieHeader(kPreSessionCookie, "", 0, ctx.secure));
  std::string target = SafeNext(next);
  ctx.set_cookies.push_back(DoneCookieHeader(what, target, ctx.secure));
  return Redirect(ctx, target);
}

// A refusal to try again later: Retry-After for a rate limit or a busy
// password hasher.
ApiResponse WithRetryAfter(ApiResponse resp, const Status& s, int rate_limit_wait) {
  if (s.code() == Code::kTooManyRequests) resp.Header("Retry-After", std::to_string(rate_limit_wait));
  if (s.code() == Code::kUnavailable) resp.Header("Retry-After", std::to_string(kHashBusyRetryAfter));
  return resp;
}

int RefusalStatus(const Status& s) {
  switch (s.code()) {
    case Code::kTooManyRequests: return 429;
    case Code::kUnavailable: return 503;
    case Code::kInvalidArgument: return 422;
    default: return 500;
  }
}

ApiResponse LoginForm(WebContext& ctx, const std::string& email, const std::string& next,
                      const FormErrors& errors, int status, bool registered = false) {
  json model = {{"csrf", ctx.FormToken()},
                {"next", SafeNext(next)},
                {"registered", registered},
                {"error_summary", ErrorSummary(ctx, errors, kLoginFields, "form-top")},
                {"email", FieldView(ctx, "email", email, errors, {{"type", "email"}, {"autocomplete", "email"}, {"required", true}})},
                {"password", FieldView(ctx, "password", "", errors,
                                       {{"type", "password"}, {"autocomplete", "current-password"}, {"required", true}})}};
  return RenderPage(ctx, "login", ctx.Text("login_title"), model, status);
}

ApiResponse RegisterForm(WebContext& ctx, const WebForm& form, const FormErrors& errors, int status) {
  json model = {{"csrf", ctx.FormToken()},
                {"error_summary", ErrorSummary(ctx, errors, kRegisterFields, "form-top")},
                {"display_name", FieldView(ctx, "display_name", form.Get("display_name"), errors,
                                           {{"autocomplete", "name"}, {"required", true}})},
                {"email", FieldView(ctx, "email", form.Get("email"), errors,
                                    {{"type", "email"}, {"autocomplete", "email"}, {"required", true}})},
                {"password", FieldView(ctx, "password", "", errors,
                                       {{"type", "password"}, {"autocomplete", "new-password"}, {"required", true}})}};
  return RenderPage(ctx, "register", ctx.Text("register_title"), model, status);
}

ApiResponse Login(WebContext& ctx) {
  WebForm form(ctx.req);
  if (auto refused = CheckPost(ctx, form)) return *refused;
  std::string email = form.Get("email");
  FormErrors errors;
  // An empty field is named, not tried.
  if (email.empty()) errors.Add("email", ctx.Text("resident_error_login_email"));
  if (form.Get("password").empty()) errors.Add("password", ctx.Text("resident_error_login_password"));
  if (!errors.empty()) return LoginForm(ctx, email, form.Get("next"), errors, 422);
  auto s = ctx.app.accounts->Login(email, form.Get("password"), ctx.req.address);
  if (s.ok()) return SignedIn(ctx, s.value(), (s->user.IsOfficial() || s->user.IsModerator()) && (form.Get("next").empty() || form.Get("next") == "/me") ? "/desk" : form.Get("next"), "login");
  Code code = s.status().code();
  bool later = code == Code::kTooManyRequests || code == Code::kUnavailable;
  errors.general.push_back(ctx.Text(code == Code::kTooManyRequests ? "error_login_limited"
                                    : later                         ? "error_busy"
                                                                    : "error_login"));
  return WithRetryAfter(LoginForm(ctx, email, form.Get("next"), errors, later ? RefusalStatus(s.status()) : 422),
                        s.status(), ctx.app.accounts->LoginRetryAfter(email, ctx.req.address));
}

ApiResponse Register(WebContext& ctx) {
  WebForm form(ctx.req);
  if (auto refused = CheckPost(ctx, form)) return *refused;
  NewAccount a{form.Get("email"), form.Get("password"), form.Get("display_name"), Role::kResident, false};
  auto user = ctx.app.accounts->Register(a, "resident", ctx.req.address);
  // A taken e-mail goes on exactly like a new account (no one learns who has
  // an account here): whoever knows the account's password is signed in,
  // anyone else is asked to sign in.
  if (!user.ok() && user.status().code() != Code::kConflict) {
    const Status& st = user.status();
    FormErrors errors = ErrorsFrom(ctx, st, kRegisterFields);
    if (st.code() == Code::kTooManyRequests || st.code() == Code::kUnavailable) {
      errors = {};
      errors.general.push_back(ctx.Text("error_busy"));
    }
    return WithRetryAfter(RegisterForm(ctx, form, errors, RefusalStatus(st)), st,
                          ctx.app.accounts->RegistrationRetryAfter(ctx.req.address));
  }
  auto s = ctx.app.accounts->Login(a.email, a.password, ctx.req.address);
  if (!s.ok()) return Redirect(ctx, "/login?registered=1");
  return SignedIn(ctx, s.value(), "/me", "registered");
}

ApiResponse Logout(WebContext& ctx) {
  WebForm form(ctx.req);
  if (!ctx.req.actor) {
    ctx.set_cookies.push_back(CookieHeader(kSessionCookie, "", 0, ctx.secure));
    return Redirect(ctx, "/");
  }
  if (auto refused = CheckPost(ctx, form)) return *refused;
  if (Status s = ctx.app.accounts->Logout(ctx.req.token); !s.ok()) return StatusPage(ctx, s);
  ctx.set_cookies.push_back(CookieHeader(kSessionCookie, "", 0, ctx.secure));
  return Redirect(ctx, "/");
}

}  // namespace

void AddAccountPages(Router& r, std::shared_ptr<App> app) {
  r.Add("GET", "/login", Web(app, [](WebContext& ctx) {
          return LoginForm(ctx, "", ctx.req.Query("next").value_or("/me"), {}, 200,
                           ctx.req.Query("registered").has_value());
        }));
  r.Add("POST", "/login", Web(app, Login));
  r.Add("GET", "/register", Web(app, [](WebContext& ctx) {
          WebForm empty(ctx.req);
          return RegisterForm(ctx, empty, {}, 200);
        }));
  r.Add("POST", "/register", Web(app, Register));
  r.Add("POST", "/logout", Web(app, Logout));
}

}  // namespace samrad::server
