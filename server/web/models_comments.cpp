// View models of comment threads: one comment with its replies down to a
// display depth, its section, its reaction, reply, flag and edit forms, and
// the confirmation of what the signed-in user just did to it.
#include "core/comment_text.h"
#include "core/url_codec.h"
#include "server/web/format.h"
#include "server/web/journalist_models.h"
#include "server/web/log_link.h"
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
  // The form's name in the id: reply and edit forms of one comment both have a body.
  extra["id_prefix"] = "c" + std::to_string(id) + "-" + form + "-";
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

// Support and oppose buttons: a pressed one takes the reaction back.
json ReactionButtons(const WebContext& ctx, const Comment& k, const CommentsState& st) {
  auto mine = st.reactions.find(k.id);
  json out = json::array();
  for (const std::string kind : {"support", "oppose"}) {
    bool pressed = mine != st.reactions.end() && mine->second == kind;
    out.push_back({{"label", ctx.Text("react_" + kind)}, {"pressed", pressed ? "true" : "false"},
                   {"value", pressed ? "none" : kind}});
  }
  return out;
}

// A comment's text by the one rule (CommentTextHtml), without the line
// break after its last paragraph.
std::string CommentBodyHtml(const std::string& text) {
  std::string html = CommentTextHtml(text);
  while (!html.empty() && html.back() == '\n') html.pop_back();
  return html;
}

// The banner of a confirmation shown on the comment it is about.
json DoneBanner(const WebContext& ctx, const Comment& k, const CommentsState& st) {
  if (st.done_id != k.id || st.done.empty()) return nullptr;
  return {{"message", ctx.Text("resident_done_" + st.done)},
          {"link_text", ctx.Text("resident_done_link")},
          {"url", "/comments/" + std::to_string(k.id)}};
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
            {"body_html", k.hidden ? json(nullptr) : json(CommentBodyHtml(k.body))},
            {"own", own},
            {"done", DoneBanner(ctx, k, st)},
            {"reactions", ReactionButtons(ctx, k, st)},
            {"my_reaction", st.reactions.contains(k.id) ? json(ctx.Text("resident_my_reaction_" + st.reactions.at(k.id)))
                                                        : json(nullptr)},
            {"created", TimeView(k.created_at, ctx.lang)},
            {"edited", k.edited_at ? TimeView(*k.edited_at, ctx.lang) : json(nullptr)},
            {"support", std::to_string(k.support)},
            {"oppose", std::to_string(k.oppose)},
            {"can_react", active && !own},
            {"can_reply", active},
            {"can_flag", signed_in && !k.hidden && !own},
            {"can_edit", active && own},
            {"csrf", signed_in ? json(ctx.FormToken()) : json(nullptr)},
            {"reaction_url", "/comments/" + id + "/reaction"},
            {"flag_url", "/comments/" + id + "/flags"},
            {"edit_url", "/comments/" + id + "/edit"},
            {"reply_url", "/consultations/" + std::to_string(k.consultation_id) + "/comments"},
            {"versions_url", k.version > 1 ? json("/comments/" + id + "/versions") : json(nullptr)},
            {"log", LogLinkView(ctx, k.log_seq)}};
  v["about_section"] = nullptr;  // set, so a reply never shows its parent's
  if (k.section_id) {
    auto sec = st.section_headings.find(*k.section_id);
    if (sec != st.section_headings.end()) {
      v["about_section"] = {{"heading", sec->second},
                      {"url", "/consultations/" + std::to_string(k.consultation_id) + "#section-" +
                                  std::to_string(*k.section_id)}};
    }
  }
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
  if (depth + 1 < st.max_depth) {
    for (const auto& r : k.replies) replies.push_back(CommentView(ctx, r, st, depth + 1));
  }
  // "More replies (N)" counts only those not shown here.
  int64_t unseen = k.reply_count - static_cast<int64_t>(replies.size());
  v["replies"] = replies;
  v["has_replies"] = !replies.empty();
  v["more_replies"] = unseen > 0 ? json({{"url", "/comments/" + id + "#replies"}, {"count", std::to_string(unseen)}})
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

std::map<int64_t, std::vector<std::pair<int64_t, std::string>>> AnsweringDecisions(const Consultation& k) {
  std::map<int64_t, std::vector<std::pair<int64_t, std::string>>> out;
  for (const auto& d : k.decisions) {
    for (int64_t c : d.answers_comment_ids) out[c].emplace_back(d.id, d.title);
  }
  return out;
}

}  // namespace samrad::server
