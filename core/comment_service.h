// Comment threads: posting and replying, keyset-paginated thread reads,
// editing with kept versions, and reactions. Who may do what lives here;
// every change lands in the event log in the same transaction.
#pragma once

#include <map>
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
#include "core/rate_limiter.h"
#include "core/status.h"
#include "core/user.h"

namespace samrad {

constexpr int kCommentsPerMinute = 10;       // per user, all consultations together
constexpr int64_t kDuplicateWindowSeconds = 60;

// A page of a thread read by position (for web pages with page numbers):
// the comments with their first replies and how many the whole list holds.
struct ThreadSlice {
  std::vector<Comment> items;
  int64_t total = 0;
};

// Where a comment stands in its consultation's thread: the ids from its
// top-level comment down to it, the top-level comment's position (from 0)
// in the thread's order, and each step's position among its parent's
// direct replies (index i for path[i], 0 for the top-level one).
struct ThreadPlace {
  int64_t consultation_id = 0;
  std::vector<int64_t> path;
  int64_t position = 0;
  std::vector<int64_t> reply_positions;
  // True when a thread read carries the comment: at most kReplyLevels below
  // its top-level comment and among the first kRepliesShown at each level.
  bool InThreadRead() const;
};

struct NewComment {
  std::string body;
  std::optional<int64_t> parent_id;
  std::optional<int64_t> section_id;
};

// A user's reaction to a comment and the comment's counts after it.
struct ReactionState {
  int64_t comment_id = 0;
  std::optional<std::string> kind;  // nullopt: no reaction
  int64_t support = 0;
  int64_t oppose = 0;
};

class CommentService {
 public:
  // posts_per_minute: the per-user posting limit (kCommentsPerMinute unless
  // an operator sets another).
  CommentService(std::shared_ptr<Database> db, std::shared_ptr<Clock> clock,
                 int posts_per_minute = kCommentsPerMinute);

  // Posts a comment or a reply. kUnauthenticated without a user,
  // kTooManyRequests over the rate limit, kNotFound for no such (public)
  // consultation, kConflict unless it is open, for a reply to a hidden
  // comment, or for the same body from the same user in the same
  // consultation within a minute; kInvalidArgument for an empty body, a
  // parent in another consultation or a section not of this one.
  // Thread-safe, as are all methods.
  Result<Comment> Post(const Actor& actor, int64_t consultation_id, const NewComment& n);
  // Seconds until this user may post again.
  int PostRetryAfter(const Actor& actor);

  // Top-level comments, sort "oldest", "newest" or "supported", each with
  // its first replies. page.after is a cursor of two integers. kNotFound for
  // no such public consultation, kInvalidArgument for a bad sort or cursor.
  Result<Listing<Comment>> Thread(int64_t consultation_id, const std::string& sort,
                                  const Page& page);
  // Direct replies of a comment, oldest first (page.after: one integer).
  Result<Listing<Comment>> Replies(int64_t comment_id, const Page& page);
  // One comment with its first replies. kNotFound.
  Result<Comment> Get(int64_t id);
  // For the search index: comments that are not hidden with id > after_id,
  // in id order, at most limit, without replies.
  Result<std::vector<Comment>> ListVisibleForIndex(int64_t after_id, int limit);
  // Every version, oldest first (bodies left out when hidden).
  Result<std::pair<Comment, std::vector<CommentVersion>>> Versions(int64_t id);

  // Web reads by position (comment_pages.cpp). ThreadAt: top-level
  // comments in sort order from offset, only those about section_id when
  // given; kNotFound, kInvalidArgument for a bad sort.
  Result<ThreadSlice> ThreadAt(int64_t consultation_id, const std::string& sort,
                               std::optional<int64_t> section_id, int64_t offset, int limit);
  // Direct replies of a comment from offset, oldest first; total is the
  // reply count. kNotFound.
  Result<ThreadSlice> RepliesAt(int64_t comment_id, int64_t offset, int limit);
  // Where the comment is in its thread in the given sort (no section
  // filter). kNotFound, kInvalidArgument for a bad sort.
  Result<ThreadPlace> Place(int64_t comment_id, const std::string& sort);
  // How many comments of the consultation are about each section.
  Result<std::map<int64_t, int64_t>> SectionCounts(int64_t consultation_id);
  // The user's own reactions among the given comments: id -> kind.
  Result<std::map<int64_t, std::string>> ReactionsOf(int64_t user_id, const std::vector<int64_t>& ids);

  // The author edits while the consultation is open: kPermissionDenied for
  // anyone else, kConflict when closed or hidden. The earlier text is kept.
  Result<Comment> Edit(const Actor& actor, int64_t id, const std::string& body);

  // Sets (kind "support"/"oppose") or with nullopt removes the actor's
  // reaction. kConflict when the consultation is not open or the comment is
  // hidden. Setting the same reaction twice changes nothing.
  Result<ReactionState> React(const Actor& actor, int64_t id, std::optional<std::string> kind);

 private:
  // kNotFound unless the consultation is published; kConflict unless open.
  Status CheckOpen(db::Connection& c, int64_t consultation_id, bool must_be_open);
  // Loads a comment inside a write for a change by actor: kNotFound, or
  // kConflict when hidden or its consultation is not open.
  Result<Comment> LoadForChange(db::Connection& c, int64_t id, const char* what);

  std::shared_ptr<Database> db_;
  std::shared_ptr<Clock> clock_;
  RateLimiter post_limit_;
  std::unique_ptr<CommentQueries> queries_;
};

}  // namespace samrad
