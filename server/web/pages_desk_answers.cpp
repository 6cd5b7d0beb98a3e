// /desk/answers: residents' comments on undecided consultations, oldest
// first, showing which are answered (by an official reply or a decision)
// and which still wait; the official answers a comment in place, and the
// answer shows on the thread as "Svar från kommunen".
#include "server/web/desk_pages.h"
#include "server/web/format.h"
#include "server/web/pages.h"

namespace samrad::server {

using nlohmann::json;

namespace {
constexpr int kPageSize = 20;
const std::vector<std::string> kStatuses = {"waiting", "answered", "all"};
const std::vector<std::string> kAges = {"", "7", "30"};

struct Reshown {
  const WebForm* form = nullptr;
  int64_t comment_id = 0;
  FormErrors errors;
};

json Filters(WebContext& ctx, const AnswerFilter& f) {
  json consultations = json::array({{{"value", ""}, {"label", ctx.Text("filter_any")}, {"selected", !f.consultation_id}}});
  for (const char* state : {"open", "closed"}) {
    ConsultationFilter cf{std::string(state), std::nullopt, std::nullopt, Page{100, std::nullopt}, std::nullopt};
    auto list = ctx.app.consultations->List(ctx.req.actor, cf);
    if (!list.ok()) continue;
    for (const auto& k : list->items) {
      consultations.push_back({{"value", std::to_string(k.id)}, {"label", k.title},
                               {"selected", f.consultation_id == k.id}});
    }
  }
  json ages = json::array();
  std::string age = f.older_than_days ? std::to_string(*f.older_than_days) : "";
  for (const auto& a : kAges) {
    ages.push_back({{"value", a}, {"label", ctx.Text("desk_age_" + (a.empty() ? std::string("any") : a))},
                    {"selected", a == age}});
  }
  FormErrors none;
  return {{"status", FieldView(ctx, "desk_status", "", none, {{"options", Options(ctx, kStatuses, "desk_status_", f.status)}})},
          {"consultation", FieldView(ctx, "desk_consultation", "", none, {{"options", consultations}})},
          {"area", FieldView(ctx, "desk_area", f.area.value_or(""), none)},
          {"age", FieldView(ctx, "desk_age", "", none, {{"options", ages}})}};
}

json AnswerView(WebContext& ctx, const AnsweredComment& a, const Reshown& r) {
  const Comment& k = a.comment;
  std::string id = std::to_string(k.id);
  json replies = json::array();
  for (const auto& reply : a.official_replies) {
    replies.push_back({{"author", reply.author.name}, {"body", reply.body}, {"created", TimeView(reply.created_at, ctx.lang)}});
  }
  json decisions = json::array();
  for (int64_t d : a.decision_ids) decisions.push_back({{"url", "/decisions/" + std::to_string(d)}, {"id", std::to_string(d)}});
  bool mine = r.form && r.comment_id == k.id;
  std::string status = !replies.empty() ? "by_comment" : (!decisions.empty() ? "by_decision" : "waiting");
  return {{"id", id},
          {"anchor", "answer-" + id},
          {"consultation", a.consultation_title},
          {"content_lang", a.consultation_language},
          {"author", k.author.kind == "deleted" ? json(nullptr) : json(k.author.name)},
          {"body", k.body},
          {"created", TimeView(k.created_at, ctx.lang)},
          {"url", "/consultations/" + std::to_string(k.consultation_id) + "#comment-" + id},
          {"status", status},
          {"status_label", ctx.Text("desk_answered_" + status)},
          {"waiting", status == "waiting"},
          {"replies", replies},
          {"decisions", decisions},
          {"decision_url", "/desk/decisions/new?answers=" + id},
          {"action", "/desk/answers/" + id},
          {"csrf", ctx.FormToken()},
          {"answer", FieldView(ctx, "desk_answer_body", mine ? r.form->Get("desk_answer_body") : "", mine ? r.errors : FormErrors{},
                               {{"rows", 4}, {"required", true}, {"id_prefix", "a" + id + "-"}})}};
}

ApiResponse AnswersDesk(WebContext& ctx, const Reshown& r, int status = 200) {
  if (auto refused = DeskRefusal(ctx, DeskRole::kOfficial)) return *refused;
  auto page = MakePage(std::to_string(kPageSize), ctx.req.Query("cursor"), 1);
  if (!page.ok()) return StatusPage(ctx, page.status());
  AnswerFilter f;
  f.page = page.value();
  std::string st = ctx.req.Query("desk_status").value_or("waiting");
  f.status = std::find(kStatuses.begin(), kStatuses.end(), st) != kStatuses.end() ? st : "waiting";
  f.consultation_id = QueryId(ctx, "desk_consultation");
  f.area = NonEmpty(ctx.req.Query("desk_area").value_or(""));
  std::string age = ctx.req.Query("desk_age").value_or("");
  if (age == "7" || age == "30") f.older_than_days = std::stoi(age);
  auto list = ctx.app.comment_answers->ForDesk(ctx.req.actor, f);
  if (!list.ok()) return StatusPage(ctx, list.status());
  json items = json::array();
  for (const auto& a : list->items) items.push_back(AnswerView(ctx, a, r));
  std::vector<std::pair<std::string, std::string>> keep = {{"desk_status", f.status}};
  if (f.consultation_id) keep.emplace_back("desk_consultation", std::to_string(*f.consultation_id));
  if (f.area) keep.emplace_back("desk_area", *f.area);
  if (!age.empty()) keep.emplace_back("desk_age", age);
  json model = {{"filters", Filters(ctx, f)}, {"items", items}, {"empty", items.empty()},
                {"pager", Pager("/desk/answers", keep, list->next_cursor)}};
  if (r.form) {
    model["error_summary"] = {{"items", json::array({{{"href", "#a" + std::to_string(r.comment_id) + "-desk_answer_body"},
                                                      {"message", r.errors.fields.begin()->second}}})}};
  }
  return RenderDeskPage(ctx, "desk_answers", "desk_answers_title", model, status);
}

// Posts the official's answer as a reply to the comment.
ApiResponse Answer(WebContext& ctx) {
  WebForm form(ctx.req);
  if (auto refused = CheckPost(ctx, form)) return *refused;
  if (auto refused = DeskRefusal(ctx, DeskRole::kOfficial)) return *refused;
  auto id = IdParam(ctx.req);
  if (!id.ok()) return StatusPage(ctx, id.status());
  auto k = ctx.app.comments->Get(id.value());
  if (!k.ok()) return StatusPage(ctx, k.status());
  std::string body = form.Get("desk_answer_body");
  Reshown r{&form, k->id, {}};
  if (body.find_first_not_of(" \t\r\n") == std::string::npos) {
    r.errors.Add("desk_answer_body", ctx.Text("error_desk_answer_body"));
    return AnswersDesk(ctx, r, 422);
  }
  auto posted = ctx.app.comments->Post(ctx.req.actor, k->consultation_id, NewComment{body, k->id, std::nullopt});
  if (!posted.ok()) {
    Code code = posted.status().code();
    if (code != Code::kInvalidArgument && code != Code::kConflict && code != Code::kTooManyRequests) {
      return StatusPage(ctx, posted.status());
    }
    r.errors.Add("desk_answer_body", posted.status().message());
    return AnswersDesk(ctx, r, code == Code::kTooManyRequests ? 429 : 422);
  }
  return Redirect(ctx, "/desk/answers?done=answered#banner");
}
}  // namespace

void AddDeskAnswerPages(Router& r, std::shared_ptr<App> app) {
  r.Add("GET", "/desk/answers", Web(app, [](WebContext& ctx) { return AnswersDesk(ctx, Reshown()); }));
  r.Add("POST", "/desk/answers/{id}", Web(app, Answer));
}

}  // namespace samrad::server
