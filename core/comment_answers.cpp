// CommentAnswers implementation.
#include "core/comment_answers.h"

#include "core/decision_service.h"

namespace samrad {

namespace {
constexpr char kWithConsultation[] = ", k.title, k.language";
constexpr char kJoinConsultation[] = "JOIN consultations k ON k.id = c.consultation_id ";
}  // namespace

CommentAnswers::CommentAnswers(std::shared_ptr<Database> db, std::shared_ptr<Clock> clock)
    : db_(std::move(db)), clock_(std::move(clock)) {
  db_->Read([&](db::Connection& c) {
    queries_ = std::make_unique<CommentQueries>(c);
    return Status::Ok();
  });
}

std::vector<AnsweredComment> CommentAnswers::Collect(db::Connection& c, db::Statement& st) {
  std::vector<AnsweredComment> out;
  while (st.Step()) {
    AnsweredComment a;
    a.comment = queries_->Row(st);
    a.consultation_title = st.Text(18);
    a.consultation_language = st.Text(19);
    out.push_back(std::move(a));
  }
  st.Reset();
  // Answers are read after the rows: the statement cache reuses statements.
  auto& replies = c.Prepare(CommentQueries::Select() +
                            "WHERE c.parent_id = ? AND c.official = 1 AND c.hidden = 0 ORDER BY c.id");
  for (auto& a : out) {
    replies.Bind(1, a.comment.id);
    while (replies.Step()) a.official_replies.push_back(queries_->Row(replies));
    replies.Reset();
    a.decision_ids = DecisionService::Answering(c, a.comment.id);
  }
  return out;
}

Result<std::vector<AnsweredComment>> CommentAnswers::ByAuthor(const Actor& actor, int limit) {
  if (!actor) return Unauthenticated("sign in first");
  std::vector<AnsweredComment> out;
  Status s = db_->Read([&](db::Connection& c) {
    auto& st = c.Prepare(CommentQueries::Select(kWithConsultation) + kJoinConsultation +
                         "WHERE c.author_id = ? ORDER BY c.id DESC LIMIT ?");
    st.Bind(1, actor->id).Bind(2, limit);
    out = Collect(c, st);
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

Result<std::vector<AnsweredComment>> CommentAnswers::AwaitingAnswer(const Actor& actor, int limit) {
  if (!actor) return Unauthenticated("sign in first");
  if (!actor->IsOfficial()) return Forbidden("officials only");
  std::string now = FormatTime(clock_->Now());
  std::vector<AnsweredComment> out;
  Status s = db_->Read([&](db::Connection& c) {
    auto& st = c.Prepare(
        CommentQueries::Select(kWithConsultation) + kJoinConsultation +
        "WHERE c.parent_id IS NULL AND c.hidden = 0 AND c.official = 0 "
        "AND k.published_at IS NOT NULL AND k.decided_at IS NULL AND k.opens_at <= ?1 AND ?1 < k.closes_at "
        "AND NOT EXISTS (SELECT 1 FROM comments r WHERE r.parent_id = c.id AND r.official = 1 AND r.hidden = 0) "
        "AND NOT EXISTS (SELECT 1 FROM decision_answers a WHERE a.comment_id = c.id) "
        "ORDER BY c.id LIMIT ?2");
    st.Bind(1, now).Bind(2, limit);
    out = Collect(c, st);
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

}  // namespace samrad
