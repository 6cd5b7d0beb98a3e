// /desk: the staff desk's overview. Counts of each task with a link to its
// own page (moderation queue, comments awaiting an answer, consultations by
// state, decisions), and what the desk's pages share.
#include <algorithm>
#include <map>

#include "core/url_codec.h"
#include "server/web/desk_pages.h"
#include "server/web/pages.h"

namespace samrad::server {

using nlohmann::json;

namespace {
constexpr int64_t kClosingSoonSeconds = 7 * 24 * 3600;

json Tile(const WebContext& ctx, const std::string& key, int64_t count, const std::string& url) {
  return {{"label", ctx.Text("desk_count_" + key)}, {"count", std::to_string(count)}, {"url", url},
          {"id", "count-" + key}};
}

ApiResponse Overview(WebContext& ctx) {
  if (auto refused = DeskRefusal(ctx, DeskRole::kEither)) return *refused;
  const Actor& actor = ctx.req.actor;
  json tiles = json::array();
  if (actor->IsModerator()) {
    auto queue = ctx.app.moderation->QueueSize(actor);
    tiles.push_back(Tile(ctx, "queue", queue.ok() ? queue.value() : 0, "/desk/moderation"));
  }
  if (actor->IsOfficial()) {
    auto waiting = ctx.app.comment_answers->AwaitingCount(actor);
    tiles.push_back(Tile(ctx, "awaiting", waiting.ok() ? waiting.value() : 0, "/desk/answers"));
    auto n = ctx.app.consultations->Counts(actor, kClosingSoonSeconds);
    ConsultationCounts counts = n.ok() ? n.value() : ConsultationCounts{};
    tiles.push_back(Tile(ctx, "drafts", counts.drafts, "/desk/consultations?state=draft"));
    tiles.push_back(Tile(ctx, "open", counts.open, "/desk/consultations?state=open"));
    tiles.push_back(Tile(ctx, "closing", counts.closing, "/desk/consultations?state=closing"));
    tiles.push_back(Tile(ctx, "closed", counts.closed, "/desk/consultations?state=closed"));
    auto decisions = ctx.app.decisions->Count();
    tiles.push_back(Tile(ctx, "decisions", decisions.ok() ? decisions.value() : 0, "/desk/decisions"));
  }
  json model = {{"tiles", tiles}, {"official", actor->IsOfficial()}, {"moderator", actor->IsModerator()}};
  return RenderDeskPage(ctx, "desk", "desk_title", model);
}

bool Allowed(const Actor& actor, DeskRole role) {
  switch (role) {
    case DeskRole::kOfficial: return actor->IsOfficial();
    case DeskRole::kModerator: return actor->IsModerator();
    default: return actor->IsOfficial() || actor->IsModerator();
  }
}

json DeskNav(const WebContext& ctx) {
  const Actor& actor = ctx.req.actor;
  std::vector<std::pair<std::string, std::string>> links = {{"/desk", "desk_nav_overview"}};
  if (actor && actor->IsModerator()) links.push_back({"/desk/moderation", "desk_nav_moderation"});
  if (actor && actor->IsOfficial()) {
    links.push_back({"/desk/answers", "desk_nav_answers"});
    links.push_back({"/desk/consultations", "desk_nav_consultations"});
    links.push_back({"/desk/decisions", "desk_nav_decisions"});
  }
  json out = json::array();
  for (const auto& [href, key] : links) {
    bool current = href == "/desk" ? ctx.req.path == "/desk" : ctx.req.path.starts_with(href);
    out.push_back({{"href", href}, {"label", ctx.Text(key)}, {"current", current}});
  }
  return out;
}
}  // namespace

std::optional<ApiResponse> DeskRefusal(WebContext& ctx, DeskRole role) {
  const Actor& actor = ctx.req.actor;
  if (!actor) return StatusPage(ctx, Unauthenticated("sign in first"));
  if (!Allowed(actor, role)) return StatusPage(ctx, Forbidden("not your desk task"));
  return std::nullopt;
}

json DeskBanner(const WebContext& ctx, json extra) {
  std::string done = ctx.req.Query("done").value_or("");
  auto it = ctx.t.find("desk_done_" + done);
  if (done.empty() || it == ctx.t.end()) return nullptr;
  json banner = {{"message", it->get<std::string>()}};
  for (const auto& [k, v] : extra.items()) banner[k] = v;
  return banner;
}

std::optional<int64_t> QueryId(const WebContext& ctx, const std::string& name) {
  std::string v = ctx.req.Query(name).value_or("");
  if (v.empty() || v.size() > 17 || v.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  int64_t id = std::stoll(v);
  return id > 0 ? std::optional<int64_t>(id) : std::nullopt;
}

ApiResponse RenderDeskPage(WebContext& ctx, const std::string& page, const std::string& title_key,
                           json model, int status) {
  if (!model.contains("banner")) model["banner"] = DeskBanner(ctx);
  model["desk_nav"] = DeskNav(ctx);
  return RenderPage(ctx, page, ctx.Text(title_key), model, status);
}

json DeskErrorSummary(const WebContext& ctx, const FormErrors& errors, const std::vector<std::string>& names,
                      const std::string& form_id) {
  json summary = ErrorSummary(ctx, errors, names, form_id);
  if (summary.is_null()) return summary;
  for (auto& item : summary["items"]) {
    std::string n = item["href"].get<std::string>().substr(1);
    if (!n.starts_with("f-")) continue;
    n = n.substr(2);
    for (const std::string group : {"sections_", "roll_"}) {
      auto it = errors.fields.find(n);
      if (!n.starts_with(group) || it == errors.fields.end()) continue;
      size_t cut = n.find('_', group.size());
      std::string number = std::to_string(std::stoi(n.substr(group.size())) + 1);
      std::string field = (group == "roll_" ? "roll_" : "section_") + n.substr(cut + 1);
      item["message"] = ctx.Text("desk_group_" + group) + " " + number + ", " + ctx.Text("label_desk_" + field) +
                        ": " + it->second;
    }
  }
  return summary;
}

void Autofocus(json& view, const std::string& id) {
  if (id.empty()) return;
  if (view.is_array()) {
    for (auto& item : view) Autofocus(item, id);
    return;
  }
  if (!view.is_object()) return;
  if (view.value("id", json()) == id) view["autofocus"] = true;
  for (auto& [key, item] : view.items()) {
    if (item.is_structured()) Autofocus(item, id);
  }
  // The form itself: a group of its own, such as sections or roll-call.
  if (view.contains("csrf")) {
    std::string key = "focus_" + id;
    std::replace(key.begin(), key.end(), '-', '_');
    view[key] = true;
  }
}

std::string ShortText(const std::string& text, size_t max) {
  size_t chars = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (chars++ == max) return text.substr(0, i) + "…";
  }
  return text;
}

void AddDeskPages(Router& r, std::shared_ptr<App> app) {
  r.Add("GET", "/desk", Web(app, Overview));
  AddDeskModerationPages(r, app);
  AddDeskAnswerPages(r, app);
  AddDeskConsultationPages(r, app);
  AddDeskDecisionPages(r, app);
}

}  // namespace samrad::server
