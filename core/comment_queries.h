// Reading comments from storage, shared by the comment and moderation
// services: rows with their public author, first replies, pseudonyms.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/comment.h"
#include "core/database.h"

namespace samrad {

constexpr int kRepliesShown = 3;  // replies carried by each comment in a thread read
constexpr int kReplyLevels = 2;   // levels of replies carried below a top-level comment

// The stable per-consultation pseudonym of a user, e.g. "Invånare 3f9a0c":
// a digest of a server secret, the user and the consultation, so it cannot
// be linked across consultations or back to the account.
std::string Pseudonym(const std::string& secret, int64_t user_id, int64_t consultation_id);

// SHA-256 hex of salt followed by body: what the event log records of a text.
std::string BodyDigest(const std::string& salt, const std::string& body);

class CommentQueries {
 public:
  // Reads the pseudonym secret made by the migration. Throws db::DbError.
  explicit CommentQueries(db::Connection& c);

  // The columns every comment read selects (comments c JOIN users u), then
  // any extra columns (from index 19 on), up to and including FROM.
  static std::string Select(const std::string& extra_columns = "");
  // One row of Select() as a Comment with its public author.
  Comment Row(db::Statement& st) const;
  // One comment without replies, or nullopt.
  std::optional<Comment> Load(db::Connection& c, int64_t id) const;
  // Direct replies of parent with id > after, oldest first, at most limit;
  // each with its own first replies down to `levels` more levels.
  std::vector<Comment> Replies(db::Connection& c, int64_t parent, int64_t after, int limit,
                               int levels) const;
  // Fills k.replies with the first replies (and replies_cursor when there
  // are more, or when deeper levels are not carried).
  void AttachReplies(db::Connection& c, Comment& k, int levels) const;
  // Fills each top-level comment of a thread read with the decisions
  // answering it and its first replies (kReplyLevels deep).
  void AttachThread(db::Connection& c, std::vector<Comment>& top) const;

 private:
  std::string secret_;
};

}  // namespace samrad
