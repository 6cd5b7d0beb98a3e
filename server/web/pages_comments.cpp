// The consultation page with its comment threads, the page of one comment
// and its replies, and the comment forms: post and reply, react, flag, edit.
// Each post answers with a redirect back to the comment, or the page again
// with the error tied to the form's field.
#include "server/http/router.h"
#include "server/web/models.h"
#include "server/web/pages.h"

namespace samrad::server {

using nlohmann::json;

namespace {
constexpr int kThreadPage = 10;
constexpr int kRepliesPage = 20;

std::string CommentUrl(int64_t consultation_id, int64_t comment_id) {
  return "/consultations/" + std::to_string(consultation_id) + "#comment-" + std::to_string(comment_id);
}

// The error of a refused comment text, tied to its body field.
FormErrors BodyErrors(WebContext& ctx, const Status& s) {
  FormErrors e;
  const std::string& m = s.message();
  if (s.code() == Code::kTooManyRequests) {
    e.Add("body", ctx.Text("error_comment_rate"));
  } else if (s.code() == Code::kConflict && m.find("same text") != std::string::npos) {
    e.Add("body", ctx.Text("error_comment_duplicate"));
  } else if (s.code() == Code::kInvalidArgument && m.find("at most") != std::string::npos) {
    e.Add("body", ctx.Text("error_comment_too_long"));
  } else if (s.code() == Code::kInvalidArgument) {
    e.Add("body", ctx.Text("error_comment_empty"));
  }
  return e;
}

// The comment a post is about, or the page saying why not.
Result<Comment> TargetComment(WebContext& ctx) {
  auto id = IdParam(ctx.req);
  if (!id.ok()) return id.status();
  return ctx.app.comments->Get(id.value());
}

ApiResponse Show(WebContext& ctx) {
  auto id = IdParam(ctx.req);
  if (!id.ok()) return StatusPage(ctx, id.status());
  const CommentsState none;
  return ConsultationPage(ctx, id.value(), none, 200);
}

ApiResponse PostComment(WebContext& ctx) {
  WebForm form(ctx.req);
  if (auto refused = CheckPost(ctx, form)) return *refused;
  auto id = IdParam(ctx.req);
  if (!id.ok()) return StatusPage(ctx, id.status());
  if (!ctx.req.actor) return StatusPage(ctx, Unauthenticated("sign in first"));
  NewComment n{form.Get("body"), std::nullopt, std::nullopt};
  std::string parent = form.Get("parent_id");
  if (!parent.empty()) {
    if (parent.size() > 18 || parent.find_first_not_of("0123456789") != std::string::npos) {
      return StatusPage(ctx, InvalidField("/parent_id", "not a comment id"));
    }
    n.parent_id = std::stoll(parent);
  }
  auto made = ctx.app.comments->Post(ctx.req.actor, id.value(), n);
  if (made.ok()) return Redirect(ctx, CommentUrl(id.value(), made->id));
  CommentsState st;
  st.errors = BodyErrors(ctx, made.status());
  if (st.errors.empty()) return StatusPage(ctx, made.status());
  st.form = &form;
  st.target = n.parent_id ? "reply-" + parent : "new";
  int status = made.status().code() == Code::kTooManyRequests ? 429
               : made.status().code() == Code::kConflict      ? 409
                                                              : 422;
  return ConsultationPage(ctx, id.value(), std::move(st), status);
}

ApiResponse React(WebContext& ctx) {
  WebForm form(ctx.req);
  if (auto refused = CheckPost(ctx, form)) return *refused;
  auto k = TargetComment(ctx);
  if (!k.ok()) return StatusPage(ctx, k.status());
  std::string kind = form.Get("kind");
  if (kind != "support" && kind != "oppose" && kind != "none") {
    return StatusPage(ctx, InvalidField("/kind", "support, oppose or none"));
  }
  auto state = ctx.app.comments->React(ctx.req.actor, k->id,
                                       kind == "none" ? std::nullopt : std::optional<std::string>(kind));
  if (!state.ok()) return StatusPage(ctx, state.status());
  return Redirect(ctx, CommentUrl(k->consultation_id, k->id));
}

ApiResponse Flag(WebContext& ctx) {
  WebForm form(ctx.req);
  if (auto refused = CheckPost(ctx, form)) return *refused;
  auto k = TargetComment(ctx);
  if (!k.ok()) return StatusPage(ctx, k.status());
  std::string reason = form.Get("flag_reason");
  std::string note = form.Get("flag_note");
  if (std::find(kFlagReasons.begin(), kFlagReasons.end(), reason) == kFlagReasons.end()) {
    return StatusPage(ctx, InvalidField("/reason", "unknown reason"));
  }
  auto flag = ctx.app.moderation->FlagComment(ctx.req.actor, k->id, reason, NonEmpty(note));
  if (!flag.ok() && flag.status().code() != Code::kConflict) return StatusPage(ctx, flag.status());
  // Flagging twice is no error for the reader: the flag is there either way.
  return Redirect(ctx, "/comments/" + std::to_string(k->id) + "?flagged=1");
}

ApiResponse Edit(WebContext& ctx) {
  WebForm form(ctx.req);
  if (auto refused = CheckPost(ctx, form)) return *refused;
  auto k = TargetComment(ctx);
  if (!k.ok()) return StatusPage(ctx, k.status());
  auto edited = ctx.app.comments->Edit(ctx.req.actor, k->id, form.Get("body"));
  if (edited.ok()) return Redirect(ctx, CommentUrl(k->consultation_id, k->id));
  CommentsState st;
  st.errors = BodyErrors(ctx, edited.status());
  if (st.errors.empty()) return StatusPage(ctx, edited.status());
  st.form = &form;
  st.target = "edit-" + std::to_string(k->id);
  return ConsultationPage(ctx, k->consultation_id, std::move(st), 422);
}

// One comment with all its replies, a page at a time.
ApiResponse CommentPage(WebContext& ctx) {
  auto k = TargetComment(ctx);
  if (!k.ok()) return StatusPage(ctx, k.status());
  auto consultation = ctx.app.consultations->Get(ctx.req.actor, k->consultation_id);
  if (!consultation.ok()) return StatusPage(ctx, consultation.status());
  auto page = MakePage(std::to_string(kRepliesPage), ctx.req.Query("cursor"), 1);
  if (!page.ok()) return StatusPage(ctx, page.status());
  auto replies = ctx.app.comments->Replies(k->id, page.value());
  if (!replies.ok()) return StatusPage(ctx, replies.status());
  CommentsState st;
  st.open = consultation->state == "open";
  st.answering = AnsweringDecisions(consultation.value());
  Comment top = k.value();
  top.replies = replies->items;
  top.reply_count = static_cast<int64_t>(replies->items.size());  // the rest are paged below
  json model = {{"comment", CommentView(ctx, top, st, 0)},
                {"consultation", {{"title", consultation->title},
                                  {"url", "/consultations/" + std::to_string(consultation->id) + "#comments"},
                                  {"content_lang", consultation->language}}},
                {"parent_url", k->parent_id ? json("/comments/" + std::to_string(*k->parent_id)) : json(nullptr)},
                {"flagged", ctx.req.Query("flagged").has_value()},
                {"pager", Pager("/comments/" + std::to_string(k->id), {}, replies->next_cursor)}};
  return RenderPage(ctx, "comment", ctx.Text("comment_page_title"), model);
}
}  // namespace

ApiResponse ConsultationPage(WebContext& ctx, int64_t id, CommentsState st, int status) {
  auto k = ctx.app.consultations->Get(ctx.req.actor, id);
  if (!k.ok()) return StatusPage(ctx, k.status());
  json v = ConsultationView(ctx, k.value());
  if (k->state != "draft" && k->state != "upcoming") {
    std::string sort = ctx.req.Query("sort").value_or("oldest");
    if (std::find(kCommentSorts.begin(), kCommentSorts.end(), sort) == kCommentSorts.end()) sort = "oldest";
    auto page = MakePage(std::to_string(kThreadPage), ctx.req.Query("cursor"), 2);
    if (!page.ok()) return StatusPage(ctx, page.status());
    auto thread = ctx.app.comments->Thread(id, sort, page.value());
    if (!thread.ok()) return StatusPage(ctx, thread.status());
    st.open = k->state == "open";
    st.answering = AnsweringDecisions(k.value());
    v["comments"] = CommentsBlock(ctx, k.value(), thread.value(), sort, st);
  }
  v["head_feeds"] = FeedLinks(ctx, {"consultations", "decisions"});
  return RenderPage(ctx, "consultation", k->title, v, status);
}

void AddCommentPages(Router& r, std::shared_ptr<App> app) {
  r.Add("GET", "/consultations/{id}", Web(app, Show));
  r.Add("POST", "/consultations/{id}/comments", Web(app, PostComment));
  r.Add("GET", "/comments/{id}", Web(app, CommentPage));
  r.Add("POST", "/comments/{id}/reaction", Web(app, React));
  r.Add("POST", "/comments/{id}/flags", Web(app, Flag));
  r.Add("POST", "/comments/{id}/edit", Web(app, Edit));
}

}  // namespace samrad::server
