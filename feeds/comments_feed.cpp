// Comments feed builder: comment events of one consultation become entries
// read from the comment's current state, so hiding or an account's deletion
// shows at once and no hidden body is ever rendered. Bodies are plain text.
#include "feeds/comments_feed.h"

#include "core/clock.h"
#include "core/comment_text.h"
#include "feeds/entry_text.h"
#include "feeds/event_feed.h"

namespace samrad::feeds {

namespace {
const std::vector<std::string> kKinds = {"comment.posted", "comment.edited", "comment.hidden",
                                         "comment.restored"};

Entry MakeEntry(const FeedQuery& q, const Event& e, const Comment& k) {
  std::string id = std::to_string(k.id);
  std::string page = q.base_url + "/consultations/" + std::to_string(k.consultation_id);
  Entry entry;
  entry.id = TagUri(q.base_url, "comment/" + id);
  // The feed speaks Swedish: a deleted account is named so too.
  const bool deleted = k.author.kind == "deleted";
  entry.title = (k.parent_id ? "Svar från " : "Synpunkt från ") + (deleted ? "raderat konto" : k.author.name);
  entry.links.push_back({page + "#comment-" + id, "alternate", "text/html", ""});
  entry.links.push_back({q.base_url + "/api/v1/comments/" + id, "related", "application/json", ""});
  entry.published = ParseTime(k.created_at).value_or(0);
  entry.updated = std::max(entry.published, ParseTime(e.at).value_or(0));
  entry.authors.push_back({deleted ? "Raderat konto" : k.author.name, ""});
  if (k.official) entry.categories.push_back({"official", TagUri(q.base_url, "author"), "Tjänsteperson"});
  if (k.hidden) {
    entry.removed = true;
    entry.removed_note = "Dold av moderator: " + k.hidden_reason.value_or("");
  } else {
    // Plain text, as on the page: a comment's Markdown never becomes links
    // or remote images in a feed reader.
    entry.content_html = CommentTextHtml(k.body);
  }
  return entry;
}

Result<FeedPage> Build(const EventHistory& history, CommentService& comments,
                       ConsultationService& consultations, const FeedQuery& q) {
  int64_t consultation_id = 0;
  auto it = q.params.find("id");
  try {
    consultation_id = std::stoll(it == q.params.end() ? "" : it->second);
  } catch (...) {
    return NotFound("no such consultation");
  }
  auto c = consultations.Get(std::nullopt, consultation_id);
  if (!c.ok()) return c.status();
  std::string cid = std::to_string(consultation_id);
  Feed f;
  f.id = TagUri(q.base_url, "feeds/consultations/" + cid + "/comments");
  f.title = "Synpunkter: " + c->title;
  f.subtitle = "Synpunkter och svar i samrådet, nyast först.";
  f.language = c->language == "en" ? "en" : "sv";
  f.authors.push_back({"Samråd", q.base_url + "/"});
  f.links.push_back({q.base_url + "/consultations/" + cid, "alternate", "text/html", ""});
  Status failure = Status::Ok();
  auto page = PageFromEvents(history, q, kKinds, std::move(f), [&](const Event& e) -> std::optional<Entry> {
    auto k_id = e.payload.find("consultation_id");
    if (k_id == e.payload.end() || *k_id != consultation_id) return std::nullopt;
    auto k = comments.Get(e.payload.value("comment_id", e.payload.value("id", int64_t{0})));
    if (!k.ok()) {
      if (k.status().code() != Code::kNotFound) failure = k.status();
      return std::nullopt;
    }
    return MakeEntry(q, e, k.value());
  }, consultation_id);
  if (!failure.ok()) return failure;
  return page;
}
}  // namespace

void RegisterCommentsFeed(FeedRegistry& registry, std::shared_ptr<const EventHistory> history,
                          std::shared_ptr<CommentService> comments,
                          std::shared_ptr<ConsultationService> consultations) {
  registry.Register({"consultation-comments", "/feeds/consultations/{id}/comments",
                     [history, comments, consultations](const FeedQuery& q) {
                       return Build(*history, *comments, *consultations, q);
                     },
                     /*stable_pages=*/false});
}

}  // namespace samrad::feeds
