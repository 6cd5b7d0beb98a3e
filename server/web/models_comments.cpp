// View models of comment threads: one comment with its replies down to a
// display depth, its reaction, reply, flag and edit forms, and the block of
// a consultation page that holds the thread, the sort choice and the pager.
#include "core/url_codec.h"
#include "server/web/format.h"
#include "server/web/journalist_models.h"
#include "server/web/models.h"

namespace samrad::server {

using nlohmann::json;

const std::vector<std::string> kFlagReasons = {"spam", "offensive", "off_topic", "personal_data"};
const std::vector<std::string> kCommentSorts = {"oldest", "newest", "supported"};

namespace {
// A field of the form `form` ("reply", "edit", "flag", "moderate") of comment
// id, with the re-shown value and error when the post was for this form.
// A comment text is labelled by its form (label_reply_body, label_edit_body).
json CommentField(WebContext& ctx, const CommentsState& st, const std::string& form, int64_t id,
                  const std::string& name, const std::string& fallback, json extra) {
  std::string target = form + "-" + std::to_string(id);
  bool reshown = st.form && st.target == target;
  extra["id_prefix"] = "c" + std::to_string(id) + "-";
  if (name == "body") {
    extra["label"] = ctx.Text("label_" + form + "_body");
    extra["hint"] = ctx.Text("hint_comment_body");
  }
  return FieldView(ctx, name, reshown ? st.form->Get(name) : fallback, reshown ? st.errors : FormErrors{}, extra);
}

json AuthorView(const WebContext& ctx, const Author& a) {
  return {{"name", AuthorLabel(ctx, a)},
          {"pseudonym", a.kind == "pseudonym"},
          {"deleted", a.kind == "deleted"},
          {"official", a.official}};
}
}  // namespace

json CommentView(WebContext& ctx, const Comment& k, const CommentsState& st, int depth) {
  std::string id = std::to_string(k.id);
  bool signed_in = ctx.req.actor.has_value();
  bool active = signed_in && st.open && !k.hidden;
  bool own = signed_in && ctx.req.actor->id == k.author_id;
  json answered = json::array();
  if (auto it = st.answering.find(k.id); it != st.answering.end()) {
    for (const auto& [did, title] : it->second) {
      answered.push_back({{"url", "/decisions/" + std::to_string(did)}, {"title", title}});
    }
  }
  bool official_reply = false;
  for (const auto& r : k.replies) official_reply = official_reply || (r.official && !r.hidden);
  json v = {{"id", k.id},
            {"anchor", "comment-" + id},
            {"url", "/comments/" + id},
            {"author", AuthorView(ctx, k.author)},
            {"official", k.official},
            {"answered", official_reply || !answered.empty()},
            {"answered_by", answered},
            {"hidden", k.hidden},
            {"hidden_reason", k.hidden_reason ? json(*k.hidden_reason) : json("")},
            {"body", k.hidden ? json(nullptr) : json(k.body)},
            {"created", TimeView(k.created_at, ctx.lang)},
            {"edited", k.edited_at ? TimeView(*k.edited_at, ctx.lang) : json(nullptr)},
            {"support", std::to_string(k.support)},
            {"oppose", std::to_string(k.oppose)},
            {"can_react", active},
            {"can_reply", active},
            {"can_flag", signed_in && !k.hidden && !own},
            {"can_edit", active && own},
            {"csrf", signed_in ? json(ctx.FormToken()) : json(nullptr)},
            {"reaction_url", "/comments/" + id + "/reaction"},
            {"flag_url", "/comments/" + id + "/flags"},
            {"edit_url", "/comments/" + id + "/edit"},
            {"reply_url", "/consultations/" + std::to_string(k.consultation_id) + "/comments"},
            {"versions_url", k.version > 1 ? json("/api/v1/comments/" + id + "/versions") : json(nullptr)}};
  if (active) {
    v["reply_field"] = CommentField(ctx, st, "reply", k.id, "body", "", {{"rows", 3}, {"required", true}});
    v["reply_open"] = st.form && st.target == "reply-" + id;
  }
  if (active && own) {
    v["edit_field"] = CommentField(ctx, st, "edit", k.id, "body", k.body, {{"rows", 4}, {"required", true}});
    v["edit_open"] = st.form && st.target == "edit-" + id;
  }
  if (signed_in && !k.hidden && !own) {
    std::string chosen = st.form && st.target == "flag-" + id ? st.form->Get("flag_reason") : "";
    v["flag_reason"] = CommentField(ctx, st, "flag", k.id, "flag_reason", "",
                                    {{"options", Options(ctx, kFlagReasons, "flag_reason_", chosen)}});
    v["flag_note"] = CommentField(ctx, st, "flag", k.id, "flag_note", "", {{"rows", 2}});
    v["flag_open"] = st.form && st.target == "flag-" + id;
  }
  bool moderator = signed_in && ctx.req.actor->IsModerator();
  v["can_moderate"] = moderator;
  if (moderator) v["moderate"] = ModerationFormView(ctx, k, st, st.back);
  json replies = json::array();
  bool more = k.reply_count > static_cast<int64_t>(k.replies.size());
  if (depth + 1 < st.max_depth) {
    for (const auto& r : k.replies) replies.push_back(CommentView(ctx, r, st, depth + 1));
  } else {
    more = k.reply_count > 0;
  }
  v["replies"] = replies;
  v["has_replies"] = !replies.empty();
  v["more_replies"] = more ? json({{"url", "/comments/" + id + "#replies"}, {"count", std::to_string(k.reply_count)}})
                           : json(nullptr);
  return v;
}

json ModerationFormView(WebContext& ctx, const Comment& k, const CommentsState& st, const std::string& back) {
  std::string id = std::to_string(k.id);
  return {{"url", "/comments/" + id + "/moderation"},
          {"csrf", ctx.FormToken()},
          {"action", k.hidden ? "restore" : "hide"},
          {"back", back},
          {"submit", ctx.Text(k.hidden ? "moderate_restore" : "moderate_hide")},
          {"open", st.form && st.target == "moderate-" + id},
          {"reason", CommentField(ctx, st, "moderate", k.id, "moderation_reason", "", {{"required", true}})}};
}

json CommentsBlock(WebContext& ctx, const Consultation& k, const Listing<Comment>& thread, const std::string& sort,
                   const CommentsState& st) {
  json threads = json::array();
  for (const auto& c : thread.items) threads.push_back(CommentView(ctx, c, st, 0));
  std::string path = "/consultations/" + std::to_string(k.id);
  json sorts = json::array();
  for (const auto& s : kCommentSorts) {
    sorts.push_back({{"label", ctx.Text("sort_" + s)}, {"current", s == sort},
                     {"url", path + "?" + QueryString({{"sort", s}}) + "#comments"}});
  }
  json pager = Pager(path, {{"sort", sort}}, thread.next_cursor);
  if (pager.is_object()) pager["next_url"] = pager["next_url"].get<std::string>() + "#comments";
  json block = {{"count", std::to_string(k.comment_count)},
                {"threads", threads},
                {"empty", threads.empty()},
                {"sorts", sorts},
                {"pager", pager},
                {"open", st.open},
                {"signed_in", ctx.req.actor.has_value()},
                {"login_url", "/login?next=" + PercentEncode(path + "#comment-form")},
                {"form", nullptr}};
  if (st.open && ctx.req.actor) {
    bool reshown = st.form && st.target == "new";
    block["form"] = {{"csrf", ctx.FormToken()},
                     {"action", path + "/comments"},
                     {"error_summary", reshown ? ErrorSummary(ctx, st.errors, {"body"}, "comment-form", "new-") : json(nullptr)},
                     {"body", FieldView(ctx, "body", reshown ? st.form->Get("body") : "", reshown ? st.errors : FormErrors{},
                                        {{"rows", 5}, {"required", true}, {"id_prefix", "new-"},
                                         {"label", ctx.Text("label_comment_body")}})}};
  }
  return block;
}

std::map<int64_t, std::vector<std::pair<int64_t, std::string>>> AnsweringDecisions(const Consultation& k) {
  std::map<int64_t, std::vector<std::pair<int64_t, std::string>>> out;
  for (const auto& d : k.decisions) {
    for (int64_t c : d.answers_comment_ids) out[c].emplace_back(d.id, d.title);
  }
  return out;
}

}  // namespace samrad::server
