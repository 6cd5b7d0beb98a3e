// QuestionnaireService's reads for the search index: answers with the free
// texts the public may read.
#include "core/questionnaire_service.h"

namespace samrad {

using nlohmann::json;

namespace {

// Answers in id order with their visible free texts; `where` narrows the
// answers and binds ?1 and ?2.
constexpr const char* kSelect =
    "SELECT a.id, a.consultation_id, a.updated_at, "
    "(SELECT json_group_array(json(i.value)) FROM (SELECT i.value FROM questionnaire_answer_items i "
    "JOIN questions q ON q.id = i.question_id WHERE i.answer_id = a.id AND i.answer_version = a.version "
    "AND i.text_salt IS NOT NULL AND i.hidden = 0 AND a.withdrawn_at IS NULL ORDER BY q.position) i) "
    "FROM questionnaire_answers a ";

std::vector<IndexedAnswer> ReadAnswers(db::Statement& st) {
  std::vector<IndexedAnswer> out;
  while (st.Step()) {
    IndexedAnswer a;
    a.answer_id = st.Int(0);
    a.consultation_id = st.Int(1);
    a.answered_at = st.Text(2);
    for (const auto& t : json::parse(st.View(3))) a.texts.push_back(t.get<std::string>());
    out.push_back(std::move(a));
  }
  st.Reset();
  return out;
}

}  // namespace

Result<std::vector<IndexedAnswer>> QuestionnaireService::AnswersForIndex(int64_t consultation_id) {
  std::vector<IndexedAnswer> out;
  Status s = db_->Read([&](db::Connection& c) {
    auto& st = c.Prepare(std::string(kSelect) + "WHERE a.consultation_id = ? ORDER BY a.id");
    st.Bind(1, consultation_id);
    out = ReadAnswers(st);
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

Result<std::vector<IndexedAnswer>> QuestionnaireService::TextsForIndex(int64_t after_id, int limit) {
  std::vector<IndexedAnswer> out;
  Status s = db_->Read([&](db::Connection& c) {
    auto& st = c.Prepare(std::string(kSelect) +
                         "WHERE a.id > ? AND a.withdrawn_at IS NULL AND EXISTS (SELECT 1 FROM "
                         "questionnaire_answer_items i WHERE i.answer_id = a.id AND i.answer_version = a.version "
                         "AND i.text_salt IS NOT NULL AND i.hidden = 0) ORDER BY a.id LIMIT ?");
    st.Bind(1, after_id).Bind(2, limit);
    out = ReadAnswers(st);
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

}  // namespace samrad
