// QuestionnaireService's moderation of free-text answers: hiding and
// restoring with a public reason, and the moderators' list of the texts.
#include "core/event_log.h"
#include "core/questionnaire_service.h"

namespace samrad {

using nlohmann::json;

Status QuestionnaireService::ModerateText(const Actor& actor, int64_t answer_id, int64_t question_id,
                                          const std::string& action, const std::string& reason) {
  if (!actor) return Unauthenticated("sign in first");
  if (!actor->IsModerator()) return Forbidden("only moderators may hide answers");
  if (action != "hide" && action != "restore") return InvalidField("/action", "must be hide or restore");
  if (reason.find_first_not_of(" \t\r\n") == std::string::npos) return InvalidField("/reason", "give a reason");
  return db_->Write([&](db::Connection& c) -> Status {
    auto& st = c.Prepare(
        "SELECT a.consultation_id, a.user_id, i.hidden FROM questionnaire_answers a "
        "JOIN questionnaire_answer_items i ON i.answer_id = a.id AND i.answer_version = a.version "
        "WHERE a.id = ? AND i.question_id = ? AND a.withdrawn_at IS NULL AND i.text_salt IS NOT NULL");
    if (!st.Bind(1, answer_id).Bind(2, question_id).Step()) return NotFound("no such free-text answer");
    int64_t consultation_id = st.Int(0);
    int64_t user_id = st.Int(1);
    bool hidden = st.Int(2) != 0;
    st.Reset();
    if (hidden == (action == "hide")) {
      return Conflict(hidden ? "the answer is already hidden" : "the answer is not hidden");
    }
    c.Prepare("UPDATE questionnaire_answer_items SET hidden = ?, hidden_reason = ? "
              "WHERE answer_id = ? AND question_id = ? AND answer_version = "
              "(SELECT version FROM questionnaire_answers WHERE id = ?)")
        .Bind(1, action == "hide" ? 1 : 0)
        .Bind(2, action == "hide" ? std::optional<std::string>(reason) : std::nullopt)
        .Bind(3, answer_id).Bind(4, question_id).Bind(5, answer_id).Run();
    EventLog::Append(c, FormatTime(clock_->Now()),
                     action == "hide" ? "questionnaire.text_hidden" : "questionnaire.text_restored",
                     "consultation/" + std::to_string(consultation_id), RoleName(actor->role),
                     {{"consultation_id", consultation_id}, {"answer_id", answer_id},
                      {"question_id", question_id}, {"respondent", Respondent(user_id, consultation_id)},
                      {"reason", reason}});
    return Status::Ok();
  });
}

Result<std::vector<TextAnswer>> QuestionnaireService::TextAnswers(const Actor& actor, int limit,
                                                                  std::optional<int64_t> before) {
  if (!actor) return Unauthenticated("sign in first");
  if (!actor->IsModerator()) return Forbidden("only moderators read every free-text answer");
  std::vector<TextAnswer> out;
  Status s = db_->Read([&](db::Connection& c) {
    auto& st = c.Prepare(
        "SELECT a.id, i.question_id, a.consultation_id, k.title, q.text, a.user_id, i.value, i.hidden, "
        "ifnull(i.hidden_reason, ''), a.updated_at FROM questionnaire_answers a "
        "JOIN questionnaire_answer_items i ON i.answer_id = a.id AND i.answer_version = a.version "
        "JOIN questions q ON q.id = i.question_id JOIN consultations k ON k.id = a.consultation_id "
        "WHERE a.withdrawn_at IS NULL AND i.text_salt IS NOT NULL AND a.id < ? "
        "ORDER BY a.id DESC, q.position LIMIT ?");
    st.Bind(1, before.value_or(INT64_MAX)).Bind(2, limit);
    while (st.Step()) {
      TextAnswer t;
      t.answer_id = st.Int(0);
      t.question_id = st.Int(1);
      t.consultation_id = st.Int(2);
      t.consultation_title = st.Text(3);
      t.question = st.Text(4);
      t.respondent = Respondent(st.Int(5), t.consultation_id);
      t.text = json::parse(st.View(6)).get<std::string>();
      t.hidden = st.Int(7) != 0;
      t.hidden_reason = st.Text(8);
      t.answered_at = st.Text(9);
      out.push_back(std::move(t));
    }
    st.Reset();
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

Result<std::vector<std::string>> QuestionnaireService::VisibleTexts(const Actor& actor, int64_t consultation_id,
                                                                    int64_t question_id, int limit) {
  auto q = Get(actor, consultation_id);
  if (!q.ok()) return q.status();
  if (!ResultsVisible(actor, *q)) return Forbidden("the results are shown once the consultation closes");
  std::vector<std::string> out;
  Status s = db_->Read([&](db::Connection& c) {
    auto& st = c.Prepare(
        "SELECT i.value FROM questionnaire_answer_items i "
        "JOIN questionnaire_answers a ON a.id = i.answer_id AND a.version = i.answer_version "
        "WHERE i.question_id = ? AND a.consultation_id = ? AND a.withdrawn_at IS NULL AND i.hidden = 0 "
        "AND i.text_salt IS NOT NULL ORDER BY a.updated_at DESC, a.id DESC LIMIT ?");
    st.Bind(1, question_id).Bind(2, consultation_id).Bind(3, limit);
    while (st.Step()) out.push_back(json::parse(st.View(0)).get<std::string>());
    st.Reset();
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

}  // namespace samrad
