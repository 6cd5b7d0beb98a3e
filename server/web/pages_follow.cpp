// Following from the pages: the Follow form (signed in: one click; signed
// out: an e-mail address, confirmed by a link), the confirmation link's
// page, the unsubscribe link's page (also RFC 8058 one-click POST) and
// /me/subscriptions.
#include "core/url_codec.h"
#include "server/web/follow_form.h"
#include "server/web/follow_mail.h"
#include "server/web/form.h"
#include "server/web/pages.h"

namespace samrad::server {

using nlohmann::json;

namespace {
const std::vector<std::string> kFrequencies = {"immediate", "daily", "weekly"};
const std::vector<std::string> kFormFields = {"email", "frequency", "mail_lang"};

json ChoiceOptions(const WebContext& ctx, const std::vector<std::string>& values, const std::string& prefix,
             const std::string& selected) {
  json out = json::array();
  for (const auto& v : values) {
    out.push_back({{"value", v}, {"label", ctx.Text(prefix + v)}, {"selected", v == selected}});
  }
  return out;
}

json FrequencyField(const WebContext& ctx, const std::string& id_prefix, const std::string& value,
                    const FormErrors& errors) {
  return FieldView(ctx, "frequency", value, errors,
                   {{"id_prefix", id_prefix}, {"label", ctx.Text("follow_label_frequency")},
                    {"options", ChoiceOptions(ctx, kFrequencies, "follow_freq_", value)}});
}

json EmailField(const WebContext& ctx, const std::string& value, const FormErrors& errors) {
  json f = FieldView(ctx, "email", value, errors,
                     {{"id_prefix", "follow-"}, {"type", "email"}, {"autocomplete", "email"},
                      {"hint", ctx.Text("follow_hint_email")}, {"describedby", "follow-email-hint"}});
  if (errors.fields.count("email")) f["describedby"] = "follow-email-hint follow-email-error";
  return f;
}

json LangField(const WebContext& ctx, const std::string& value, const FormErrors& errors) {
  return FieldView(ctx, "mail_lang", value, errors,
                   {{"id_prefix", "follow-"}, {"label", ctx.Text("follow_label_lang")},
                    {"options", ChoiceOptions(ctx, {"sv", "en"}, "follow_lang_", value)}});
}

// Where the followed thing is on the site.
std::string TargetUrl(const std::string& kind, const std::string& target) {
  if (kind == "consultation") return "/consultations/" + target;
  if (kind == "body") return "/decisions?body_name=" + PercentEncode(target);
  if (kind == "dataset") return "/data#dataset-" + PercentEncode(target);
  return "/search?q=" + PercentEncode(target);
}

std::string What(const WebContext& ctx, const std::string& kind, const std::string& title) {
  return FillText(ctx.Text("follow_what_" + kind), {{"title", title}});
}

struct Posted {
  std::string kind, target, frequency, email, mail_lang;
};

// The Follow form on a page of its own: for a link to it, and to show a
// signed-out form again with its errors.
ApiResponse FollowPage(WebContext& ctx, const Posted& p, const FormErrors& errors, int status) {
  std::string target = p.target;
  auto title = ctx.app.subscriptions->Describe(p.kind, target);
  if (!title.ok()) return ErrorPage(ctx, 404, "error_title_not_found", "error_not_found");
  json form = FollowFormView(ctx, p.kind, target, title.value());
  if (form["email"].is_object()) {
    form["email"] = EmailField(ctx, p.email, errors);
    form["frequency"] = FrequencyField(ctx, "follow-", p.frequency.empty() ? "immediate" : p.frequency, errors);
    form["mail_lang"] = LangField(ctx, p.mail_lang, errors);
  }
  form["error_summary"] = errors.empty() ? json(false) : ErrorSummary(ctx, errors, kFormFields, "follow-form", "follow-");
  json model = {{"heading", FillText(ctx.Text("follow_page_heading"), {{"what", What(ctx, p.kind, title.value())}})},
                {"follow_form", form},
                {"back_url", TargetUrl(p.kind, target)},
                {"back_label", title.value()}};
  return RenderPage(ctx, "follow", ctx.Text("follow_page_title"), model, status);
}

ApiResponse GetFollow(WebContext& ctx) {
  return FollowPage(ctx, {ctx.req.Query("kind").value_or(""), ctx.req.Query("target").value_or(""), "", "", ctx.lang}, {},
                    200);
}

ApiResponse PostFollow(WebContext& ctx) {
  WebForm form(ctx.req);
  Posted p{form.Get("kind"), form.Get("target"), form.Get("frequency"), form.Get("email"), form.Get("mail_lang")};
  bool by_email = !ctx.req.actor || ctx.req.body.find("email=") != std::string::npos;
  // The signed-out form is the same for everyone (so its pages can be
  // shared): the rate limits, not a token, keep it from being abused.
  if (auto refused = CheckPost(ctx, form, !by_email)) return *refused;
  FollowRequest f{p.kind, p.target, p.frequency.empty() ? "immediate" : p.frequency,
                  p.mail_lang.empty() ? ctx.lang : p.mail_lang, p.email};
  if (!by_email) {
    auto made = ctx.app.subscriptions->Follow(ctx.req.actor, f);
    if (!made.ok()) return StatusPage(ctx, made.status());
    return Redirect(ctx, "/me/subscriptions?done=followed&id=" + std::to_string(made->first.id) + "#banner");
  }
  Status s = ctx.app.subscriptions->FollowByEmail(f, ctx.req.address, ctx.app.base_url);
  if (s.code() == Code::kTooManyRequests) {
    return ErrorPage(ctx, 429, "follow_too_many_title", "follow_too_many")
        .Header("Retry-After", std::to_string(ctx.app.subscriptions->RetryAfter(ctx.req.address)));
  }
  if (s.code() == Code::kInvalidArgument) {
    FormErrors errors;
    for (const auto& e : s.errors()) {
      if (e.field == "/email") errors.Add("email", ctx.Text("error_email"));
      if (e.field == "/frequency") errors.Add("frequency", ctx.Text("follow_label_frequency"));
      if (e.field == "/lang") errors.Add("mail_lang", ctx.Text("follow_label_lang"));
      if (e.field == "/target" || e.field == "/target_kind") return StatusPage(ctx, NotFound("no such target"));
    }
    return FollowPage(ctx, p, errors, 422);
  }
  if (!s.ok()) return StatusPage(ctx, s);
  return Redirect(ctx, "/follow/sent");
}

// A page of a heading, paragraphs and maybe a form with one hidden token.
ApiResponse MessagePage(WebContext& ctx, const std::string& title_key, const std::vector<std::string>& paragraphs,
                        json form = nullptr, int status = 200) {
  json ps = json::array();
  for (const auto& p : paragraphs) ps.push_back(p);
  json model = {{"heading", ctx.Text(title_key)}, {"paragraphs", ps}, {"form", form}};
  return RenderPage(ctx, "follow_message", ctx.Text(title_key), model, status);
}

ApiResponse GetConfirm(WebContext& ctx) {
  return MessagePage(ctx, "follow_confirm_title", {ctx.Text("follow_confirm_text")},
                     {{"action", "/follow/confirm"}, {"t", ctx.req.Query("t").value_or("")},
                      {"button", ctx.Text("follow_confirm_button")}});
}

ApiResponse PostConfirm(WebContext& ctx) {
  WebForm form(ctx.req);
  if (auto refused = CheckPost(ctx, form, false)) return *refused;
  auto sub = ctx.app.subscriptions->Confirm(form.Get("t"));
  if (!sub.ok()) {
    bool expired = sub.status().message().find("expired") != std::string::npos;
    return MessagePage(ctx, "follow_link_title", {ctx.Text(expired ? "follow_link_expired" : "follow_link_unknown")},
                       nullptr, 404);
  }
  return Redirect(ctx, "/follow/confirmed?kind=" + PercentEncode(sub->target_kind) +
                           "&target=" + PercentEncode(sub->target));
}

ApiResponse GetConfirmed(WebContext& ctx) {
  std::string kind = ctx.req.Query("kind").value_or(""), target = ctx.req.Query("target").value_or("");
  auto title = ctx.app.subscriptions->Describe(kind, target);
  if (!title.ok()) return ErrorPage(ctx, 404, "error_title_not_found", "error_not_found");
  return MessagePage(ctx, "follow_confirmed_title",
                     {FillText(ctx.Text("follow_confirmed_text"), {{"what", What(ctx, kind, title.value())}})});
}

// What an unsubscribe link stops, in words.
std::string Stops(const WebContext& ctx, const Unsubscription& u) {
  if (u.scope == "sub") {
    if (!u.subscription) return ctx.Text("follow_unsub_gone");
    return FillText(ctx.Text("follow_unsub_sub"),
                    {{"what", What(ctx, u.subscription->target_kind, u.subscription->title)}});
  }
  if (u.scope == "kind") {
    std::string kind = ctx.Text("follow_kind_" + u.kind);
    if (kind == "follow_kind_" + u.kind) kind = ctx.Text("follow_kind_other");
    return FillText(ctx.Text("follow_unsub_kind"), {{"kind", kind}});
  }
  return ctx.Text("follow_unsub_user");
}

ApiResponse GetUnsubscribe(WebContext& ctx) {
  std::string t = ctx.req.Query("t").value_or("");
  auto u = ctx.app.subscriptions->DescribeUnsubscribe(t);
  if (!u.ok()) return MessagePage(ctx, "follow_link_title", {ctx.Text("follow_unsub_invalid")}, nullptr, 400);
  json form = nullptr;
  if (u->scope != "sub" || u->subscription) {
    form = {{"action", "/unsubscribe"}, {"t", t}, {"from_page", true}, {"button", ctx.Text("follow_unsub_button")}};
  }
  return MessagePage(ctx, "follow_unsub_title", {Stops(ctx, u.value())}, form);
}

// RFC 8058: a mail client posts List-Unsubscribe=One-Click to the link
// (its token in the query) without cookies or a form token, and is
// answered 200; the page's own button is redirected to a result page.
ApiResponse PostUnsubscribe(WebContext& ctx) {
  WebForm form(ctx.req);
  std::string t = ctx.req.Query("t").value_or(form.Get("t"));
  auto u = ctx.app.subscriptions->Unsubscribe(t);
  if (!u.ok()) return MessagePage(ctx, "follow_link_title", {ctx.Text("follow_unsub_invalid")}, nullptr, 400);
  if (form.Get("from") == "page") return Redirect(ctx, "/unsubscribe/done");
  return MessagePage(ctx, "follow_unsub_done_title", {ctx.Text("follow_unsub_done_text")});
}

json MineBanner(WebContext& ctx) {
  std::string done = ctx.req.Query("done").value_or("");
  if (done == "frequency" || done == "stopped") return {{"message", ctx.Text("follow_done_" + done)}};
  if (done != "followed") return nullptr;
  std::optional<Subscription> sub;
  if (auto q = ctx.req.Query("id"); q && !q->empty() && q->size() < 19 &&
                                    q->find_first_not_of("0123456789") == std::string::npos) {
    if (auto s = ctx.app.subscriptions->Get(ctx.req.actor, std::stoll(*q)); s.ok()) sub = s.value();
  }
  if (!sub) return nullptr;
  return {{"message", FillText(ctx.Text("follow_done_followed"), {{"what", What(ctx, sub->target_kind, sub->title)}})}};
}

ApiResponse Mine(WebContext& ctx) {
  auto mine = ctx.app.subscriptions->Mine(ctx.req.actor);
  if (!mine.ok()) return StatusPage(ctx, mine.status());
  json items = json::array();
  for (const auto& s : mine.value()) {
    std::string id = std::to_string(s.id);
    std::string what = What(ctx, s.target_kind, s.title);
    items.push_back({{"id", id},
                     {"what", what},
                     {"url", TargetUrl(s.target_kind, s.target)},
                     {"frequency", FrequencyField(ctx, "freq-" + id + "-", s.frequency, {})},
                     {"stop_label", FillText(ctx.Text("follow_mine_stop_what"), {{"what", what}})}});
  }
  json model = {{"banner", MineBanner(ctx)}, {"items", items}, {"none", items.empty()}, {"csrf", ctx.FormToken()}};
  return RenderPage(ctx, "follow_mine", ctx.Text("follow_mine_title"), model);
}

ApiResponse PostFrequency(WebContext& ctx) {
  WebForm form(ctx.req);
  if (auto refused = CheckPost(ctx, form)) return *refused;
  auto id = IdParam(ctx.req);
  if (!id.ok()) return StatusPage(ctx, id.status());
  auto s = ctx.app.subscriptions->SetFrequency(ctx.req.actor, id.value(), form.Get("frequency"));
  if (!s.ok()) return StatusPage(ctx, s.status());
  return Redirect(ctx, "/me/subscriptions?done=frequency#banner");
}

ApiResponse PostStop(WebContext& ctx) {
  WebForm form(ctx.req);
  if (auto refused = CheckPost(ctx, form)) return *refused;
  auto id = IdParam(ctx.req);
  if (!id.ok()) return StatusPage(ctx, id.status());
  if (Status s = ctx.app.subscriptions->Remove(ctx.req.actor, id.value()); !s.ok()) return StatusPage(ctx, s);
  return Redirect(ctx, "/me/subscriptions?done=stopped#banner");
}
}  // namespace

json FollowFormView(WebContext& ctx, const std::string& kind, const std::string& target, const std::string& title) {
  json form = {{"kind", kind},
               {"target", target},
               {"heading", ctx.Text("follow_form_heading")},
               {"lead", FillText(ctx.Text("follow_form_lead"), {{"what", What(ctx, kind, title)}})},
               {"csrf", false},
               {"following", false},
               {"email", false},
               {"mail_lang", false},
               {"error_summary", false}};
  FormErrors none;
  if (ctx.req.actor) {
    if (ctx.app.subscriptions->Find(ctx.req.actor, kind, target)) {
      form["following"] = true;
      return form;
    }
    form["csrf"] = ctx.FormToken();
  } else {
    // The same for every signed-out visitor: no token, no cookie.
    form["email"] = EmailField(ctx, "", none);
    form["mail_lang"] = LangField(ctx, ctx.lang, none);
  }
  form["frequency"] = FrequencyField(ctx, "follow-", "immediate", none);
  return form;
}

void AddFollowPages(Router& r, std::shared_ptr<App> app) {
  r.Add("GET", "/follow", Web(app, GetFollow));
  r.Add("POST", "/follow", Web(app, PostFollow));
  r.Add("GET", "/follow/sent", Web(app, [](WebContext& ctx) {
          return MessagePage(ctx, "follow_sent_title", {ctx.Text("follow_sent_text"), ctx.Text("follow_sent_none")});
        }));
  r.Add("GET", "/follow/confirm", Web(app, GetConfirm));
  r.Add("POST", "/follow/confirm", Web(app, PostConfirm));
  r.Add("GET", "/follow/confirmed", Web(app, GetConfirmed));
  r.Add("GET", "/unsubscribe", Web(app, GetUnsubscribe));
  r.Add("POST", "/unsubscribe", Web(app, PostUnsubscribe));
  r.Add("GET", "/unsubscribe/done", Web(app, [](WebContext& ctx) {
          return MessagePage(ctx, "follow_unsub_done_title", {ctx.Text("follow_unsub_done_text")});
        }));
  r.Add("GET", "/me/subscriptions", Web(app, Mine));
  r.Add("POST", "/me/subscriptions/{id}/frequency", Web(app, PostFrequency));
  r.Add("POST", "/me/subscriptions/{id}/delete", Web(app, PostStop));
}

}  // namespace samrad::server
