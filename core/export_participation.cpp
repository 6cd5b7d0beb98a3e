// ExportQueries for participation and decisions: comments (with public
// authors), decision versions, roll-call votes and the moderation log.
#include "core/comment_queries.h"
#include "core/export_queries.h"

namespace samrad {

namespace {
using K = Cell::Kind;

void SetText(Row& row, size_t i, std::string text) {
  row[i].kind = K::kString;
  row[i].text = std::move(text);
}

void SetBool(Row& row, size_t i, bool value) {
  row[i].kind = K::kBoolean;
  row[i].text = value ? "true" : "false";
}

// Fills the row from columns first.. of st, one cell per kind.
template <size_t N>
void PutAll(Row& row, db::Statement& st, int first, const K (&kinds)[N]) {
  row.resize(N);
  for (size_t i = 0; i < N; ++i) PutCell(row, i, kinds[i], st, first + static_cast<int>(i));
}
}  // namespace

Status ExportQueries::Comments(const ExportQuery& q, const RowCallback& cb) {
  // The body of a hidden comment is never selected.
  static const std::string kSql =
      "SELECT * FROM (SELECT c.id, c.consultation_id, c.parent_id, c.section_id, c.author_id, "
      "u.display_name, u.public_name, u.deleted_at IS NOT NULL, c.official, "
      "CASE WHEN c.hidden THEN NULL ELSE c.body END, c.created_at, c.edited_at, c.version, "
      "c.hidden, c.hidden_reason, MAX(c.created_at, COALESCE(c.edited_at, ''), "
      "COALESCE((SELECT MAX(a.at) FROM moderation_acts a WHERE a.comment_id = c.id), ''), "
      "COALESCE((SELECT MAX(e.at) FROM events e WHERE e.subject = 'user/' || c.author_id AND "
      "e.kind IN ('account.deleted', 'account.name_visibility_changed')), '')) AS modified_at "
      "FROM comments c JOIN users u ON u.id = c.author_id "
      "JOIN consultations k ON k.id = c.consultation_id "
      "WHERE c.id > ?1 AND k.published_at IS NOT NULL) "
      "WHERE ?2 IS NULL OR modified_at >= ?2 ORDER BY id LIMIT ?3";
  std::string secret;
  Status s = db_->Read([&](db::Connection& c) {
    auto& st = c.Prepare("SELECT value FROM secrets WHERE name = 'pseudonym'");
    if (st.Step()) secret = st.Text(0);
    st.Reset();
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return Paged(
      kSql, std::nullopt, q,
      [&secret](db::Statement& st, Row& row) {
        row.resize(14);
        for (int i = 0; i < 4; ++i) PutCell(row, i, K::kInteger, st, i);
        int64_t consultation = st.Int(1);
        if (st.Int(7) != 0) {
          SetText(row, 4, "deleted account");
          SetText(row, 5, "deleted");
        } else if (st.Int(6) != 0) {
          SetText(row, 4, st.Text(5));
          SetText(row, 5, "public");
        } else {
          SetText(row, 4, Pseudonym(secret, st.Int(4), consultation));
          SetText(row, 5, "pseudonym");
        }
        SetBool(row, 6, st.Int(8) != 0);
        PutCell(row, 7, K::kString, st, 9);
        PutCell(row, 8, K::kString, st, 10);
        PutCell(row, 9, K::kString, st, 11);
        PutCell(row, 10, K::kInteger, st, 12);
        SetBool(row, 11, st.Int(13) != 0);
        PutCell(row, 12, K::kString, st, 14);
        PutCell(row, 13, K::kString, st, 15);
      },
      cb);
}

Status ExportQueries::Decisions(const ExportQuery& q, const RowCallback& cb) {
  // Versions are append-only, so the rowid orders them as published.
  static const std::string kSql =
      "SELECT rowid, decision_id, version, title, body, body_name, reference, decided_at, "
      "outcome, votes, consultation_ids, answers_comment_ids, reason, changes, published_at, "
      "log_seq, entry_hash FROM decision_versions "
      "WHERE rowid > ?1 AND (?2 IS NULL OR published_at >= ?2) ORDER BY rowid LIMIT ?3";
  static const K kKinds[] = {K::kInteger, K::kInteger, K::kString, K::kString, K::kString,
                             K::kString,  K::kString,  K::kString, K::kJson,   K::kJson,
                             K::kJson,    K::kString,  K::kJson,   K::kString, K::kInteger,
                             K::kString};
  return Paged(kSql, std::nullopt, q, [](db::Statement& st, Row& row) { PutAll(row, st, 1, kKinds); },
               cb);
}

Status ExportQueries::DecisionVotes(const ExportQuery& q, const RowCallback& cb) {
  // Key: the version's rowid in the high bits, the roll-call position below.
  static const std::string kSql =
      "SELECT (v.rowid << 20) + j.key, v.decision_id, v.version, "
      "json_extract(j.value, '$.name'), json_extract(j.value, '$.party'), "
      "json_extract(j.value, '$.vote'), v.published_at "
      "FROM decision_versions v, json_each(v.votes, '$.roll_call') j "
      "WHERE v.votes IS NOT NULL AND v.rowid >= (CASE WHEN ?1 < 0 THEN 0 ELSE ?1 >> 20 END) AND (v.rowid << 20) + j.key > ?1 "
      "AND (?2 IS NULL OR v.published_at >= ?2) ORDER BY v.rowid, j.key LIMIT ?3";
  static const K kKinds[] = {K::kInteger, K::kInteger, K::kString, K::kString, K::kString,
                             K::kString};
  return Paged(kSql, std::nullopt, q, [](db::Statement& st, Row& row) { PutAll(row, st, 1, kKinds); },
               cb);
}

Status ExportQueries::ModerationLog(const ExportQuery& q, const RowCallback& cb) {
  static const std::string kSql =
      "SELECT id, comment_id, consultation_id, action, reason, moderator_role, at "
      "FROM moderation_acts WHERE id > ?1 AND (?2 IS NULL OR at >= ?2) ORDER BY id LIMIT ?3";
  static const K kKinds[] = {K::kInteger, K::kInteger, K::kInteger, K::kString,
                             K::kString,  K::kString,  K::kString};
  return Paged(kSql, std::nullopt, q, [](db::Statement& st, Row& row) { PutAll(row, st, 0, kKinds); },
               cb);
}

}  // namespace samrad
