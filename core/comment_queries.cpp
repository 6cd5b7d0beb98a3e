// CommentQueries implementation.
#include "core/comment_queries.h"

#include "core/decision_service.h"

#include "core/crypto.h"
#include "core/cursor.h"

namespace samrad {

std::string Pseudonym(const std::string& secret, int64_t user_id, int64_t consultation_id) {
  std::string digest = crypto::Sha256Hex(secret + ":" + std::to_string(user_id) + ":" +
                                         std::to_string(consultation_id));
  return "Invånare " + digest.substr(0, 6);
}

std::string BodyDigest(const std::string& salt, const std::string& body) {
  return crypto::Sha256Hex(salt + body);
}

CommentQueries::CommentQueries(db::Connection& c) {
  auto& st = c.Prepare("SELECT value FROM secrets WHERE name = 'pseudonym'");
  if (st.Step()) secret_ = st.Text(0);
  st.Reset();
}

std::string CommentQueries::Select(const std::string& extra_columns) {
  return "SELECT c.id, c.consultation_id, c.parent_id, c.section_id, c.author_id, c.official, "
         "c.body, c.created_at, c.edited_at, c.version, c.support, c.oppose, c.reply_count, "
         "c.hidden, c.hidden_reason, u.display_name, u.public_name, u.deleted_at IS NOT NULL, c.log_seq " +
         extra_columns + " FROM comments c JOIN users u ON u.id = c.author_id ";
}

Comment CommentQueries::Row(db::Statement& st) const {
  Comment k;
  k.id = st.Int(0);
  k.consultation_id = st.Int(1);
  k.parent_id = st.OptInt(2);
  k.section_id = st.OptInt(3);
  k.author_id = st.Int(4);
  k.official = st.Int(5) != 0;
  k.hidden = st.Int(13) != 0;
  // A hidden body is never even copied out of the row.
  if (!k.hidden) k.body = st.Text(6);
  k.created_at = st.Text(7);
  k.edited_at = st.OptText(8);
  k.version = static_cast<int>(st.Int(9));
  k.support = st.Int(10);
  k.oppose = st.Int(11);
  k.reply_count = st.Int(12);
  k.hidden_reason = st.OptText(14);
  k.log_seq = st.OptInt(18).value_or(0);
  k.author.official = k.official;
  if (st.Int(17) != 0) {
    k.author = {"deleted account", "deleted", k.official};
  } else if (st.Int(16) != 0) {
    k.author = {st.Text(15), "public", k.official};
  } else {
    k.author = {Pseudonym(secret_, k.author_id, k.consultation_id), "pseudonym", k.official};
  }
  return k;
}

std::optional<Comment> CommentQueries::Load(db::Connection& c, int64_t id) const {
  auto& st = c.Prepare(Select() + "WHERE c.id = ?");
  if (!st.Bind(1, id).Step()) return std::nullopt;
  Comment k = Row(st);
  st.Reset();
  k.answered_by = DecisionService::Answering(c, k.id);
  return k;
}

std::vector<Comment> CommentQueries::Replies(db::Connection& c, int64_t parent, int64_t after,
                                             int limit, int levels) const {
  std::vector<Comment> out;
  {
    auto& st = c.Prepare(Select() +
                         "WHERE c.parent_id = ? AND c.id > ? ORDER BY c.id LIMIT ?");
    st.Bind(1, parent).Bind(2, after).Bind(3, limit);
    while (st.Step()) out.push_back(Row(st));
    st.Reset();
  }
  for (auto& r : out) {
    r.answered_by = DecisionService::Answering(c, r.id);
    AttachReplies(c, r, levels);
  }
  return out;
}

void CommentQueries::AttachThread(db::Connection& c, std::vector<Comment>& top) const {
  for (auto& k : top) {
    k.answered_by = DecisionService::Answering(c, k.id);
    AttachReplies(c, k, kReplyLevels);
  }
}

void CommentQueries::AttachReplies(db::Connection& c, Comment& k, int levels) const {
  if (k.reply_count == 0) return;
  if (levels <= 0) {
    // Deeper levels are read through /replies from the start.
    k.replies_cursor = EncodeCursor(nlohmann::json::array({0}));
    return;
  }
  k.replies = Replies(c, k.id, 0, kRepliesShown, levels - 1);
  if (k.reply_count > static_cast<int64_t>(k.replies.size()) && !k.replies.empty()) {
    k.replies_cursor = EncodeCursor(nlohmann::json::array({k.replies.back().id}));
  }
}

}  // namespace samrad
