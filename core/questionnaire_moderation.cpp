// QuestionnaireService's moderation of free-text answers, as of comments:
// residents' flags, hiding, restoring, dismissing and reopening flags with a
// public reason (each act kept and logged), and the moderators' list of texts.
#include <map>

#include "core/event_log.h"
#include "core/questionnaire_service.h"

namespace samrad {

using nlohmann::json;

namespace {
// The free-text item of an answer's current version, not withdrawn.
struct TextItem {
  int64_t consultation_id = 0;
  int64_t user_id = 0;
  bool hidden = false;
};

std::optional<TextItem> LoadText(db::Connection& c, int64_t answer_id, int64_t question_id) {
  auto& st = c.Prepare(
      "SELECT a.consultation_id, a.user_id, i.hidden FROM questionnaire_answers a "
      "JOIN questionnaire_answer_items i ON i.answer_id = a.id AND i.answer_version = a.version "
      "WHERE a.id = ? AND i.question_id = ? AND a.withdrawn_at IS NULL AND i.text_salt IS NOT NULL");
  std::optional<TextItem> t;
  if (st.Bind(1, answer_id).Bind(2, question_id).Step()) t = TextItem{st.Int(0), st.Int(1), st.Int(2) != 0};
  st.Reset();
  return t;
}

// Open flags: neither settled by a hide or restore nor set aside.
constexpr const char* kOpen = "resolved_by_act IS NULL AND dismissed_by IS NULL";
// A flag put back in the queue must not make a second open flag of its user.
constexpr const char* kNoOpenTwin =
    "NOT EXISTS (SELECT 1 FROM text_flags o WHERE o.answer_id = text_flags.answer_id AND "
    "o.question_id = text_flags.question_id AND o.user_id = text_flags.user_id AND "
    "o.resolved_by_act IS NULL AND o.dismissed_by IS NULL)";

int64_t Count(db::Statement& st) {
  st.Step();
  int64_t n = st.Int(0);
  st.Reset();
  return n;
}

// The latest act of `action` on the text, 0 when none.
int64_t LatestAct(db::Connection& c, int64_t answer_id, int64_t question_id, const std::string& action) {
  return Count(c.Prepare("SELECT COALESCE(MAX(id), 0) FROM text_moderation_acts "
                         "WHERE answer_id = ? AND question_id = ? AND action = ?")
                   .Bind(1, answer_id).Bind(2, question_id).Bind(3, action));
}

// Moves the text's flags for act (inserted already) and fills flags_resolved.
Status MoveFlags(db::Connection& c, const TextItem& t, ModerationAct& act, bool undo) {
  const std::string where = " WHERE answer_id = " + std::to_string(act.answer_id) +
                            " AND question_id = " + std::to_string(act.question_id) + " AND ";
  if (act.action == "hide" || act.action == "restore") {
    if (t.hidden == (act.action == "hide")) {
      return Conflict(t.hidden ? "the answer is already hidden" : "the answer is not hidden");
    }
    c.Prepare("UPDATE text_flags SET resolved_by_act = ?" + where + kOpen).Bind(1, act.id).Run();
    act.flags_resolved = c.Changes();
    if (undo && act.action == "restore") {
      // Undoing a hide: the flags it resolved wait in the queue again.
      int64_t hide = LatestAct(c, act.answer_id, act.question_id, "hide");
      c.Prepare("UPDATE text_flags SET resolved_by_act = NULL" + where + "resolved_by_act = ? AND " + kNoOpenTwin)
          .Bind(1, hide).Run();
    }
    c.Prepare("UPDATE questionnaire_answer_items SET hidden = ?, hidden_reason = ? "
              "WHERE answer_id = ? AND question_id = ? AND answer_version = "
              "(SELECT version FROM questionnaire_answers WHERE id = ?)")
        .Bind(1, act.action == "hide" ? 1 : 0)
        .Bind(2, act.action == "hide" ? std::optional<std::string>(act.reason) : std::nullopt)
        .Bind(3, act.answer_id).Bind(4, act.question_id).Bind(5, act.answer_id).Run();
    return Status::Ok();
  }
  if (act.action == "dismiss") {
    c.Prepare("UPDATE text_flags SET dismissed_by = ?" + where + kOpen).Bind(1, act.id).Run();
    act.flags_resolved = c.Changes();
    if (act.flags_resolved == 0) return Conflict("the answer has no open flags");
    return Status::Ok();
  }
  if (t.hidden) return Conflict("the answer is hidden");
  int64_t dismissal = LatestAct(c, act.answer_id, act.question_id, "dismiss");
  c.Prepare("UPDATE text_flags SET dismissed_by = NULL" + where + "dismissed_by = ? AND resolved_by_act IS NULL AND " +
            kNoOpenTwin)
      .Bind(1, dismissal).Run();
  act.flags_resolved = c.Changes();
  if (act.flags_resolved == 0) return Conflict("the answer has no dismissed flags to reopen");
  return Status::Ok();
}
}  // namespace

Result<Flag> QuestionnaireService::FlagText(const Actor& actor, int64_t answer_id, int64_t question_id,
                                            const std::string& reason, const std::optional<std::string>& note) {
  if (!actor) return Unauthenticated("sign in to flag an answer");
  if (!IsFlagReason(reason)) return InvalidField("/reason", "must be spam, offensive, off_topic or personal_data");
  Flag f;
  f.answer_id = answer_id;
  f.question_id = question_id;
  f.reason = reason;
  f.note = note;
  f.created_at = FormatTime(clock_->Now());
  Status s = db_->Write([&](db::Connection& c) -> Status {
    auto t = LoadText(c, answer_id, question_id);
    if (!t) return NotFound("no such free-text answer");
    if (t->hidden) return Conflict("the answer is already hidden");
    if (t->user_id == actor->id) return Conflict("you cannot flag your own answer");
    if (Count(c.Prepare(std::string("SELECT COUNT(*) FROM text_flags WHERE answer_id = ? AND question_id = ? AND "
                                    "user_id = ? AND ") + kOpen)
                  .Bind(1, answer_id).Bind(2, question_id).Bind(3, actor->id)) > 0) {
      return Conflict("you have already flagged this answer");
    }
    c.Prepare("INSERT INTO text_flags(answer_id, question_id, user_id, reason, note, created_at) VALUES(?,?,?,?,?,?)")
        .Bind(1, answer_id).Bind(2, question_id).Bind(3, actor->id).Bind(4, reason).Bind(5, note)
        .Bind(6, f.created_at).Run();
    f.id = c.LastInsertId();
    // The note may name people: it stays with the moderators, out of the log.
    EventLog::Append(c, f.created_at, "questionnaire.text_flagged", "consultation/" + std::to_string(t->consultation_id),
                     RoleName(actor->role),
                     {{"flag_id", f.id}, {"answer_id", answer_id}, {"question_id", question_id},
                      {"consultation_id", t->consultation_id}, {"reason", reason}});
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return f;
}

Result<ModerationAct> QuestionnaireService::ActOnText(const Actor& actor, int64_t answer_id, int64_t question_id,
                                                      const std::string& action, const std::string& reason,
                                                      bool undo) {
  if (!actor) return Unauthenticated("sign in first");
  if (!actor->IsModerator()) return Forbidden("only moderators may hide answers");
  if (action != "hide" && action != "restore" && action != "dismiss" && action != "reopen") {
    return InvalidField("/action", "must be hide, restore, dismiss or reopen");
  }
  if (reason.find_first_not_of(" \t\r\n") == std::string::npos) return InvalidField("/reason", "give a reason");
  ModerationAct act;
  act.action = action;
  act.reason = reason;
  act.moderator_role = RoleName(actor->role);
  act.at = FormatTime(clock_->Now());
  act.source = 2;
  act.answer_id = answer_id;
  act.question_id = question_id;
  Status s = db_->Write([&](db::Connection& c) -> Status {
    auto t = LoadText(c, answer_id, question_id);
    if (!t) return NotFound("no such free-text answer");
    act.consultation_id = t->consultation_id;
    c.Prepare("INSERT INTO text_moderation_acts(answer_id, question_id, consultation_id, action, reason, "
              "moderator_id, moderator_role, at) VALUES(?,?,?,?,?,?,?,?)")
        .Bind(1, answer_id).Bind(2, question_id).Bind(3, act.consultation_id).Bind(4, action).Bind(5, reason)
        .Bind(6, actor->id).Bind(7, act.moderator_role).Bind(8, act.at).Run();
    act.id = c.LastInsertId();
    // A refusal rolls the whole write back, the act row included.
    if (Status st = MoveFlags(c, *t, act, undo); !st.ok()) return st;
    static const std::map<std::string, std::string> kKinds = {
        {"hide", "questionnaire.text_hidden"},
        {"restore", "questionnaire.text_restored"},
        {"dismiss", "questionnaire.text_flags_dismissed"},
        {"reopen", "questionnaire.text_flags_reopened"}};
    // Moderation acts are public records: they enter the log whole, the text never.
    act.log_seq = EventLog::Append(c, act.at, kKinds.at(action), "consultation/" + std::to_string(act.consultation_id),
                                   act.moderator_role,
                                   {{"act_id", act.id}, {"consultation_id", act.consultation_id},
                                    {"answer_id", answer_id}, {"question_id", question_id},
                                    {"respondent", Respondent(t->user_id, act.consultation_id)},
                                    {"action", action}, {"reason", reason},
                                    {"moderator_role", act.moderator_role}, {"flags_resolved", act.flags_resolved}})
                      .seq;
    c.Prepare("UPDATE text_moderation_acts SET flags_resolved = ?, log_seq = ? WHERE id = ?")
        .Bind(1, act.flags_resolved).Bind(2, act.log_seq).Bind(3, act.id).Run();
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return act;
}

Result<ModerationAct> QuestionnaireService::UndoText(const Actor& actor, int64_t answer_id, int64_t question_id,
                                                     const std::string& reason) {
  static const std::map<std::string, std::string> kInverse = {
      {"hide", "restore"}, {"restore", "hide"}, {"dismiss", "reopen"}, {"reopen", "dismiss"}};
  if (!actor) return Unauthenticated("sign in first");
  if (!actor->IsModerator()) return Forbidden("only moderators may undo");
  std::string last;
  Status s = db_->Read([&](db::Connection& c) {
    auto& st = c.Prepare("SELECT action FROM text_moderation_acts WHERE answer_id = ? AND question_id = ? "
                         "ORDER BY id DESC LIMIT 1");
    if (st.Bind(1, answer_id).Bind(2, question_id).Step()) last = st.Text(0);
    st.Reset();
    return Status::Ok();
  });
  if (!s.ok()) return s;
  if (last.empty()) return Conflict("the answer has no moderation act to undo");
  return ActOnText(actor, answer_id, question_id, kInverse.at(last), reason, true);
}

Status QuestionnaireService::ModerateText(const Actor& actor, int64_t answer_id, int64_t question_id,
                                          const std::string& action, const std::string& reason) {
  if (action != "hide" && action != "restore") return InvalidField("/action", "must be hide or restore");
  auto act = ActOnText(actor, answer_id, question_id, action, reason, false);
  return act.ok() ? Status::Ok() : act.status();
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

Result<std::vector<VisibleText>> QuestionnaireService::VisibleTexts(const Actor& actor, int64_t consultation_id,
                                                                    int64_t question_id, int limit) {
  auto q = Get(actor, consultation_id);
  if (!q.ok()) return q.status();
  if (!ResultsVisible(actor, *q)) return Forbidden("the results are shown once the consultation closes");
  std::vector<VisibleText> out;
  Status s = db_->Read([&](db::Connection& c) {
    auto& st = c.Prepare(
        "SELECT i.value, a.id, a.user_id FROM questionnaire_answer_items i "
        "JOIN questionnaire_answers a ON a.id = i.answer_id AND a.version = i.answer_version "
        "WHERE i.question_id = ? AND a.consultation_id = ? AND a.withdrawn_at IS NULL AND i.hidden = 0 "
        "AND i.text_salt IS NOT NULL ORDER BY a.updated_at DESC, a.id DESC LIMIT ?");
    st.Bind(1, question_id).Bind(2, consultation_id).Bind(3, limit);
    while (st.Step()) {
      out.push_back({st.Int(1), json::parse(st.View(0)).get<std::string>(), actor && actor->id == st.Int(2)});
    }
    st.Reset();
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

}  // namespace samrad
