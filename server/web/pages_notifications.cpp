// /me/notifications: what the signed-in user has been told, newest first,
// marking one or all read; /me/notifications/settings: each kind on or off,
// by e-mail or not. Forms post with CSRF and redirect with a confirmation.
#include "core/notification_service.h"
#include "server/web/form.h"
#include "server/web/format.h"
#include "server/web/pages.h"

namespace samrad::server {

using nlohmann::json;

namespace {
constexpr int kNotificationsShown = 20;
constexpr const char* kListPath = "/me/notifications";
constexpr const char* kSettingsPath = "/me/notifications/settings";

std::string Str(const json& data, const char* key) {
  auto it = data.find(key);
  return it != data.end() && it->is_string() ? it->get<std::string>() : std::string();
}

json OrNull(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

// The banner of ?done= when it is one of this area's.
json Banner(WebContext& ctx) {
  std::string done = ctx.req.Query("done").value_or("");
  for (const char* known : {"read", "read_all", "saved"}) {
    if (done == known) return {{"message", ctx.Text(std::string("notify_done_") + known)}};
  }
  return nullptr;
}

// The message key of a notification's sentence: one per kind, and per
// update for followed_consultation_update and followed_dataset.
std::string SentenceKey(const Notification& n) {
  std::string key = "notify_text_" + n.kind;
  std::string update = Str(n.data, "update");
  if (!update.empty()) key += "_" + update;
  return key;
}

json ItemView(WebContext& ctx, const Notification& n) {
  const json& d = n.data;
  std::string date = Str(d, "closes_at_to");
  json when = TimeView(date, ctx.lang);
  std::string author = Str(d, "author");
  if (author.empty()) author = ctx.Text("notify_deleted_author");
  std::string sentence = FillText(ctx.Text(SentenceKey(n)), {{"author", author},
                                                             {"consultation", Str(d, "consultation_title")},
                                                             {"decision", Str(d, "decision_title")},
                                                             {"body", Str(d, "body_name")},
                                                             {"dataset", Str(d, "dataset_title")},
                                                             {"query", Str(d, "query")},
                                                             {"title", Str(d, "title")},
                                                             {"date", when.is_null() ? date : when["date"].get<std::string>()}});
  bool hidden = d.value("comment_hidden", false);
  std::string id = std::to_string(n.id);
  return {{"id", id},
          {"sentence", sentence},
          {"kind_label", ctx.Text("notify_kind_" + n.kind)},
          {"link", n.link},
          {"unread", !n.read_at.has_value()},
          {"created", TimeView(n.created_at, ctx.lang)},
          {"amended", d.value("amended", false)},
          {"excerpt", OrNull(hidden ? "" : Str(d, "excerpt"))},
          {"hidden_note", hidden},
          {"your_excerpt", OrNull(Str(d, "your_excerpt"))},
          {"reason", OrNull(Str(d, "reason"))},
          {"object_link", n.kind == notify::kCommentHidden ? json(Str(d, "object_link")) : json(nullptr)},
          {"csrf", ctx.FormToken()}};
}

ApiResponse List(WebContext& ctx) {
  if (!ctx.req.actor) return StatusPage(ctx, Unauthenticated("sign in first"));
  auto page = MakePage(std::to_string(kNotificationsShown), ctx.req.Query("cursor"), 1);
  if (!page.ok()) return StatusPage(ctx, page.status());
  auto list = ctx.app.notifications->List(ctx.req.actor, page.value());
  if (!list.ok()) return StatusPage(ctx, list.status());
  json items = json::array();
  for (const auto& n : list->items) items.push_back(ItemView(ctx, n));
  std::string unread = std::to_string(list->unread);
  json model = {{"banner", Banner(ctx)},
                {"items", items},
                {"empty", items.empty()},
                {"unread_text", FillText(ctx.Text(list->unread == 1 ? "notify_unread_one" : "notify_unread_n"),
                                         {{"n", unread}})},
                {"any_unread", list->unread > 0},
                {"csrf", ctx.FormToken()},
                {"pager", list->next_cursor ? json({{"next_url", std::string(kListPath) + "?cursor=" +
                                                                    *list->next_cursor}})
                                            : json(nullptr)}};
  return RenderPage(ctx, "notifications", ctx.Text("notify_title"), model);
}

ApiResponse MarkRead(WebContext& ctx) {
  WebForm form(ctx.req);
  if (auto refused = CheckPost(ctx, form)) return *refused;
  if (!ctx.req.actor) return StatusPage(ctx, Unauthenticated("sign in first"));
  std::optional<std::vector<int64_t>> ids;
  if (form.Get("all") != "1") {
    std::string id = form.Get("id");
    if (id.empty() || id.size() > 18 || id.find_first_not_of("0123456789") != std::string::npos) {
      return StatusPage(ctx, InvalidField("/id", "not an id"));
    }
    ids = std::vector<int64_t>{std::stoll(id)};
  }
  auto marked = ctx.app.notifications->MarkRead(ctx.req.actor, ids);
  if (!marked.ok()) return StatusPage(ctx, marked.status());
  return Redirect(ctx, std::string(kListPath) + "?done=" + (ids ? "read" : "read_all") + "#banner");
}

ApiResponse Settings(WebContext& ctx) {
  auto prefs = ctx.app.notifications->Prefs(ctx.req.actor);
  if (!prefs.ok()) return StatusPage(ctx, prefs.status());
  json personal = json::array(), followed = json::array();
  for (const auto& p : prefs.value()) {
    json row = {{"kind", p.kind},
                {"label", ctx.Text("notify_kind_" + p.kind)},
                {"hint", ctx.Text("notify_hint_" + p.kind)},
                {"enabled", p.enabled},
                {"email", p.email}};
    (notify::IsPersonalKind(p.kind) ? personal : followed).push_back(std::move(row));
  }
  json model = {{"banner", Banner(ctx)}, {"personal", personal}, {"followed", followed}, {"csrf", ctx.FormToken()}};
  return RenderPage(ctx, "notifications_settings", ctx.Text("notify_settings_title"), model);
}

ApiResponse SaveSettings(WebContext& ctx) {
  WebForm form(ctx.req);
  if (auto refused = CheckPost(ctx, form)) return *refused;
  if (!ctx.req.actor) return StatusPage(ctx, Unauthenticated("sign in first"));
  // A checkbox left unticked is not posted: every kind is set from the form.
  std::vector<NotificationPref> prefs;
  auto add = [&](std::string_view kind) {
    std::string k(kind);
    prefs.push_back({k, form.Get("enabled_" + k) == "1", form.Get("email_" + k) == "1"});
  };
  for (auto k : notify::kPersonalKinds) add(k);
  for (auto k : notify::kFollowedKinds) add(k);
  auto saved = ctx.app.notifications->SetPrefs(ctx.req.actor, prefs);
  if (!saved.ok()) return StatusPage(ctx, saved.status());
  return Redirect(ctx, std::string(kSettingsPath) + "?done=saved#banner");
}
}  // namespace

void AddNotificationPages(Router& r, std::shared_ptr<App> app) {
  r.Add("GET", kListPath, Web(app, List));
  r.Add("POST", "/me/notifications/read", Web(app, MarkRead));
  r.Add("GET", kSettingsPath, Web(app, Settings));
  r.Add("POST", kSettingsPath, Web(app, SaveSettings));
}

}  // namespace samrad::server
