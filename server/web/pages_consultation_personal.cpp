// The consultation page for signed-in readers, made once for every reader
// of the same role and language at each data version, with placeholders
// (personal_page.h) where one reader's page differs from another's: the
// form token, the unread count, the follow form, and each comment's own
// marks and edit form or the reader's pressed reaction. Each reader's
// request then costs the few small reads of what is theirs.
#include "server/web/personal_page_serve.h"
#include "server/web/templates.h"
#include "server/web/thread_pages.h"

namespace samrad::server {

using nlohmann::json;

namespace {
// Gives every comment view a region and collects the forms each region may
// take: as anyone sees it, supported, opposed, and as its author sees it.
class CommentRegions {
 public:
  CommentRegions(WebContext& ctx, const CommentsState& st, std::vector<SlotInfo>& slots, json& forms)
      : ctx_(ctx), st_(st), slots_(slots), forms_(forms) {}

  // False when the views are not those of the comments (then no region is trusted).
  bool Mark(json& views, const std::vector<Comment>& comments, int depth) {
    if (!views.is_array() || views.size() > comments.size()) return false;
    for (size_t i = 0; i < views.size(); ++i) {
      json& v = views[i];
      const Comment& c = comments[i];
      if (v.value("id", int64_t{-1}) != c.id) return false;
      size_t slot = slots_.size();
      slots_.push_back({SlotKind::kComment, c.id, c.author_id});
      Region(v, slot);
      // The comment's forms without its replies' views (they have their own).
      CommentsState st = st_;
      st.max_depth = depth + 1;
      Comment own = c;
      own.author_id = kNobody;
      for (const char* reaction : {"", "support", "oppose"}) {
        if (*reaction) st.reactions[c.id] = reaction;
        forms_.push_back(Region(CommentView(ctx_, c, st, depth), slot));
      }
      st.reactions.erase(c.id);
      forms_.push_back(Region(CommentView(ctx_, own, st, depth), slot));
      json& replies = v["replies"];
      if (replies.is_array() && !replies.empty() && !Mark(replies, c.replies, depth + 1)) return false;
    }
    return true;
  }

  static json& Region(json& view, size_t slot) {
    view["personal_begin"] = PersonalMarks::Begin(slot);
    view["personal_end"] = PersonalMarks::End();
    return view;
  }
  static json Region(json&& view, size_t slot) { return std::move(Region(view, slot)); }

 private:
  WebContext& ctx_;
  const CommentsState& st_;
  std::vector<SlotInfo>& slots_;
  json& forms_;
};

// The page of consultation id as every reader of the reader's role and
// language sees it, with placeholders; an entry without a page when it
// cannot be shared; nullptr when the read failed (the whole render then answers).
std::shared_ptr<const PersonalEntry> MakeShared(const WebContext& reader, int64_t id) {
  SharedReader shared(reader);
  WebContext& ctx = shared.ctx();
  std::vector<SlotInfo>& slots = shared.slots;
  ConsultationPageModel m;
  if (!MakeConsultationPageModel(ctx, id, CommentsState{}, m).ok()) return nullptr;
  json variants = {{"t", ctx.t}, {"lang", ctx.lang}, {"csrf", PersonalMarks::Token()}};
  json& comment_forms = variants["comments"]["personal_variants"] = json::array();
  if (m.view["comments"].is_object()) {
    CommentRegions regions(ctx, m.st, slots, comment_forms);
    if (!regions.Mark(m.view["comments"]["threads"], m.shown, 0)) return std::make_shared<PersonalEntry>();
  }
  if (json& follow = m.view["follow_form"]; follow.is_object()) {
    size_t slot = slots.size();
    slots.push_back({SlotKind::kFollow});
    CommentRegions::Region(follow, slot);
    json following = follow;
    following["following"] = true;
    variants["personal_follow_variants"] = {follow, following};
  }
  // The forms are rendered where the page has them: inside its model.
  for (auto& [k, v] : m.view.items()) {
    if (k != "comments") variants.emplace(k, v);
  }
  for (auto& [k, v] : m.view["comments"].items()) {
    if (k != "threads") variants["comments"].emplace(k, v);
  }
  ApiResponse page = RenderPage(ctx, "consultation", m.consultation.title, std::move(m.view), 200);
  return SharedEntry(shared, std::move(page), RenderTemplate("part_personal_variants", variants));
}

// The reader's reactions on the page's comments and whether they follow
// the consultation; false when a read failed.
bool ReadParts(WebContext& ctx, const PersonalPage& page, int64_t id, PersonalParts& p) {
  const Actor& actor = ctx.req.actor;
  if (auto ids = page.CommentIds(); !ids.empty()) {
    auto r = ctx.app.comments->ReactionsOf(actor->id, ids);
    if (!r.ok()) return false;
    p.reactions = std::move(r.value());
  }
  if (page.HasFollow()) p.following = ctx.app.subscriptions->Find(actor, "consultation", std::to_string(id)).has_value();
  return true;
}
}  // namespace

std::optional<ApiResponse> PersonalConsultationPage(WebContext& ctx, int64_t id, PersonalPageCache& cache) {
  PersonalPageSource source;
  source.make = [id](const WebContext& reader) { return MakeShared(reader, id); };
  source.read = [id](WebContext& reader, const PersonalPage& page, PersonalParts& p) {
    return ReadParts(reader, page, id, p);
  };
  return ServePersonalPage(ctx, cache, source);
}

}  // namespace samrad::server
