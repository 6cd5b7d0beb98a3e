// Comments seen from the answering side: a user's own comments with the
// official replies and decisions that answer them, and the top-level
// comments on open consultations still waiting for an official answer.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/comment.h"
#include "core/comment_queries.h"
#include "core/consultation_service.h"
#include "core/cursor.h"
#include "core/database.h"
#include "core/status.h"
#include "core/user.h"

namespace samrad {

struct AnsweredComment {
  Comment comment;
  std::string consultation_title;
  std::string consultation_language;
  std::vector<Comment> official_replies;  // direct replies by officials, oldest first
  std::vector<int64_t> decision_ids;      // decisions whose current version answers it
};

// Which comments the desk's answer list shows.
struct AnswerFilter {
  std::string status = "waiting";  // waiting, answered (by a reply or a decision), all
  std::optional<int64_t> consultation_id;
  std::optional<std::string> area;
  std::optional<int> older_than_days;  // posted at least this many days ago
  Page page;
  bool with_decided = false;  // also comments on decided consultations (choosing what a decision answers)
};

class CommentAnswers {
 public:
  CommentAnswers(std::shared_ptr<Database> db, std::shared_ptr<Clock> clock);

  // The actor's own comments, newest first, at most limit, each with its
  // answers. kUnauthenticated without a user. Thread-safe.
  Result<std::vector<AnsweredComment>> ByAuthor(const Actor& actor, int limit);
  // Visible top-level comments on open consultations with no reply by an
  // official and no answering decision, oldest first, at most limit.
  // Officials and admins only (kUnauthenticated / kPermissionDenied).
  Result<std::vector<AnsweredComment>> AwaitingAnswer(const Actor& actor, int limit);
  // Visible top-level residents' comments on published consultations that
  // are not yet decided (unless f.with_decided), oldest first (page.after: [id]), each with its
  // answers, filtered. Officials and admins only; kInvalidArgument for an
  // unknown status.
  Result<Listing<AnsweredComment>> ForDesk(const Actor& actor, const AnswerFilter& f);
  // How many comments AwaitingAnswer would list without a limit.
  Result<int64_t> AwaitingCount(const Actor& actor);

 private:
  // Reads rows of CommentQueries::Select with the consultation's title and
  // language as extra columns 18 and 19, and fills the answers.
  std::vector<AnsweredComment> Collect(db::Connection& c, db::Statement& st);

  std::shared_ptr<Database> db_;
  std::shared_ptr<Clock> clock_;
  std::unique_ptr<CommentQueries> queries_;
};

}  // namespace samrad
