// QuestionnaireExport: answer items and question versions for open data.
#include "core/questionnaire_export.h"

#include <nlohmann/json.hpp>
#include <set>

#include "core/comment_queries.h"

namespace samrad {

namespace {
using K = Cell::Kind;

// The text of a hidden answer is never selected.
constexpr const char* kAnswersSql =
    "SELECT a.id, a.consultation_id, i.question_id, i.question_version, a.user_id, q.type, "
    "CASE WHEN i.hidden THEN NULL ELSE i.value END, i.hidden, i.hidden_reason, a.updated_at "
    "FROM questionnaire_answers a "
    "JOIN questionnaire_answer_items i ON i.answer_id = a.id AND i.answer_version = a.version "
    "JOIN questions q ON q.id = i.question_id "
    "WHERE a.id IN (SELECT a2.id FROM questionnaire_answers a2 JOIN consultations k ON k.id = a2.consultation_id "
    "  WHERE a2.id > ?1 AND a2.withdrawn_at IS NULL AND k.published_at IS NOT NULL "
    "  AND (?2 IS NULL OR a2.updated_at >= ?2) ORDER BY a2.id LIMIT ?3) "
    "ORDER BY a.id, q.position, q.id";

constexpr const char* kQuestionsSql =
    "SELECT v.question_id, q.consultation_id, v.version, q.position, q.section_id, q.type, "
    "json_extract(v.definition, '$.text'), json_extract(v.definition, '$.options'), "
    "json_extract(v.definition, '$.max_choices'), json_extract(v.definition, '$.scale_max'), "
    "json_extract(v.definition, '$.low_label'), json_extract(v.definition, '$.high_label'), "
    "json_extract(v.definition, '$.max_length'), json_extract(v.definition, '$.required'), "
    "q.removed, v.reason, v.created_at "
    "FROM question_versions v JOIN questions q ON q.id = v.question_id "
    "WHERE v.question_id IN (SELECT q2.id FROM questions q2 JOIN consultations k ON k.id = q2.consultation_id "
    "  WHERE q2.id > ?1 AND k.published_at IS NOT NULL AND (?2 IS NULL OR EXISTS (SELECT 1 FROM "
    "  question_versions v2 WHERE v2.question_id = q2.id AND v2.created_at >= ?2)) ORDER BY q2.id LIMIT ?3) "
    "AND (?2 IS NULL OR v.created_at >= ?2) ORDER BY v.question_id, v.version";

void SetText(Cell& c, const std::string& text) {
  c.kind = K::kString;
  c.text = text;
}

// A stored value as one cell: a single choice as its label, a scale as its
// number, a text as itself, and lists (multiple, ranking) as JSON.
void SetValue(Cell& c, const std::string& type, db::Statement& st, int col) {
  if (st.IsNull(col)) {
    c.kind = K::kNull;
    c.text.clear();
    return;
  }
  auto v = nlohmann::json::parse(st.View(col));
  if (type == "single" && v.is_array() && v.size() == 1) {
    SetText(c, v[0].get<std::string>());
  } else if (v.is_string()) {
    SetText(c, v.get<std::string>());
  } else {
    SetText(c, v.dump());
  }
}
}  // namespace

Status QuestionnaireExport::Paged(const std::string& sql, const ExportQuery& q, const Filler& fill,
                                  const RowCallback& cb) {
  int64_t after = INT64_MIN;
  bool more = true;
  Row row;
  while (more) {
    std::set<int64_t> keys;
    Status s = db_->Read([&](db::Connection& c) {
      auto& st = c.Prepare(sql);
      st.Bind(1, after).Bind(2, q.modified_since).Bind(3, q.page_size);
      while (st.Step()) {
        keys.insert(st.Int(0));
        fill(st, row);
        if (!cb(row)) {
          more = false;
          break;
        }
      }
      st.Reset();
      return Status::Ok();
    });
    if (!s.ok()) return s;
    if (static_cast<int>(keys.size()) < q.page_size || keys.empty()) more = false;
    if (!keys.empty()) after = *keys.rbegin();
  }
  return Status::Ok();
}

Status QuestionnaireExport::Answers(const ExportQuery& q, const RowCallback& cb) {
  std::string secret;
  Status s = db_->Read([&](db::Connection& c) {
    auto& st = c.Prepare("SELECT value FROM secrets WHERE name = 'pseudonym'");
    if (st.Step()) secret = st.Text(0);
    st.Reset();
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return Paged(kAnswersSql, q, [&secret](db::Statement& st, Row& row) {
    row.resize(10);
    for (int i = 0; i < 4; ++i) PutCell(row, i, K::kInteger, st, i);
    SetText(row[4], Pseudonym(secret, st.Int(4), st.Int(1)));
    std::string type = st.Text(5);
    SetText(row[5], type);
    SetValue(row[6], type, st, 6);
    row[7].kind = K::kBoolean;
    row[7].text = st.Int(7) ? "true" : "false";
    PutCell(row, 8, K::kString, st, 8);
    PutCell(row, 9, K::kString, st, 9);
  }, cb);
}

Status QuestionnaireExport::Questions(const ExportQuery& q, const RowCallback& cb) {
  static const K kKinds[] = {K::kInteger, K::kInteger, K::kInteger, K::kInteger, K::kInteger, K::kString,
                             K::kString,  K::kJson,    K::kInteger, K::kInteger, K::kString,  K::kString,
                             K::kInteger, K::kBoolean, K::kBoolean, K::kString,  K::kString};
  return Paged(kQuestionsSql, q, [](db::Statement& st, Row& row) {
    row.resize(17);
    for (int i = 0; i < 17; ++i) PutCell(row, i, kKinds[i], st, i);
    for (int i : {13, 14}) {
      if (row[i].kind == K::kBoolean) row[i].text = st.Int(i) ? "true" : "false";
    }
  }, cb);
}

}  // namespace samrad
