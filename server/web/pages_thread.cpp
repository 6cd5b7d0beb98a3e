// The pages that show comments: the consultation page with its thread a
// page at a time (sort, section filter, page numbers), the page of one
// comment and its replies, and the page of a comment's versions. Each shows
// the confirmation of what the reader just did, or the errors of a re-shown
// form, at the place the redirect's fragment points to.
#include "core/comment_text.h"
#include "core/url_codec.h"
#include "server/web/follow_form.h"
#include "server/web/format.h"
#include "server/web/session.h"
#include "server/web/thread_pages.h"

namespace samrad::server {

using nlohmann::json;

namespace {
const std::vector<std::string> kCommentDone = {"posted", "replied", "edited", "support",
                                               "oppose", "withdrawn", "flagged"};
const std::vector<std::string> kPageDone = {"login", "registered", "privacy_public", "privacy_pseudonym"};

bool Digits(const std::string& s) {
  return !s.empty() && s.size() <= 18 && s.find_first_not_of("0123456789") == std::string::npos;
}

void CollectIds(const Comment& k, std::vector<int64_t>& out) {
  out.push_back(k.id);
  for (const auto& r : k.replies) CollectIds(r, out);
}

// What every thread view adds to st: the reader's reactions on the shown
// comments, section headings, and the confirmation named in the query.
void FillState(WebContext& ctx, const Consultation& k, const std::vector<Comment>& shown, CommentsState& st) {
  st.open = k.state == "open";
  st.answering = AnsweringDecisions(k);
  for (const auto& s : k.sections) st.section_headings[s.id] = s.heading;
  if (ctx.req.actor) {
    std::vector<int64_t> ids;
    for (const auto& c : shown) CollectIds(c, ids);
    if (auto r = ctx.app.comments->ReactionsOf(ctx.req.actor->id, ids); r.ok()) st.reactions = r.value();
  }
  std::string done = ctx.req.Query("done").value_or("");
  std::string about = ctx.req.Query("comment").value_or("");
  about = about.substr(0, about.find('#'));  // a client that sent the fragment along
  if (st.done.empty() && Digits(about) &&
      std::find(kCommentDone.begin(), kCommentDone.end(), done) != kCommentDone.end()) {
    st.done = done;
    st.done_id = std::stoll(about);
  }
}

// The field names, their id prefix and labels of a comment form target.
struct FormFields {
  std::string prefix;
  std::vector<std::pair<std::string, std::string>> names;  // field, label key
};

FormFields FieldsOf(const std::string& target) {
  size_t dash = target.find('-');
  if (target == "new") return {"new-", {{"section_id", "resident_label_section"}, {"body", "label_comment_body"}}};
  std::string form = target.substr(0, dash), id = target.substr(dash + 1);
  std::string prefix = "c" + id + "-" + form + "-";
  if (form == "flag") return {prefix, {{"flag_reason", "label_flag_reason"}, {"flag_note", "label_flag_note"}}};
  if (form == "moderate") return {prefix, {{"moderation_reason", "label_moderation_reason"}}};
  return {prefix, {{"body", "label_" + form + "_body"}}};
}

std::string ConsultationPath(int64_t id) { return "/consultations/" + std::to_string(id); }
}  // namespace

int PageParam(const ApiRequest& req) {
  std::string p = req.Query("page").value_or("1");
  if (!Digits(p) || p.size() > 9) return 1;
  return std::max(1, std::stoi(p));
}

json QueryBanner(WebContext& ctx) {
  std::string done = ctx.req.Query("done").value_or("");
  done = done.substr(0, done.find('#'));
  auto cookies = RequestCookies(ctx.req);
  if (auto c = cookies.find(kDoneCookie); c != cookies.end() && !c->second.empty()) {
    ctx.set_cookies.push_back(DoneCookieHeader("", ctx.req.path, ctx.secure));  // shown once
    if (done.empty()) done = c->second;
  }
  if (std::find(kPageDone.begin(), kPageDone.end(), done) == kPageDone.end()) return nullptr;
  return {{"message", ctx.Text("resident_done_" + done)}};
}

json CommentErrorSummary(const WebContext& ctx, const CommentsState& st) {
  if (!st.form || st.errors.empty()) return nullptr;
  FormFields f = FieldsOf(st.target);
  json items = json::array();
  for (const auto& g : st.errors.general) items.push_back({{"href", "#" + f.prefix + f.names.back().first}, {"message", g}});
  for (const auto& [name, label] : f.names) {
    auto it = st.errors.fields.find(name);
    if (it != st.errors.fields.end()) items.push_back({{"href", "#" + f.prefix + name}, {"message", ctx.Text(label) + ": " + it->second}});
  }
  return {{"items", items}};
}

std::string CommentLocation(WebContext& ctx, int64_t comment_id, const std::string& done) {
  auto place = ctx.app.comments->Place(comment_id, "oldest");
  if (!place.ok()) return "/";
  std::string id = std::to_string(comment_id);
  std::string query = done.empty() ? "" : "&" + QueryString({{"done", done}, {"comment", id}});
  if (place->InThreadRead()) {
    return ConsultationPath(place->consultation_id) + "?page=" + std::to_string(place->position / kThreadPage + 1) +
           query + "#comment-" + id;
  }
  int64_t parent = place->path[place->path.size() - 2];
  return "/comments/" + std::to_string(parent) + "?page=" +
         std::to_string(place->reply_positions.back() / kRepliesPage + 1) + query + "#comment-" + id;
}

ApiResponse CommentFormPage(WebContext& ctx, int64_t comment_id, CommentsState st, int status) {
  auto place = ctx.app.comments->Place(comment_id, "oldest");
  if (!place.ok()) return StatusPage(ctx, place.status());
  if (place->InThreadRead()) {
    st.page = static_cast<int>(place->position / kThreadPage + 1);
    return ConsultationPage(ctx, place->consultation_id, std::move(st), status);
  }
  return CommentPageAt(ctx, comment_id, std::move(st), 1, status);
}

ApiResponse ConsultationPage(WebContext& ctx, int64_t id, CommentsState st, int status) {
  ConsultationPageModel m;
  if (Status s = MakeConsultationPageModel(ctx, id, std::move(st), m); !s.ok()) return StatusPage(ctx, s);
  return RenderPage(ctx, "consultation", m.consultation.title, std::move(m.view), status);
}

// Everything the reader sees that differs from what another reader of the
// same role sees must be one of the personal parts (personal_page.h), made
// in pages_consultation_personal.cpp: the form token, own comments,
// reactions, the follow form and the unread count.
Status MakeConsultationPageModel(WebContext& ctx, int64_t id, CommentsState st, ConsultationPageModel& m) {
  auto k = ctx.app.consultations->Get(ctx.req.actor, id);
  if (!k.ok()) return k.status();
  json v = ConsultationView(ctx, k.value());
  bool has_thread = k->state != "draft" && k->state != "upcoming";
  std::optional<int64_t> section;
  if (std::string q = ctx.req.Query("section").value_or(""); Digits(q)) {
    for (const auto& s : k->sections) {
      if (s.id == std::stoll(q)) section = s.id;
    }
  }
  if (has_thread) {
    std::string sort = ctx.req.Query("sort").value_or("oldest");
    if (std::find(kCommentSorts.begin(), kCommentSorts.end(), sort) == kCommentSorts.end()) sort = "oldest";
    int page = st.page > 0 ? st.page : PageParam(ctx.req);
    auto thread = ctx.app.comments->ThreadAt(id, sort, section, int64_t{page - 1} * kThreadPage, kThreadPage);
    if (!thread.ok()) return thread.status();
    int pages = static_cast<int>((thread->total + kThreadPage - 1) / kThreadPage);
    if (page > std::max(pages, 1)) {  // past the end: the last page
      page = std::max(pages, 1);
      thread = ctx.app.comments->ThreadAt(id, sort, section, int64_t{page - 1} * kThreadPage, kThreadPage);
      if (!thread.ok()) return thread.status();
    }
    if (auto counts = ctx.app.comments->SectionCounts(id); counts.ok()) st.section_counts = counts.value();
    FillState(ctx, k.value(), thread->items, st);
    v["comments"] = CommentsBlock(ctx, k.value(), thread.value(), sort, section, page, kThreadPage, st);
    m.shown = std::move(thread->items);
  }
  std::string path = ConsultationPath(id);
  for (auto& s : v["sections"]) {
    int64_t sid = s["id"].get<int64_t>();
    auto n = st.section_counts.find(sid);
    int64_t count = n == st.section_counts.end() ? 0 : n->second;
    s["comment_count"] = FillText(ctx.Text(count == 1 ? "resident_section_one" : "resident_section_count"),
                                  {{"n", std::to_string(count)}});
    s["thread_url"] = has_thread ? json(path + "?" + QueryString({{"section", std::to_string(sid)}}) + "#comments")
                                 : json(nullptr);
    s["comment_url"] = st.open ? json(path + "?" + QueryString({{"section", std::to_string(sid)}}) + "#comment-form")
                               : json(nullptr);
  }
  if (auto q = ctx.app.questionnaires->Get(ctx.req.actor, id); q.ok() && !q->questions.empty()) {
    v["questionnaire_url"] = "/consultations/" + std::to_string(id) + "/questionnaire";
  }
  v["banner"] = QueryBanner(ctx);
  v["error_summary"] = CommentErrorSummary(ctx, st);
  json head = FeedLinks(ctx, {"consultations", "decisions"});
  json own_feed = {{"atom", "/feeds/consultations/" + std::to_string(id) + "/comments.atom"},
                   {"rss", "/feeds/consultations/" + std::to_string(id) + "/comments.rss"},
                   {"label", FillText(ctx.Text("resident_feed_comments"), {{"title", k->title}})}};
  if (has_thread) {
    head.insert(head.begin(), own_feed);
    v["comment_feed"] = own_feed;
  }
  if (k->published_at) v["follow_form"] = FollowFormView(ctx, "consultation", std::to_string(id), k->title);
  v["head_feeds"] = head;
  m.consultation = std::move(k.value());
  m.view = std::move(v);
  m.st = std::move(st);
  return Status::Ok();
}

ApiResponse CommentPageAt(WebContext& ctx, int64_t id, CommentsState st, int page, int status) {
  auto k = ctx.app.comments->Get(id);
  if (!k.ok()) return StatusPage(ctx, k.status());
  auto consultation = ctx.app.consultations->Get(ctx.req.actor, k->consultation_id);
  if (!consultation.ok()) return StatusPage(ctx, consultation.status());
  auto replies = ctx.app.comments->RepliesAt(id, int64_t{page - 1} * kRepliesPage, kRepliesPage);
  if (!replies.ok()) return StatusPage(ctx, replies.status());
  int pages = static_cast<int>((replies->total + kRepliesPage - 1) / kRepliesPage);
  Comment top = k.value();
  top.replies = replies->items;
  top.reply_count = static_cast<int64_t>(replies->items.size());  // the rest are on other pages
  FillState(ctx, consultation.value(), {top}, st);
  if (ctx.req.Query("flagged") && st.done.empty()) {
    st.done = "flagged";
    st.done_id = id;
  }
  std::string path = "/comments/" + std::to_string(id);
  auto url = [&](int n) { return path + (n > 1 ? "?page=" + std::to_string(n) : "") + "#replies"; };
  json position = nullptr;
  if (!replies->items.empty()) {
    int64_t from = int64_t{page - 1} * kRepliesPage + 1;
    position = FillText(ctx.Text("resident_replies_range"),
                        {{"from", std::to_string(from)},
                         {"to", std::to_string(from + static_cast<int64_t>(replies->items.size()) - 1)},
                         {"total", std::to_string(replies->total)}});
  }
  json model = {{"comment", CommentView(ctx, top, st, 0)},
                {"consultation", {{"title", consultation->title},
                                  {"url", ConsultationPath(consultation->id) + "#comments"},
                                  {"content_lang", consultation->language}}},
                {"parent_url", k->parent_id ? json("/comments/" + std::to_string(*k->parent_id)) : json(nullptr)},
                {"position", position},
                {"error_summary", CommentErrorSummary(ctx, st)},
                {"pages", PageNumbers(ctx, url, page, pages)}};
  return RenderPage(ctx, "comment", ctx.Text("comment_page_title"), model, status);
}

ApiResponse CommentVersionsPage(WebContext& ctx) {
  auto id = IdParam(ctx.req);
  if (!id.ok()) return StatusPage(ctx, id.status());
  auto versions = ctx.app.comments->Versions(id.value());
  if (!versions.ok()) return StatusPage(ctx, versions.status());
  const Comment& k = versions->first;
  auto consultation = ctx.app.consultations->Get(ctx.req.actor, k.consultation_id);
  if (!consultation.ok()) return StatusPage(ctx, consultation.status());
  json items = json::array();
  for (auto it = versions->second.rbegin(); it != versions->second.rend(); ++it) {
    items.push_back({{"label", FillText(ctx.Text("resident_version_n"), {{"n", std::to_string(it->version)}})},
                     {"current", it->version == k.version},
                     {"created", TimeView(it->created_at, ctx.lang)},
                     {"body_html", k.hidden ? json(nullptr) : json(CommentTextHtml(it->body))}});
  }
  json model = {{"comment_url", CommentLocation(ctx, k.id, "")},
                {"hidden", k.hidden},
                {"hidden_reason", k.hidden_reason.value_or("")},
                {"content_lang", consultation->language},
                {"consultation", {{"title", consultation->title}, {"url", ConsultationPath(consultation->id)}}},
                {"json_url", "/api/v1/comments/" + std::to_string(k.id) + "/versions"},
                {"versions", items}};
  return RenderPage(ctx, "comment_versions", ctx.Text("resident_versions_title"), model);
}

}  // namespace samrad::server
