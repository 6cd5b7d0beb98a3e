// The moderators' desk page: the queue of flagged comments and free-text
// questionnaire answers with each flag's
// reason and note, hide or dismiss the flags with a public reason, the
// hidden comments with restore, a confirmation with an undo after each act;
// and /moderation, the public moderation log for everyone.
#include "server/web/desk_pages.h"
#include "server/web/format.h"
#include "server/web/log_link.h"
#include "server/web/pages.h"

namespace samrad::server {

using nlohmann::json;

namespace {
constexpr int kPageSize = 20;
const std::map<std::string, std::string> kUndo = {
    {"hide", "restore"}, {"restore", "hide"}, {"dismiss", "reopen"}, {"reopen", "dismiss"}};

// A moderation form re-shown with its error, for one comment (prefix
// "m<id>-") or one free-text answer ("t<answer>-<question>-").
struct Reshown {
  const WebForm* form = nullptr;
  std::string prefix;
  FormErrors errors;
};

std::string ActUrl(int64_t id) { return "/desk/moderation/" + std::to_string(id); }
std::string TextKey(int64_t answer_id, int64_t question_id) {
  return std::to_string(answer_id) + "-" + std::to_string(question_id);
}
std::string TextActUrl(int64_t answer_id, int64_t question_id) {
  return "/desk/moderation/answers/" + std::to_string(answer_id) + "/" + std::to_string(question_id);
}

json ReasonField(WebContext& ctx, const std::string& prefix, const Reshown& r) {
  bool mine = r.form && r.prefix == prefix;
  return FieldView(ctx, "moderation_reason", mine ? r.form->Get("moderation_reason") : "",
                   mine ? r.errors : FormErrors{}, {{"required", true}, {"id_prefix", prefix}});
}
json ReasonField(WebContext& ctx, int64_t id, const Reshown& r) {
  return ReasonField(ctx, "m" + std::to_string(id) + "-", r);
}

json CommentBase(WebContext& ctx, const Comment& k) {
  return {{"id", std::to_string(k.id)},
          {"anchor", "moderate-" + std::to_string(k.id)},
          {"author", k.author.kind == "deleted" ? json(nullptr) : json(k.author.name)},
          {"body", k.hidden ? json(nullptr) : json(k.body)},
          {"hidden_reason", k.hidden_reason.value_or("")},
          {"created", TimeView(k.created_at, ctx.lang)},
          {"url", "/consultations/" + std::to_string(k.consultation_id) + "#comment-" + std::to_string(k.id)},
          {"act_url", ActUrl(k.id)},
          {"csrf", ctx.FormToken()}};
}

// A flagged free-text answer, marked as such with its question and consultation.
json TextBase(WebContext& ctx, const TextAnswer& t, const Reshown& r) {
  std::string key = TextKey(t.answer_id, t.question_id);
  return {{"is_answer", true},
          {"anchor", "moderate-answer-" + key},
          {"consultation_title", t.consultation_title},
          {"question", t.question},
          {"respondent", t.respondent},
          {"body", t.text},
          {"created", TimeView(t.answered_at, ctx.lang)},
          {"url", "/consultations/" + std::to_string(t.consultation_id) + "/questionnaire#answer-" + key},
          {"act_url", TextActUrl(t.answer_id, t.question_id)},
          {"csrf", ctx.FormToken()},
          {"reason", ReasonField(ctx, "t" + key + "-", r)}};
}

json QueueView(WebContext& ctx, const QueueItem& q, const Reshown& r) {
  json v = q.text ? TextBase(ctx, *q.text, r) : CommentBase(ctx, q.comment);
  json flags = json::array();
  for (const auto& f : q.flags) {
    flags.push_back({{"reason", ctx.Text("flag_reason_" + f.reason)}, {"note", f.note ? json(*f.note) : json(nullptr)},
                     {"at", TimeView(f.created_at, ctx.lang)}});
  }
  v["flags"] = flags;
  if (!q.text) v["reason"] = ReasonField(ctx, q.comment.id, r);
  return v;
}

// The queue count of the banners after an act.
json QueueCount(WebContext& ctx) {
  auto queue = ctx.app.moderation->QueueSize(ctx.req.actor);
  return queue.ok() ? json({{"n", std::to_string(queue.value())}, {"label", ctx.Text("qmod_count_queue")}})
                    : json(nullptr);
}

// The banner after an act on a free-text answer (answer=<answer>-<question>
// and consultation=<id> in the query), with its undo.
json TextActBanner(WebContext& ctx, const std::string& done, const std::string& undo) {
  auto answer = QueryId(ctx, "answer");
  auto question = QueryId(ctx, "question");
  auto consultation = QueryId(ctx, "consultation");
  if (!answer || !question || !consultation) return DeskBanner(ctx);
  std::string key = TextKey(*answer, *question);
  return DeskBanner(ctx, {{"count", QueueCount(ctx)},
                          {"undo", {{"url", TextActUrl(*answer, *question)}, {"csrf", ctx.FormToken()},
                                    {"action", undo}, {"reason", ctx.Text("desk_undo_reason")},
                                    {"label", ctx.Text("qmod_undo_" + done)}}},
                          {"next", {{"url", "/consultations/" + std::to_string(*consultation) +
                                                "/questionnaire#answer-" + key},
                                    {"label", ctx.Text("qmod_show_results")}}}});
}

// The banner after an act: what was done, how many comments now wait in
// the queue, and the form that undoes it.
json ActBanner(WebContext& ctx) {
  std::string done = ctx.req.Query("done").value_or("");
  auto comment = QueryId(ctx, "comment");
  auto undo = kUndo.find(done);
  if (undo != kUndo.end() && !comment) return TextActBanner(ctx, done, undo->second);
  if (!comment || undo == kUndo.end()) return DeskBanner(ctx);
  return DeskBanner(ctx, {{"count", QueueCount(ctx)},
                          {"undo", {{"url", ActUrl(*comment)}, {"csrf", ctx.FormToken()}, {"action", undo->second},
                                    {"reason", ctx.Text("desk_undo_reason")},
                                    {"label", ctx.Text("desk_undo_" + done)}}},
                          {"next", {{"url", "/comments/" + std::to_string(*comment)},
                                    {"label", ctx.Text("desk_show_comment") + " " + std::to_string(*comment)}}}});
}

ApiResponse ModerationDesk(WebContext& ctx, const Reshown& r, int status = 200) {
  if (auto refused = DeskRefusal(ctx, DeskRole::kModerator)) return *refused;
  auto queue_page = MakePage(std::to_string(kPageSize), ctx.req.Query("cursor"), 4);
  auto hidden_page = MakePage(std::to_string(kPageSize), ctx.req.Query("hidden_cursor"), 1);
  if (!queue_page.ok() || !hidden_page.ok()) return StatusPage(ctx, Status(Code::kInvalidArgument, "bad cursor"));
  auto queue = ctx.app.moderation->Queue(ctx.req.actor, queue_page.value());
  if (!queue.ok()) return StatusPage(ctx, queue.status());
  auto hidden = ctx.app.moderation->Hidden(ctx.req.actor, hidden_page.value());
  if (!hidden.ok()) return StatusPage(ctx, hidden.status());
  json items = json::array();
  for (const auto& q : queue->items) items.push_back(QueueView(ctx, q, r));
  json hidden_items = json::array();
  for (const auto& k : hidden->items) {
    json v = CommentBase(ctx, k);
    v["anchor"] = "hidden-" + std::to_string(k.id);
    v["reason"] = ReasonField(ctx, k.id, r);
    hidden_items.push_back(v);
  }
  json model = {{"queue", items},
                {"queue_empty", items.empty()},
                {"hidden", hidden_items},
                {"hidden_empty", hidden_items.empty()},
                {"pager", Pager("/desk/moderation", {}, queue->next_cursor)},
                {"hidden_pager", hidden->next_cursor ? json({{"next_url", "/desk/moderation?hidden_cursor=" +
                                                                               *hidden->next_cursor + "#h-hidden"}})
                                                     : json(nullptr)}};
  if (r.form) {
    std::string field = "#" + r.prefix + "moderation_reason";
    model["error_summary"] = {{"items", json::array({{{"href", field}, {"message", r.errors.fields.begin()->second}}})}};
  }
  model["banner"] = ActBanner(ctx);
  return RenderDeskPage(ctx, "desk_moderation", "desk_moderation_title", model, status);
}

// Hide, restore, dismiss or reopen with a reason; the queue page again
// with the confirmation and its undo, or with the error at the field.
ApiResponse Act(WebContext& ctx, bool from_thread) {
  WebForm form(ctx.req);
  if (auto refused = CheckPost(ctx, form)) return *refused;
  if (auto refused = DeskRefusal(ctx, DeskRole::kModerator)) return *refused;
  auto id = IdParam(ctx.req);
  if (!id.ok()) return StatusPage(ctx, id.status());
  auto k = ctx.app.comments->Get(id.value());
  if (!k.ok()) return StatusPage(ctx, k.status());
  std::string action = form.Get("action");
  std::string reason = form.Get("moderation_reason");
  bool to_thread = from_thread && form.Get("back") != "desk";
  if (reason.find_first_not_of(" \t\r\n") == std::string::npos) {
    if (to_thread) {
      CommentsState st;
      st.form = &form;
      st.target = "moderate-" + std::to_string(k->id);
      st.errors.Add("moderation_reason", ctx.Text("error_moderation_reason"));
      return ConsultationPage(ctx, k->consultation_id, std::move(st), 422);
    }
    Reshown r{&form, "m" + std::to_string(k->id) + "-", {}};
    r.errors.Add("moderation_reason", ctx.Text("error_moderation_reason"));
    return ModerationDesk(ctx, r, 422);
  }
  auto act = ctx.app.moderation->Moderate(ctx.req.actor, k->id, action, reason, form.Get("undo") == "1");
  // Already in that state (two moderators at once): the page shows the outcome.
  if (!act.ok() && act.status().code() != Code::kConflict) return StatusPage(ctx, act.status());
  std::string comment = std::to_string(k->id);
  if (to_thread) return Redirect(ctx, "/consultations/" + std::to_string(k->consultation_id) + "#comment-" + comment);
  if (!act.ok()) return Redirect(ctx, "/desk/moderation?done=conflict#banner");
  return Redirect(ctx, "/desk/moderation?done=" + action + "&comment=" + comment + "#banner");
}

// Hide, restore, dismiss or reopen a flagged free-text answer with a
// reason, as Act does for a comment.
ApiResponse TextAct(WebContext& ctx) {
  WebForm form(ctx.req);
  if (auto refused = CheckPost(ctx, form)) return *refused;
  if (auto refused = DeskRefusal(ctx, DeskRole::kModerator)) return *refused;
  auto answer = IdParam(ctx.req, "aid");
  auto question = IdParam(ctx.req, "qid");
  if (!answer.ok() || !question.ok()) return StatusPage(ctx, NotFound("no such answer"));
  std::string action = form.Get("action");
  std::string reason = form.Get("moderation_reason");
  if (reason.find_first_not_of(" \t\r\n") == std::string::npos) {
    Reshown r{&form, "t" + TextKey(answer.value(), question.value()) + "-", {}};
    r.errors.Add("moderation_reason", ctx.Text("error_moderation_reason"));
    return ModerationDesk(ctx, r, 422);
  }
  auto act = ctx.app.questionnaires->ActOnText(ctx.req.actor, answer.value(), question.value(), action, reason,
                                               form.Get("undo") == "1");
  // Already in that state (two moderators at once): the page shows the outcome.
  if (!act.ok() && act.status().code() != Code::kConflict) return StatusPage(ctx, act.status());
  if (!act.ok()) return Redirect(ctx, "/desk/moderation?done=conflict#banner");
  return Redirect(ctx, "/desk/moderation?done=" + action + "&answer=" + std::to_string(answer.value()) +
                           "&question=" + std::to_string(question.value()) +
                           "&consultation=" + std::to_string(act->consultation_id) + "#banner");
}

// /moderation: every act with its reason, for everyone.
ApiResponse PublicLog(WebContext& ctx) {
  auto page = MakePage(std::to_string(kPageSize * 2), ctx.req.Query("cursor"), 3);
  if (!page.ok()) return StatusPage(ctx, page.status());
  auto log = ctx.app.moderation->Log(page.value());
  if (!log.ok()) return StatusPage(ctx, log.status());
  json acts = json::array();
  for (const auto& a : log->items) {
    bool text = a.source == 2;
    std::string consultation = "/consultations/" + std::to_string(a.consultation_id);
    acts.push_back({{"action", ctx.Text("desk_action_" + a.action)},
                    {"reason", a.reason},
                    {"role", ctx.Text("role_" + a.moderator_role)},
                    {"at", TimeView(a.at, ctx.lang)},
                    {"comment", text ? ctx.Text("qmod_log_answer") + " " + TextKey(a.answer_id, a.question_id) + ": " +
                                           a.question
                                     : std::to_string(a.comment_id)},
                    {"log", LogLinkView(ctx, a.log_seq)},
                    {"url", text ? consultation + "/questionnaire#answer-" + TextKey(a.answer_id, a.question_id)
                                 : consultation + "#comment-" + std::to_string(a.comment_id)}});
  }
  json model = {{"acts", acts}, {"empty", acts.empty()}, {"pager", Pager("/moderation", {}, log->next_cursor)}};
  return RenderPage(ctx, "desk_moderation_log", ctx.Text("desk_log_title"), model);
}
}  // namespace

void AddDeskModerationPages(Router& r, std::shared_ptr<App> app) {
  r.Add("GET", "/desk/moderation", Web(app, [](WebContext& ctx) { return ModerationDesk(ctx, Reshown()); }));
  r.Add("POST", "/desk/moderation/{id}", Web(app, [](WebContext& ctx) { return Act(ctx, false); }));
  r.Add("POST", "/desk/moderation/answers/{aid}/{qid}", Web(app, TextAct));
  r.Add("POST", "/comments/{id}/moderation", Web(app, [](WebContext& ctx) { return Act(ctx, true); }));
  r.Add("GET", "/moderation", Web(app, PublicLog));
}

}  // namespace samrad::server
