// View models of the desk's comment blocks: the moderation queue with its
// hide and restore forms, and the comments awaiting an official answer.
#include "server/web/format.h"
#include "server/web/models.h"

namespace samrad::server {

using nlohmann::json;

namespace {
std::string OnConsultation(const Comment& k) {
  return "/consultations/" + std::to_string(k.consultation_id) + "#comment-" + std::to_string(k.id);
}

json Excerpt(const WebContext& ctx, const Comment& k) {
  return {{"author", k.author.kind == "deleted" ? json(nullptr) : json(k.author.name)},
          {"body", k.hidden ? json(nullptr) : json(k.body)},
          {"hidden", k.hidden},
          {"hidden_reason", k.hidden_reason.value_or("")},
          {"created", TimeView(k.created_at, ctx.lang)},
          {"url", OnConsultation(k)}};
}
}  // namespace

json QueueItemView(WebContext& ctx, const QueueItem& q, const CommentsState& st) {
  json flags = json::array();
  for (const auto& f : q.flags) {
    flags.push_back({{"reason", ctx.Text("flag_reason_" + f.reason)}, {"note", f.note ? json(*f.note) : json(nullptr)},
                     {"at", TimeView(f.created_at, ctx.lang)}});
  }
  json v = Excerpt(ctx, q.comment);
  v["id"] = std::to_string(q.comment.id);
  v["anchor"] = "moderate-" + std::to_string(q.comment.id);
  v["flags"] = flags;
  v["flagged"] = TimeView(q.flagged_at, ctx.lang);
  v["moderate"] = ModerationFormView(ctx, q.comment, st, "desk");
  return v;
}

json AwaitingView(const WebContext& ctx, const AnsweredComment& a) {
  json v = Excerpt(ctx, a.comment);
  v["id"] = std::to_string(a.comment.id);
  v["consultation"] = a.consultation_title;
  v["content_lang"] = a.consultation_language;
  v["decision_url"] = "/desk/decisions/new?answers=" + std::to_string(a.comment.id);
  return v;
}

json MyCommentView(const WebContext& ctx, const AnsweredComment& a) {
  json v = AwaitingView(ctx, a);
  json replies = json::array();
  for (const auto& r : a.official_replies) {
    replies.push_back({{"author", r.author.name}, {"body", r.body}, {"url", OnConsultation(r)},
                       {"created", TimeView(r.created_at, ctx.lang)}});
  }
  json decisions = json::array();
  for (int64_t d : a.decision_ids) decisions.push_back({{"url", "/decisions/" + std::to_string(d)}});
  v["official_replies"] = replies;
  v["decisions"] = decisions;
  v["answered"] = !replies.empty() || !decisions.empty();
  v["decision_url"] = nullptr;
  return v;
}

}  // namespace samrad::server
