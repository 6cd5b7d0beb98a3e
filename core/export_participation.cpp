// ExportQueries for decisions and moderation: decision versions, roll-call
// votes and the moderation log.
#include "core/export_queries.h"

namespace samrad {

namespace {
using K = Cell::Kind;

// Fills the row from columns first.. of st, one cell per kind.
template <size_t N>
void PutAll(Row& row, db::Statement& st, int first, const K (&kinds)[N]) {
  row.resize(N);
  for (size_t i = 0; i < N; ++i) PutCell(row, i, kinds[i], st, first + static_cast<int>(i));
}
}  // namespace

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
  // Key: a comment's act by its id, then acts on free-text answers above 2^40.
  static const std::string kSql =
      "SELECT * FROM (SELECT id AS k, id, comment_id, consultation_id, action, reason, moderator_role, at, "
      "'comment' AS subject, NULL AS answer_id, NULL AS question_id FROM moderation_acts "
      "UNION ALL SELECT (1 << 40) + id, id, NULL, consultation_id, action, reason, moderator_role, at, "
      "'questionnaire_answer', answer_id, question_id FROM text_moderation_acts) "
      "WHERE k > ?1 AND (?2 IS NULL OR at >= ?2) ORDER BY k LIMIT ?3";
  static const K kKinds[] = {K::kInteger, K::kInteger, K::kInteger, K::kString,  K::kString,
                             K::kString,  K::kString,  K::kString,  K::kInteger, K::kInteger};
  return Paged(kSql, std::nullopt, q, [](db::Statement& st, Row& row) { PutAll(row, st, 1, kKinds); },
               cb);
}

}  // namespace samrad
