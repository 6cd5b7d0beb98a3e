// The consultation page for signed-in readers, made once for every reader
// of the same role and language at each data version, with placeholders
// (personal_page.h) where one reader's page differs from another's: the
// form token, the unread count, the follow form, and each comment's own
// marks and edit form or the reader's pressed reaction. Each reader's
// request then costs the few small reads of what is theirs.
#include <chrono>
#include <iostream>
#include <limits>
#include <mutex>

#include "server/web/session.h"
#include "server/web/templates.h"
#include "server/web/thread_pages.h"

namespace samrad::server {

using nlohmann::json;

namespace {
// The id the page is made for: no comment's author, no subscriber.
constexpr int64_t kNobody = std::numeric_limits<int64_t>::min();

int64_t SteadyMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// What the shared page depends on besides the data: the path and query as
// asked, the language, the scheme and the reader's role.
std::string PageKey(const WebContext& ctx) {
  std::string key = ctx.req.raw_path.empty() ? ctx.req.path : ctx.req.raw_path;
  for (const auto& [k, v] : ctx.req.query) {
    key.append(1, '\n').append(std::to_string(k.size())).append(1, ':').append(k).append(v);
  }
  key.append("\n\n").append(ctx.lang).append(ctx.secure ? " https " : " http ");
  return key.append(RoleName(ctx.req.actor->role));
}

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

// The page of consultation id as every reader of ctx's role and language
// sees it, with placeholders; an entry without a page when it cannot be
// shared; nullptr when the read failed (the whole render then answers).
std::shared_ptr<const PersonalEntry> MakeShared(const WebContext& ctx, int64_t id) {
  ApiRequest req = ctx.req;
  User nobody;
  nobody.id = kNobody;
  nobody.role = ctx.req.actor->role;
  req.actor = nobody;
  req.token.clear();
  WebContext shared = MakeWebContext(req, ctx.app);
  shared.form_token_ = PersonalMarks::Token();
  std::vector<SlotInfo> slots = {{SlotKind::kUnread}};
  shared.personal_user = {{"unread", PersonalMarks::Unread()},
                          {"unread_begin", PersonalMarks::Begin(0)},
                          {"unread_end", PersonalMarks::End()}};
  ConsultationPageModel m;
  if (!MakeConsultationPageModel(shared, id, CommentsState{}, m).ok()) return nullptr;
  auto entry = std::make_shared<PersonalEntry>();
  json variants = {{"t", shared.t}, {"lang", shared.lang}, {"csrf", PersonalMarks::Token()}};
  json& comment_forms = variants["comments"]["personal_variants"] = json::array();
  if (m.view["comments"].is_object()) {
    CommentRegions regions(shared, m.st, slots, comment_forms);
    if (!regions.Mark(m.view["comments"]["threads"], m.shown, 0)) return entry;
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
  entry->head = RenderPage(shared, "consultation", m.consultation.title, std::move(m.view), 200);
  if (!shared.set_cookies.empty()) return entry;
  auto page = PersonalPage::Make(entry->head.body, std::move(slots), RenderTemplate("part_personal_variants", variants));
  entry->head.body.clear();
  if (!page) {
    static std::once_flag told;
    std::call_once(told, [&] { std::cerr << "personal pages: " << ctx.req.path << " not shared: its marks do not add up" << std::endl; });
    return entry;
  }
  entry->page = std::make_shared<const PersonalPage>(std::move(*page));
  return entry;
}

// The reader's own parts: their unread count, reactions on the page's
// comments and whether they follow the consultation (the form token is
// added by the caller). nullopt when a read failed.
std::optional<PersonalParts> ReadParts(WebContext& ctx, const PersonalPage& page, int64_t id) {
  const Actor& actor = ctx.req.actor;
  PersonalParts p;
  p.user_id = actor->id;
  p.unread = ctx.app.notifications->UnreadCount(actor);
  if (auto ids = page.CommentIds(); !ids.empty()) {
    auto r = ctx.app.comments->ReactionsOf(actor->id, ids);
    if (!r.ok()) return std::nullopt;
    p.reactions = std::move(r.value());
  }
  if (page.HasFollow()) p.following = ctx.app.subscriptions->Find(actor, "consultation", std::to_string(id)).has_value();
  return p;
}
}  // namespace

std::optional<ApiResponse> PersonalConsultationPage(WebContext& ctx, int64_t id, PersonalPageCache& cache) {
  if (!ctx.req.actor || ctx.req.Query("lang") || !ctx.set_cookies.empty()) return std::nullopt;
  // A banner carried in a cookie is shown once, and the cookie deleted.
  if (RequestCookies(ctx.req).count(kDoneCookie)) return std::nullopt;
  std::string key = PageKey(ctx);
  // Read before the data is: an entry is never older than its version.
  PageVersion version{ctx.app.data_version->Current(), ctx.app.clock->Now()};
  int64_t now_ms = SteadyMs();
  auto entry = cache.Get(key, version, now_ms);
  if (!entry) {
    entry = MakeShared(ctx, id);
    if (!entry) return std::nullopt;
    cache.Put(key, version, now_ms, entry);
  }
  if (!entry->page) return std::nullopt;
  // Read at the entry's version or later, so as fresh as the page.
  auto parts = entry->PartsOf(ctx.req.actor->id);
  if (!parts) {
    parts = ReadParts(ctx, *entry->page, id);
    if (!parts) return std::nullopt;
    entry->Keep(*parts);
  }
  parts->token = ctx.FormToken();
  ApiResponse resp = entry->head;
  resp.body = entry->page->Fill(*parts);
  return resp;
}

}  // namespace samrad::server
