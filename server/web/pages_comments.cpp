// The comment forms: post and reply (optionally about a section), react
// (support, oppose, or take it back), flag and edit. Each post answers with
// a redirect to the page that shows the comment, anchored to it and with
// the confirmation of what was done, or the page again with the form's
// errors summarised at the top and tied to its fields.
#include "server/http/router.h"
#include "server/web/models.h"
#include "server/web/pages.h"
#include "server/web/personal_page_serve.h"
#include "server/web/thread_pages.h"

namespace samrad::server {

using nlohmann::json;

namespace {
// The error of a refused comment, tied to its field.
FormErrors CommentErrors(WebContext& ctx, const Status& s) {
  FormErrors e;
  const std::string& m = s.message();
  bool section = false;
  for (const auto& f : s.errors()) section = section || f.field == "/section_id";
  if (s.code() == Code::kTooManyRequests) {
    e.Add("body", ctx.Text("error_comment_rate"));
  } else if (s.code() == Code::kConflict && m.find("same text") != std::string::npos) {
    e.Add("body", ctx.Text("error_comment_duplicate"));
  } else if (section) {
    e.Add("section_id", ctx.Text("resident_error_section"));
  } else if (s.code() == Code::kInvalidArgument && m.find("at most") != std::string::npos) {
    e.Add("body", ctx.Text("error_comment_too_long"));
  } else if (s.code() == Code::kInvalidArgument) {
    e.Add("body", ctx.Text("error_comment_empty"));
  }
  return e;
}

int RefusalStatus(const Status& s) {
  switch (s.code()) {
    case Code::kTooManyRequests: return 429;
    case Code::kConflict: return 409;
    default: return 422;
  }
}

// An optional id field of a form: nullopt when empty, an error when not a number.
Result<std::optional<int64_t>> OptionalId(const WebForm& form, const std::string& name) {
  std::string v = form.Get(name);
  if (v.empty()) return std::optional<int64_t>();
  if (v.size() > 18 || v.find_first_not_of("0123456789") != std::string::npos) {
    return InvalidField("/" + name, "not an id");
  }
  return std::optional<int64_t>(std::stoll(v));
}

// The comment a post is about, or the page saying why not.
Result<Comment> TargetComment(WebContext& ctx) {
  auto id = IdParam(ctx.req);
  if (!id.ok()) return id.status();
  return ctx.app.comments->Get(id.value());
}

// Signed in, the page shared by every reader of the role with the reader's
// own parts filled in, when it can be.
ApiResponse Show(WebContext& ctx, PersonalPageCache& cache) {
  auto id = IdParam(ctx.req);
  if (!id.ok()) return StatusPage(ctx, id.status());
  if (auto page = PersonalConsultationPage(ctx, id.value(), cache)) return std::move(*page);
  return ConsultationPage(ctx, id.value(), CommentsState{}, 200);
}

ApiResponse PostComment(WebContext& ctx) {
  WebForm form(ctx.req);
  if (auto refused = CheckPost(ctx, form)) return *refused;
  auto id = IdParam(ctx.req);
  if (!id.ok()) return StatusPage(ctx, id.status());
  if (!ctx.req.actor) return StatusPage(ctx, Unauthenticated("sign in first"));
  auto parent = OptionalId(form, "parent_id");
  if (!parent.ok()) return StatusPage(ctx, parent.status());
  auto section = OptionalId(form, "section_id");
  NewComment n{form.Get("body"), parent.value(), section.ok() ? section.value() : std::optional<int64_t>(-1)};
  auto made = ctx.app.comments->Post(ctx.req.actor, id.value(), n);
  if (made.ok()) return Redirect(ctx, CommentLocation(ctx, made->id, n.parent_id ? "replied" : "posted"));
  CommentsState st;
  st.errors = CommentErrors(ctx, made.status());
  if (st.errors.empty()) return StatusPage(ctx, made.status());
  st.form = &form;
  if (!n.parent_id) {
    st.target = "new";
    return ConsultationPage(ctx, id.value(), std::move(st), RefusalStatus(made.status()));
  }
  st.target = "reply-" + std::to_string(*n.parent_id);
  return CommentFormPage(ctx, *n.parent_id, std::move(st), RefusalStatus(made.status()));
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
  if (ctx.req.actor && ctx.req.actor->id == k->author_id) {
    return StatusPage(ctx, Forbidden("one does not react to one's own comment"));
  }
  auto state = ctx.app.comments->React(ctx.req.actor, k->id,
                                       kind == "none" ? std::nullopt : std::optional<std::string>(kind));
  if (!state.ok()) return StatusPage(ctx, state.status());
  return Redirect(ctx, CommentLocation(ctx, k->id, kind == "none" ? "withdrawn" : kind));
}

ApiResponse Flag(WebContext& ctx) {
  WebForm form(ctx.req);
  if (auto refused = CheckPost(ctx, form)) return *refused;
  auto k = TargetComment(ctx);
  if (!k.ok()) return StatusPage(ctx, k.status());
  std::string reason = form.Get("flag_reason");
  std::string note = form.Get("flag_note");
  if (std::find(kFlagReasons.begin(), kFlagReasons.end(), reason) == kFlagReasons.end()) {
    CommentsState st;
    st.errors.Add("flag_reason", ctx.Text("resident_error_flag_reason"));
    st.form = &form;
    st.target = "flag-" + std::to_string(k->id);
    return CommentFormPage(ctx, k->id, std::move(st), 422);
  }
  auto flag = ctx.app.moderation->FlagComment(ctx.req.actor, k->id, reason, NonEmpty(note));
  if (!flag.ok() && flag.status().code() != Code::kConflict) return StatusPage(ctx, flag.status());
  // Flagging twice is no error for the reader: the flag is there either way.
  return Redirect(ctx, CommentLocation(ctx, k->id, "flagged"));
}

ApiResponse Edit(WebContext& ctx) {
  WebForm form(ctx.req);
  if (auto refused = CheckPost(ctx, form)) return *refused;
  auto k = TargetComment(ctx);
  if (!k.ok()) return StatusPage(ctx, k.status());
  auto edited = ctx.app.comments->Edit(ctx.req.actor, k->id, form.Get("body"));
  if (edited.ok()) return Redirect(ctx, CommentLocation(ctx, k->id, "edited"));
  CommentsState st;
  st.errors = CommentErrors(ctx, edited.status());
  if (st.errors.empty()) return StatusPage(ctx, edited.status());
  st.form = &form;
  st.target = "edit-" + std::to_string(k->id);
  return CommentFormPage(ctx, k->id, std::move(st), 422);
}

ApiResponse CommentPage(WebContext& ctx) {
  auto id = IdParam(ctx.req);
  if (!id.ok()) return StatusPage(ctx, id.status());
  return CommentPageAt(ctx, id.value(), CommentsState{}, PageParam(ctx.req), 200);
}
}  // namespace

void AddCommentPages(Router& r, std::shared_ptr<App> app) {
  auto cache = SharedPersonalPages(*app);
  r.Add("GET", "/consultations/{id}", Web(app, [cache](WebContext& ctx) { return Show(ctx, *cache); }));
  r.Add("POST", "/consultations/{id}/comments", Web(app, PostComment));
  r.Add("GET", "/comments/{id}", Web(app, CommentPage));
  r.Add("GET", "/comments/{id}/versions", Web(app, CommentVersionsPage));
  r.Add("POST", "/comments/{id}/reaction", Web(app, React));
  r.Add("POST", "/comments/{id}/flags", Web(app, Flag));
  r.Add("POST", "/comments/{id}/edit", Web(app, Edit));
}

}  // namespace samrad::server
