// A comment in a consultation's thread, its author as the public sees them,
// its earlier versions, and their public JSON forms.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace samrad {

constexpr size_t kMaxCommentLength = 5000;  // characters; also in comment_create.schema.json

// How an author appears: a public display name, a stable per-consultation
// pseudonym, or "deleted account".
struct Author {
  std::string name;
  std::string kind;  // "public", "pseudonym" or "deleted"
  bool official = false;
};

struct Comment {
  int64_t id = 0;
  int64_t consultation_id = 0;
  std::optional<int64_t> parent_id;
  std::optional<int64_t> section_id;
  int64_t author_id = 0;  // internal; never in the public JSON
  Author author;
  bool official = false;
  std::string body;  // empty in every public form when hidden
  std::string created_at;
  std::optional<std::string> edited_at;
  int version = 1;
  int64_t support = 0;
  int64_t oppose = 0;
  int64_t reply_count = 0;
  bool hidden = false;
  std::optional<std::string> hidden_reason;
  std::vector<int64_t> answered_by;  // decisions whose current version answers it
  int64_t log_seq = 0;  // the log entry that posted the current version; 0 when not known
  // Filled by thread reads: the first replies and a cursor for the rest.
  std::vector<Comment> replies;
  std::optional<std::string> replies_cursor;
};

struct CommentVersion {
  int version = 0;
  std::string body;
  std::string created_at;
};

// The public JSON form. A hidden comment keeps its place and its moderation
// reason but never its body. Replies are included when with_replies is true.
nlohmann::json ToJson(const Comment& c, bool with_replies = true);
// The versions of a comment; bodies left out when the comment is hidden.
nlohmann::json VersionsJson(const Comment& c, const std::vector<CommentVersion>& versions);

}  // namespace samrad
