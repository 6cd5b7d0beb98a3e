// QuestionnaireService: questions, answers, withdrawals, results.
#include "core/questionnaire_service.h"

#include "core/comment_queries.h"
#include "core/consultation.h"
#include "core/consultation_dates.h"
#include "core/crypto.h"
#include "core/event_log.h"

namespace samrad {

using nlohmann::json;

namespace {

std::string Subject(int64_t consultation_id) { return "consultation/" + std::to_string(consultation_id); }

std::string ReasonOf(const json& body) {
  return body.contains("reason") && body["reason"].is_string() ? body["reason"].get<std::string>() : "";
}

void SaveVersion(db::Connection& c, const Question& q, const std::string& reason, const std::string& at) {
  c.Prepare("INSERT OR REPLACE INTO question_versions(question_id, version, definition, reason, created_at) "
            "VALUES(?,?,?,?,?)")
      .Bind(1, q.id).Bind(2, q.version).Bind(3, DefinitionJson(q).dump())
      .Bind(4, reason.empty() ? std::optional<std::string>() : std::optional<std::string>(reason))
      .Bind(5, at).Run();
}

void StoreQuestion(db::Connection& c, const Question& q) {
  c.Prepare("UPDATE questions SET section_id = ?, position = ?, type = ?, text = ?, options = ?, "
            "max_choices = ?, scale_max = ?, low_label = ?, high_label = ?, max_length = ?, "
            "required = ?, version = ? WHERE id = ?")
      .Bind(1, q.section_id).Bind(2, q.position).Bind(3, q.type).Bind(4, q.text)
      .Bind(5, json(q.options).dump())
      .Bind(6, q.max_choices ? std::optional<int64_t>(*q.max_choices) : std::nullopt)
      .Bind(7, q.scale_max).Bind(8, q.low_label).Bind(9, q.high_label).Bind(10, q.max_length)
      .Bind(11, q.required ? 1 : 0).Bind(12, q.version).Bind(13, q.id).Run();
}

Status CheckSection(db::Connection& c, const Question& q) {
  if (!q.section_id) return Status::Ok();
  auto& st = c.Prepare("SELECT 1 FROM sections WHERE id = ? AND consultation_id = ? AND removed = 0");
  bool found = st.Bind(1, *q.section_id).Bind(2, q.consultation_id).Step();
  st.Reset();
  return found ? Status::Ok() : InvalidField("/section_id", "not a section of this consultation");
}

const Question* Find(const Questionnaire& q, int64_t id) {
  for (const auto& x : q.questions) {
    if (x.id == id) return &x;
  }
  return nullptr;
}

}  // namespace

std::vector<Question> LoadQuestions(db::Connection& c, int64_t consultation_id) {
  auto& st = c.Prepare(
      "SELECT id, section_id, position, type, text, options, max_choices, scale_max, low_label, "
      "high_label, max_length, required, version FROM questions "
      "WHERE consultation_id = ? AND removed = 0 ORDER BY position, id");
  st.Bind(1, consultation_id);
  std::vector<Question> out;
  while (st.Step()) {
    Question q;
    q.id = st.Int(0);
    q.consultation_id = consultation_id;
    q.section_id = st.OptInt(1);
    q.position = static_cast<int>(st.Int(2));
    q.type = st.Text(3);
    q.text = st.Text(4);
    q.options = json::parse(st.Text(5)).get<std::vector<std::string>>();
    if (auto m = st.OptInt(6)) q.max_choices = static_cast<int>(*m);
    q.scale_max = static_cast<int>(st.Int(7));
    q.low_label = st.Text(8);
    q.high_label = st.Text(9);
    q.max_length = static_cast<int>(st.Int(10));
    q.required = st.Int(11) != 0;
    q.version = static_cast<int>(st.Int(12));
    out.push_back(std::move(q));
  }
  return out;
}

QuestionnaireService::QuestionnaireService(std::shared_ptr<Database> db, std::shared_ptr<Clock> clock)
    : db_(std::move(db)), clock_(std::move(clock)) {
  db_->Read([&](db::Connection& c) {
    auto& st = c.Prepare("SELECT value FROM secrets WHERE name = 'pseudonym'");
    if (st.Step()) pseudonym_secret_ = st.Text(0);
    st.Reset();
    return Status::Ok();
  });
}

std::string QuestionnaireService::Respondent(int64_t user_id, int64_t consultation_id) const {
  return Pseudonym(pseudonym_secret_, user_id, consultation_id);
}

Result<Questionnaire> QuestionnaireService::Load(db::Connection& c, int64_t consultation_id) {
  auto dates = LoadConsultationDates(c, consultation_id);
  if (!dates) return NotFound("no consultation " + std::to_string(consultation_id));
  Questionnaire q;
  q.consultation_id = consultation_id;
  q.state = dates->StateAt(clock_->Now());
  auto& st = c.Prepare("SELECT results_visibility FROM questionnaire_settings WHERE consultation_id = ?");
  q.results_visibility = st.Bind(1, consultation_id).Step() ? st.Text(0) : "after_close";
  st.Reset();
  q.questions = LoadQuestions(c, consultation_id);
  return q;
}

Result<Questionnaire> QuestionnaireService::Get(const Actor& actor, int64_t consultation_id) {
  std::optional<Questionnaire> out;
  Status s = db_->Read([&](db::Connection& c) -> Status {
    auto q = Load(c, consultation_id);
    if (!q.ok()) return q.status();
    out = std::move(q).value();
    return Status::Ok();
  });
  if (!s.ok()) return s;
  if (out->state == "draft" && !(actor && actor->IsOfficial())) {
    return NotFound("no consultation " + std::to_string(consultation_id));
  }
  return *out;
}

Status QuestionnaireService::CheckChange(const Actor& actor, const Questionnaire& q,
                                         const std::string& reason) {
  if (!actor) return Unauthenticated("sign in first");
  if (!actor->IsOfficial()) return Forbidden("only officials may change questionnaires");
  if (q.state == "closed" || q.state == "decided") {
    return Conflict("the consultation is " + q.state + "; its questions can no longer change");
  }
  if (q.state != "draft" && reason.find_first_not_of(" \t\r\n") == std::string::npos) {
    return InvalidField("/reason", "say why the questions change after publication");
  }
  if (reason.size() > 1000) return InvalidField("/reason", "must be at most 1000 characters");
  return Status::Ok();
}

void QuestionnaireService::LogChange(db::Connection& c, const Actor& actor, int64_t consultation_id,
                                     const std::string& change, int64_t question_id,
                                     const std::string& reason) {
  auto q = Load(c, consultation_id);
  json questions = json::array();
  for (const auto& x : q->questions) questions.push_back(ToJson(x));
  json payload = {{"consultation_id", consultation_id},
                  {"change", change},
                  {"question_id", question_id ? json(question_id) : json(nullptr)},
                  {"reason", reason.empty() ? json(nullptr) : json(reason)},
                  {"results_visibility", q->results_visibility}};
  // Like a draft consultation, draft questions enter the log as a digest.
  if (q->state == "draft") {
    payload["questions_sha256"] = crypto::Sha256Hex(questions.dump());
  } else {
    payload["questions"] = std::move(questions);
  }
  EventLog::Append(c, FormatTime(clock_->Now()), "questionnaire.changed", Subject(consultation_id),
                   RoleName(actor->role), std::move(payload));
}

Result<Question> QuestionnaireService::Add(const Actor& actor, int64_t consultation_id, const json& body) {
  std::optional<Question> out;
  Status s = db_->Write([&](db::Connection& c) -> Status {
    auto q = Load(c, consultation_id);
    if (!q.ok()) return q.status();
    std::string reason = ReasonOf(body);
    if (Status st = CheckChange(actor, *q, reason); !st.ok()) return st;
    if (q->questions.size() >= static_cast<size_t>(kMaxQuestions)) {
      return Conflict("a questionnaire holds at most " + std::to_string(kMaxQuestions) + " questions");
    }
    Question n;
    n.consultation_id = consultation_id;
    if (Status st = ApplyQuestionFields(n, body); !st.ok()) return st;
    if (Status st = CheckSection(c, n); !st.ok()) return st;
    n.position = q->questions.empty() ? 1 : q->questions.back().position + 1;
    c.Prepare("INSERT INTO questions(consultation_id, position, type, text) VALUES(?,?,?,?)")
        .Bind(1, consultation_id).Bind(2, n.position).Bind(3, n.type).Bind(4, n.text).Run();
    n.id = c.LastInsertId();
    StoreQuestion(c, n);
    std::string at = FormatTime(clock_->Now());
    SaveVersion(c, n, reason, at);
    LogChange(c, actor, consultation_id, "added", n.id, reason);
    out = n;
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return *out;
}

Result<Question> QuestionnaireService::Edit(const Actor& actor, int64_t consultation_id,
                                            int64_t question_id, const json& body) {
  std::optional<Question> out;
  Status s = db_->Write([&](db::Connection& c) -> Status {
    auto q = Load(c, consultation_id);
    if (!q.ok()) return q.status();
    std::string reason = ReasonOf(body);
    if (Status st = CheckChange(actor, *q, reason); !st.ok()) return st;
    const Question* old = Find(*q, question_id);
    if (!old) return NotFound("no question " + std::to_string(question_id) + " in this consultation");
    Question n = *old;
    if (Status st = ApplyQuestionFields(n, body); !st.ok()) return st;
    if (Status st = CheckSection(c, n); !st.ok()) return st;
    // Published: a new version, so that answers keep the version they answered.
    if (q->state != "draft") ++n.version;
    StoreQuestion(c, n);
    SaveVersion(c, n, reason, FormatTime(clock_->Now()));
    LogChange(c, actor, consultation_id, "edited", n.id, reason);
    out = n;
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return *out;
}

Status QuestionnaireService::Remove(const Actor& actor, int64_t consultation_id, int64_t question_id,
                                    const std::string& reason) {
  return db_->Write([&](db::Connection& c) -> Status {
    auto q = Load(c, consultation_id);
    if (!q.ok()) return q.status();
    if (Status st = CheckChange(actor, *q, reason); !st.ok()) return st;
    if (!Find(*q, question_id)) {
      return NotFound("no question " + std::to_string(question_id) + " in this consultation");
    }
    if (q->state == "draft") {
      c.Prepare("DELETE FROM question_versions WHERE question_id = ?").Bind(1, question_id).Run();
      c.Prepare("DELETE FROM questions WHERE id = ?").Bind(1, question_id).Run();
    } else {
      c.Prepare("UPDATE questions SET removed = 1 WHERE id = ?").Bind(1, question_id).Run();
    }
    LogChange(c, actor, consultation_id, "removed", question_id, reason);
    return Status::Ok();
  });
}

Status QuestionnaireService::Move(const Actor& actor, int64_t consultation_id, int64_t question_id,
                                  int delta, const std::string& reason) {
  return db_->Write([&](db::Connection& c) -> Status {
    auto q = Load(c, consultation_id);
    if (!q.ok()) return q.status();
    if (Status st = CheckChange(actor, *q, reason); !st.ok()) return st;
    std::vector<Question> list = q->questions;
    size_t i = 0;
    while (i < list.size() && list[i].id != question_id) ++i;
    if (i == list.size()) return NotFound("no question " + std::to_string(question_id) + " in this consultation");
    size_t j = delta < 0 ? i - 1 : i + 1;
    if ((delta < 0 && i == 0) || j >= list.size()) return Status::Ok();  // already at that end
    std::swap(list[i], list[j]);
    // Positions are renumbered 1..n, so old gaps or ties never matter.
    auto& st = c.Prepare("UPDATE questions SET position = ? WHERE id = ?");
    for (size_t k = 0; k < list.size(); ++k) {
      st.Bind(1, static_cast<int64_t>(k + 1)).Bind(2, list[k].id).Run();
      st.Reset();
    }
    LogChange(c, actor, consultation_id, "moved", question_id, reason);
    return Status::Ok();
  });
}

Status QuestionnaireService::SetVisibility(const Actor& actor, int64_t consultation_id,
                                           const std::string& visibility) {
  if (visibility != "during" && visibility != "after_close") {
    return InvalidField("/results_visibility", "must be during or after_close");
  }
  return db_->Write([&](db::Connection& c) -> Status {
    auto q = Load(c, consultation_id);
    if (!q.ok()) return q.status();
    if (!actor) return Unauthenticated("sign in first");
    if (!actor->IsOfficial()) return Forbidden("only officials may change questionnaires");
    if (q->results_visibility == visibility) return Status::Ok();
    c.Prepare("INSERT INTO questionnaire_settings(consultation_id, results_visibility) VALUES(?,?) "
              "ON CONFLICT(consultation_id) DO UPDATE SET results_visibility = excluded.results_visibility")
        .Bind(1, consultation_id).Bind(2, visibility).Run();
    LogChange(c, actor, consultation_id, "visibility", 0, "");
    return Status::Ok();
  });
}

Result<std::optional<Answer>> QuestionnaireService::Mine(const Actor& actor, int64_t consultation_id) {
  if (!actor) return Unauthenticated("sign in to see your answer");
  std::optional<Answer> out;
  Status s = db_->Read([&](db::Connection& c) -> Status {
    auto q = Load(c, consultation_id);
    if (!q.ok()) return q.status();
    if (q->state == "draft") return NotFound("no consultation " + std::to_string(consultation_id));
    auto& st = c.Prepare(
        "SELECT id, version, created_at, updated_at FROM questionnaire_answers "
        "WHERE consultation_id = ? AND user_id = ? AND withdrawn_at IS NULL");
    if (!st.Bind(1, consultation_id).Bind(2, actor->id).Step()) return Status::Ok();
    int64_t id = st.Int(0);
    Answer a;
    a.id = id;
    a.consultation_id = consultation_id;
    a.version = static_cast<int>(st.Int(1));
    a.created_at = st.Text(2);
    a.updated_at = st.Text(3);
    st.Reset();
    auto& it = c.Prepare(
        "SELECT i.question_id, i.question_version, i.value, i.hidden, ifnull(i.hidden_reason, '') "
        "FROM questionnaire_answer_items i JOIN questions q ON q.id = i.question_id "
        "WHERE i.answer_id = ? AND i.answer_version = ? ORDER BY q.position, q.id");
    it.Bind(1, id).Bind(2, a.version);
    while (it.Step()) {
      a.items.push_back({it.Int(0), static_cast<int>(it.Int(1)), json::parse(it.Text(2)),
                         it.Int(3) != 0, it.Text(4)});
    }
    out = std::move(a);
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

Result<Answer> QuestionnaireService::Submit(const Actor& actor, int64_t consultation_id, const json& body) {
  if (!actor) return Unauthenticated("sign in to answer");
  if (actor->IsOfficial()) return Forbidden("officials do not answer questionnaires");
  Status s = db_->Write([&](db::Connection& c) -> Status {
    auto q = Load(c, consultation_id);
    if (!q.ok()) return q.status();
    if (q->state == "draft") return NotFound("no consultation " + std::to_string(consultation_id));
    if (q->state != "open") {
      return Conflict("the consultation is " + q->state + "; answers are taken only while it is open");
    }
    if (q->questions.empty()) return Conflict("this consultation has no questions");
    auto items = CheckAnswers(q->questions, body);
    if (!items.ok()) return items.status();
    std::string at = FormatTime(clock_->Now());
    auto& st = c.Prepare("SELECT id, version FROM questionnaire_answers WHERE consultation_id = ? AND user_id = ?");
    int64_t id = 0;
    int64_t version = 1;
    if (st.Bind(1, consultation_id).Bind(2, actor->id).Step()) {
      id = st.Int(0);
      version = st.Int(1) + 1;
      st.Reset();
      c.Prepare("UPDATE questionnaire_answers SET version = ?, updated_at = ?, withdrawn_at = NULL WHERE id = ?")
          .Bind(1, version).Bind(2, at).Bind(3, id).Run();
    } else {
      st.Reset();
      c.Prepare("INSERT INTO questionnaire_answers(consultation_id, user_id, version, created_at, updated_at) "
                "VALUES(?,?,1,?,?)")
          .Bind(1, consultation_id).Bind(2, actor->id).Bind(3, at).Bind(4, at).Run();
      id = c.LastInsertId();
    }
    json logged = json::array();
    auto& ins = c.Prepare(
        "INSERT INTO questionnaire_answer_items(answer_id, answer_version, question_id, question_version, "
        "value, text_salt) VALUES(?,?,?,?,?,?)");
    for (const auto& i : items.value()) {
      json entry = {{"question_id", i.question_id}, {"question_version", i.question_version}};
      std::optional<std::string> salt;
      if (i.value.is_string()) {
        // Free text enters the public log only as a salted digest.
        salt = crypto::RandomToken(16);
        entry["text_sha256"] = BodyDigest(*salt, i.value.get<std::string>());
      } else {
        entry["value"] = i.value;
      }
      ins.Bind(1, id).Bind(2, version).Bind(3, i.question_id).Bind(4, i.question_version)
          .Bind(5, i.value.dump()).Bind(6, salt).Run();
      ins.Reset();
      logged.push_back(std::move(entry));
    }
    EventLog::Append(c, at, "questionnaire.answered", Subject(consultation_id), RoleName(actor->role),
                     {{"consultation_id", consultation_id},
                      {"respondent", Respondent(actor->id, consultation_id)},
                      {"version", version},
                      {"answers", std::move(logged)}});
    return Status::Ok();
  });
  if (!s.ok()) return s;
  auto mine = Mine(actor, consultation_id);
  if (!mine.ok()) return mine.status();
  if (!mine.value()) return Internal("the answer was not stored");
  return *mine.value();
}

Status QuestionnaireService::Withdraw(const Actor& actor, int64_t consultation_id) {
  if (!actor) return Unauthenticated("sign in first");
  if (actor->IsOfficial()) return Forbidden("officials do not answer questionnaires");
  return db_->Write([&](db::Connection& c) -> Status {
    auto q = Load(c, consultation_id);
    if (!q.ok()) return q.status();
    if (q->state == "draft") return NotFound("no consultation " + std::to_string(consultation_id));
    if (q->state != "open") {
      return Conflict("the consultation is " + q->state + "; answers can be withdrawn only while it is open");
    }
    auto& st = c.Prepare(
        "SELECT id, version FROM questionnaire_answers WHERE consultation_id = ? AND user_id = ? "
        "AND withdrawn_at IS NULL");
    if (!st.Bind(1, consultation_id).Bind(2, actor->id).Step()) return NotFound("you have no answer here");
    int64_t id = st.Int(0);
    int64_t version = st.Int(1);
    st.Reset();
    std::string at = FormatTime(clock_->Now());
    c.Prepare("UPDATE questionnaire_answers SET withdrawn_at = ?, updated_at = ? WHERE id = ?")
        .Bind(1, at).Bind(2, at).Bind(3, id).Run();
    EventLog::Append(c, at, "questionnaire.withdrawn", Subject(consultation_id), RoleName(actor->role),
                     {{"consultation_id", consultation_id},
                      {"respondent", Respondent(actor->id, consultation_id)},
                      {"version", version}});
    return Status::Ok();
  });
}

bool QuestionnaireService::ResultsVisible(const Actor& actor, const Questionnaire& q) const {
  if (actor && actor->IsOfficial()) return true;
  if (q.state == "draft") return false;
  if (q.state == "closed" || q.state == "decided") return true;
  return q.results_visibility == "during";
}

Result<std::vector<QuestionResult>> QuestionnaireService::Results(const Actor& actor, int64_t consultation_id) {
  auto q = Get(actor, consultation_id);
  if (!q.ok()) return q.status();
  if (!ResultsVisible(actor, *q)) return Forbidden("the results are shown once the consultation closes");
  std::vector<QuestionResult> out;
  Status s = db_->Read([&](db::Connection& c) {
    out = QuestionnaireResults::For(c, consultation_id);
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

}  // namespace samrad
