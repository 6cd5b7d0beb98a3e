// A notification: one thing one person (a user, or an e-mail follower
// without an account) is told about, made by the notifier from one log entry.
// Mirrors the `notifications` table (schemas/sql/0011_notifications.sql).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace samrad {

// The kinds. The first seven are about the user's own participation and can
// each be switched off (notification_prefs); the followed_* kinds come from a
// subscription and stop when it is removed.
namespace notify {
inline constexpr std::string_view kReply = "reply";
inline constexpr std::string_view kOfficialAnswer = "official_answer";
inline constexpr std::string_view kDecisionAnswer = "decision_answer";
inline constexpr std::string_view kConsultationDecision = "consultation_decision";
inline constexpr std::string_view kConsultationExtended = "consultation_extended";
inline constexpr std::string_view kConsultationClosed = "consultation_closed";
inline constexpr std::string_view kCommentHidden = "comment_hidden";
inline constexpr std::string_view kFollowedComment = "followed_comment";
inline constexpr std::string_view kFollowedDecision = "followed_decision";
inline constexpr std::string_view kFollowedConsultationUpdate = "followed_consultation_update";
inline constexpr std::string_view kFollowedDataset = "followed_dataset";
inline constexpr std::string_view kFollowedSearch = "followed_search";

// The kinds a user can switch on and off, in the order settings show them.
inline constexpr std::string_view kPersonalKinds[] = {
    kReply, kOfficialAnswer, kDecisionAnswer, kConsultationDecision,
    kConsultationExtended, kConsultationClosed, kCommentHidden};
inline constexpr std::string_view kFollowedKinds[] = {
    kFollowedComment, kFollowedDecision, kFollowedConsultationUpdate, kFollowedDataset,
    kFollowedSearch};

// Excerpts of comments are plain text of at most this many characters
// (code points), cut at a word with "…" when longer.
inline constexpr size_t kExcerptChars = 200;

// True for the seven kinds of kPersonalKinds. Pure.
bool IsPersonalKind(std::string_view kind);
// True for any kind above. Pure.
bool IsKind(std::string_view kind);
// text made one line of plain text (runs of white space become one space)
// of at most kExcerptChars code points, cut at a space with "…" when
// longer; control characters dropped, invalid UTF-8 replaced. Pure.
std::string Excerpt(std::string_view text);
}  // namespace notify

// The `data` JSON of each kind. Every field is public information as shown
// on the site (never an e-mail address, never the text of a hidden comment).
// Times are RFC 3339 UTC; texts are plain UTF-8 (not HTML, not Markdown).
//
// Present in all kinds:
//   "event_kind"          the log entry's kind, e.g. "comment.posted"
// Present whenever the notification is about a consultation
// (the column consultation_id is then set too):
//   "consultation_title"  its title
//
// reply, official_answer, followed_comment (a new comment or reply):
//   "comment_id"          the new comment (link goes to it)
//   "parent_id"           the comment it answers, or null (followed_comment on top level)
//   "excerpt"             the new comment's text, plain, <= kExcerptChars
//   "author"              its author's name as shown publicly: the public name,
//                         the per-consultation pseudonym ("Invånare 3f9a0c"),
//                         or "" for a deleted account
//   "author_kind"         "public" | "pseudonym" | "deleted"
//   "official"            true when written by an official
//   "your_excerpt"        (reply, official_answer) excerpt of the recipient's
//                         own comment that was answered
// decision_answer, consultation_decision, followed_decision:
//   "decision_id", "decision_title", "body_name" (deciding body),
//   "reference" (diarienummer), "outcome", "decided_at",
//   "version"             1 when published, > 1 for an amendment
//   "amended"             true for an amendment (decision.amended)
//   "reason"              the amendment's reason (amendments only)
//   "answered_comment_id" (decision_answer) the recipient's comment it answers
//   "your_excerpt"        (decision_answer) excerpt of that comment
// consultation_extended (and followed_consultation_update for extensions):
//   "closes_at_from", "closes_at_to", "reason"
// consultation_closed (and followed_consultation_update when it closes):
//   "closes_at"           when it closed
//   No log entry records a closing (time does it): these rows carry as
//   event_seq MINUS the seq of the entry that set the closing time
//   (consultation.published, .updated or .extended), so a closing is told
//   once, and again only after an extension and a new closing.
// followed_consultation_update also for a published change of the text
// (consultation.updated): "version", "reason" (may be absent);
//   "update"              "updated" | "extended" | "closed"
// comment_hidden:
//   "comment_id", "your_excerpt" (the recipient's own hidden text, shown to
//   them only), "reason" (the moderator's reason, public),
//   "object_link"         site path of the public moderation log ("/moderation"),
//                         where the act stands with its reason; the author
//                         objects by answering the message or writing to the
//                         moderators named on the accessibility/contact page
//   "act_id"              the moderation act
// followed_dataset:
//   "dataset_name", "dataset_title", "update": "published" | "updated"
// followed_search (one row per new matching item):
//   "query"               the followed search string
//   "item_kind"           "consultation" | "decision" | "dataset" | "comment"
//   "title"               the item's title (for a comment: its consultation's)
//   "excerpt"             a plain-text excerpt, <= kExcerptChars
struct Notification {
  int64_t id = 0;
  std::optional<int64_t> user_id;          // a signed-in recipient
  std::optional<int64_t> subscription_id;  // the subscription that caused it (e-mail followers: only this)
  int64_t event_seq = 0;                   // the log entry that caused it (negative: a closing, see above)
  std::string kind;
  std::optional<int64_t> consultation_id;
  std::string link;                        // site path: "/comments/12", "/decisions/3",
                                           // "/consultations/7", "/data/bathing-water"
  nlohmann::json data = nlohmann::json::object();
  std::string created_at;
  std::optional<std::string> read_at;
  int mailed = 0;                          // 0 waiting for e-mail, 1 queued, 2 not to be mailed
};

}  // namespace samrad
