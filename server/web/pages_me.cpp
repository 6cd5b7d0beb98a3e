// /me: the user's account, their comments with the municipality's answers,
// the choice between public name and pseudonym, and account deletion.
#include "core/clock.h"
#include "core/comment_text.h"
#include "server/web/form.h"
#include "server/web/format.h"
#include "server/web/pages.h"
#include "server/web/session.h"
#include "server/web/thread_pages.h"

namespace samrad::server {

using nlohmann::json;

namespace {
constexpr int kMyCommentsShown = 50;

// confirm_public: the warning that asks to confirm showing the real name.
ApiResponse Me(WebContext& ctx, const FormErrors& delete_errors = {}, int status = 200,
               bool confirm_public = false) {
  if (!ctx.req.actor) return StatusPage(ctx, Unauthenticated("sign in first"));
  const User& u = *ctx.req.actor;
  json comments = json::array();
  if (auto mine = ctx.app.comment_answers->ByAuthor(ctx.req.actor, kMyCommentsShown); mine.ok()) {
    for (const auto& a : mine.value()) {
      json c = MyCommentView(ctx, a);
      // Comment text by the one rule, as on the thread and in the feed.
      if (c["body"].is_string()) c["body_html"] = CommentTextHtml(c["body"].get<std::string>());
      for (auto& r : c["official_replies"]) r["body_html"] = CommentTextHtml(r.value("body", std::string()));
      comments.push_back(std::move(c));
    }
  }
  json choices = json::array();
  for (bool pub : {false, true}) {
    choices.push_back({{"value", pub ? "1" : "0"}, {"id", pub ? "public-name-yes" : "public-name-no"},
                       {"label", ctx.Text(pub ? "privacy_public" : "privacy_pseudonym")},
                       {"checked", u.public_name == pub},
                       {"hint", pub ? json(ctx.Text("resident_privacy_public_hint")) : json(nullptr)}});
  }
  auto confirm_error = delete_errors.fields.find("confirm");
  json model = {{"display_name", u.display_name},
                {"email", u.email},
                {"role_label", ctx.Text("role_" + RoleName(u.role))},
                {"created", TimeView(u.created_at, ctx.lang)},
                {"public_name", u.public_name},
                {"desk", u.IsOfficial() || u.IsModerator()},
                {"comments", comments},
                {"no_comments", comments.empty()},
                {"banner", QueryBanner(ctx)},
                {"privacy", {{"csrf", ctx.FormToken()}, {"choices", choices}, {"confirm", nullptr}}},
                {"delete", {{"csrf", ctx.FormToken()},
                            {"error_summary", ErrorSummary(ctx, delete_errors, {"confirm"}, "delete-form", "delete-")},
                            {"error", confirm_error == delete_errors.fields.end() ? json(nullptr)
                                                                                  : json(confirm_error->second)}}}};
  if (confirm_public) {
    std::string n = std::to_string(comments.size());
    model["privacy"]["confirm"] = {
        {"message", FillText(ctx.Text(comments.empty() ? "resident_privacy_confirm_none" : "resident_privacy_confirm_text"),
                             {{"name", u.display_name}, {"n", n}})}};
  }
  return RenderPage(ctx, "me", ctx.Text("me_title"), model, status);
}

ApiResponse Privacy(WebContext& ctx) {
  WebForm form(ctx.req);
  if (auto refused = CheckPost(ctx, form)) return *refused;
  std::string v = form.Get("public_name");
  if (v != "0" && v != "1") return StatusPage(ctx, InvalidField("/public_name", "0 or 1"));
  if (!ctx.req.actor) return StatusPage(ctx, Unauthenticated("sign in first"));
  // Showing the name shows it on every earlier comment too: asked first.
  if (v == "1" && !ctx.req.actor->public_name && form.Get("confirm") != "1") return Me(ctx, {}, 200, true);
  auto u = ctx.app.accounts->SetPublicName(ctx.req.actor, v == "1");
  if (!u.ok()) return StatusPage(ctx, u.status());
  return Redirect(ctx, std::string("/me?done=") + (v == "1" ? "privacy_public" : "privacy_pseudonym") + "#banner");
}

ApiResponse DeleteAccount(WebContext& ctx) {
  WebForm form(ctx.req);
  if (auto refused = CheckPost(ctx, form)) return *refused;
  if (!ctx.req.actor) return StatusPage(ctx, Unauthenticated("sign in first"));
  if (form.Get("confirm") != "1") {
    FormErrors errors;
    errors.Add("confirm", ctx.Text("error_confirm_delete"));
    return Me(ctx, errors, 422);
  }
  if (Status s = ctx.app.accounts->DeleteAccount(ctx.req.actor); !s.ok()) return StatusPage(ctx, s);
  ctx.set_cookies.push_back(CookieHeader(kSessionCookie, "", 0, ctx.secure));
  return Redirect(ctx, "/account-deleted");
}
}  // namespace

void AddMePages(Router& r, std::shared_ptr<App> app) {
  r.Add("GET", "/me", Web(app, [](WebContext& ctx) { return Me(ctx); }));
  r.Add("POST", "/me/privacy", Web(app, Privacy));
  r.Add("POST", "/me/delete", Web(app, DeleteAccount));
  r.Add("GET", "/account-deleted", Web(app, [](WebContext& ctx) {
          return RenderPage(ctx, "account_deleted", ctx.Text("account_deleted_title"), json::object());
        }));
}

}  // namespace samrad::server
