// CommentAnswers implementation.
#include "core/comment_answers.h"

#include "core/decision_service.h"

namespace samrad {

namespace {
constexpr char kWithConsultation[] = ", k.title, k.language";
constexpr char kJoinConsultation[] = "JOIN consultations k ON k.id = c.consultation_id ";
// A comment with an official reply or an answering decision; ?1 is now.
constexpr char kAnswered[] =
    "(EXISTS (SELECT 1 FROM comments r WHERE r.parent_id = c.id AND r.official = 1 AND r.hidden = 0) "
    "OR EXISTS (SELECT 1 FROM decision_answers a WHERE a.comment_id = c.id))";
constexpr char kAwaitingWhere[] =
    "WHERE c.parent_id IS NULL AND c.hidden = 0 AND c.official = 0 "
    "AND k.published_at IS NOT NULL AND (k.decided_at IS NULL OR ?1 < k.decided_at) "
    "AND k.opens_at <= ?1 AND ?1 < k.closes_at ";

Status CheckOfficial(const Actor& actor) {
  if (!actor) return Unauthenticated("sign in first");
  if (!actor->IsOfficial()) return Forbidden("officials only");
  return Status::Ok();
}
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
    a.consultation_title = st.Text(19);
    a.consultation_language = st.Text(20);
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
  if (Status s = CheckOfficial(actor); !s.ok()) return s;
  std::string now = FormatTime(clock_->Now());
  std::vector<AnsweredComment> out;
  Status s = db_->Read([&](db::Connection& c) {
    auto& st = c.Prepare(CommentQueries::Select(kWithConsultation) + kJoinConsultation + kAwaitingWhere +
                         "AND NOT " + kAnswered + " ORDER BY c.id LIMIT ?2");
    st.Bind(1, now).Bind(2, limit);
    out = Collect(c, st);
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

Result<int64_t> CommentAnswers::AwaitingCount(const Actor& actor) {
  if (Status s = CheckOfficial(actor); !s.ok()) return s;
  int64_t n = 0;
  Status s = db_->Read([&](db::Connection& c) {
    auto& st = c.Prepare(std::string("SELECT COUNT(*) FROM comments c ") + kJoinConsultation + kAwaitingWhere +
                         "AND NOT " + kAnswered);
    st.Bind(1, FormatTime(clock_->Now()));
    if (st.Step()) n = st.Int(0);
    st.Reset();
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return n;
}

Result<Listing<AnsweredComment>> CommentAnswers::ForDesk(const Actor& actor, const AnswerFilter& f) {
  if (Status s = CheckOfficial(actor); !s.ok()) return s;
  if (f.status != "waiting" && f.status != "answered" && f.status != "all") {
    return InvalidField("/status", "status must be waiting, answered or all");
  }
  auto after = CursorInt(f.page, 0, 0);
  if (!after.ok()) return after.status();
  std::string sql = CommentQueries::Select(kWithConsultation) + kJoinConsultation +
                    "WHERE c.parent_id IS NULL AND c.hidden = 0 AND c.official = 0 AND k.published_at IS NOT NULL "
                    "AND c.id > ?1";
  // A consultation a decision lets run to its closing date is not decided yet.
  if (!f.with_decided) sql += " AND (k.decided_at IS NULL OR ?6 < k.decided_at)";
  if (f.status == "waiting") sql += std::string(" AND NOT ") + kAnswered;
  if (f.status == "answered") sql += std::string(" AND ") + kAnswered;
  if (f.consultation_id) sql += " AND c.consultation_id = ?2";
  if (f.area) sql += " AND k.area = ?3";
  if (f.older_than_days) sql += " AND c.created_at <= ?4";
  sql += " ORDER BY c.id LIMIT ?5";
  Listing<AnsweredComment> out;
  Status s = db_->Read([&](db::Connection& c) {
    auto& st = c.Prepare(sql);
    st.Bind(1, after.value());
    if (f.consultation_id) st.Bind(2, *f.consultation_id);
    if (f.area) st.Bind(3, *f.area);
    if (f.older_than_days) st.Bind(4, FormatTime(clock_->Now() - int64_t{*f.older_than_days} * 86400));
    st.Bind(5, f.page.limit + 1);
    if (!f.with_decided) st.Bind(6, FormatTime(clock_->Now()));
    out.items = Collect(c, st);
    return Status::Ok();
  });
  if (!s.ok()) return s;
  TrimPage(out, f.page.limit, [](const AnsweredComment& a) { return nlohmann::json::array({a.comment.id}); });
  return out;
}

}  // namespace samrad
