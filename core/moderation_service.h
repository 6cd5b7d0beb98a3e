// Flags and moderation: anyone signed in flags a comment, moderators work a
// queue (oldest flag first) and hide or restore with a reason. Every act is
// public in the moderation log and the event log.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/comment.h"
#include "core/comment_queries.h"
#include "core/consultation_service.h"
#include "core/cursor.h"
#include "core/database.h"
#include "core/moderation_act.h"
#include "core/status.h"
#include "core/user.h"

namespace samrad {

// A flagged comment, or a flagged free-text answer (text set), in the
// queue with its open flags.
struct QueueItem {
  Comment comment;
  std::string flagged_at;
  std::vector<Flag> flags;
  std::optional<TextAnswer> text;
};

class ModerationService {
 public:
  ModerationService(std::shared_ptr<Database> db, std::shared_ptr<Clock> clock);

  // Flags a comment. kUnauthenticated, kNotFound, kConflict when the comment
  // is hidden, is the user's own, or this user already flagged it. Thread-safe, as are all.
  Result<Flag> FlagComment(const Actor& actor, int64_t comment_id, const std::string& reason,
                           const std::optional<std::string>& note);
  // Comments and free-text answers with open flags, the oldest flag first
  // (page.after: [time, 0, comment id, 0] or [time, 1, answer id, question id]).
  // Moderators and admins only (kUnauthenticated / kPermissionDenied).
  Result<Listing<QueueItem>> Queue(const Actor& actor, const Page& page);
  // Hides or restores a comment with a reason and resolves its open flags;
  // "dismiss" sets its open flags aside without hiding it, and "reopen"
  // puts the flags of its latest dismissal back in the queue (the undo of a
  // dismissal). kPermissionDenied for non-moderators, kNotFound, kConflict
  // when the comment is already in that state (or has no open or dismissed
  // flags), kInvalidArgument for an unknown action. undo: the act undoes
  // the comment's latest act, so a restore that undoes a hide also puts the
  // flags that hide resolved back in the queue. Each act keeps the number of
  // flags it settled (flags_resolved), whatever later acts do.
  Result<ModerationAct> Moderate(const Actor& actor, int64_t comment_id, const std::string& action,
                                 const std::string& reason, bool undo = false);
  // Every moderation act, dismissals included, newest first
  // (page.after: [at, source, id]). Public.
  Result<Listing<ModerationAct>> Log(const Page& page);
  // Hidden comments, the most recently hidden first (page.after: [id of the
  // hiding act]). Moderators and admins only.
  Result<Listing<Comment>> Hidden(const Actor& actor, const Page& page);
  // Undoes the comment's latest act (hide, restore, dismiss or reopen) as
  // the desk's undo does: its inverse with undo set. kNotFound, kConflict
  // when the comment has no act, or as Moderate.
  Result<ModerationAct> Undo(const Actor& actor, int64_t comment_id, const std::string& reason);
  // How many comments and free-text answers wait in the queue. Moderators and admins only.
  Result<int64_t> QueueSize(const Actor& actor);

  static nlohmann::json ToJson(const Flag& f);
  static nlohmann::json ToJson(const ModerationAct& a);
  static nlohmann::json ToJson(const QueueItem& q);

 private:
  // Dismissal and reopening, inside Moderate's checks.
  Status SetFlagsAside(db::Connection& c, const Comment& k, ModerationAct& act, int64_t moderator_id);

  std::shared_ptr<Database> db_;
  std::shared_ptr<Clock> clock_;
  // A flagged free-text answer's current text with its question and consultation.
  std::optional<TextAnswer> LoadFlaggedText(db::Connection& c, int64_t answer_id, int64_t question_id) const;

  std::unique_ptr<CommentQueries> queries_;
  std::string secret_;  // the pseudonym secret
};

}  // namespace samrad
