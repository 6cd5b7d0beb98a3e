// ModerationService: flags, the queue, hide/restore and the public log.
#include "core/moderation_service.h"

#include "core/event_log.h"
#include "core/tlog_links.h"

#include <map>
#include <tuple>

namespace samrad {

using nlohmann::json;

namespace {
Status CheckModerator(const Actor& actor) {
  if (!actor) return Unauthenticated("sign in first");
  if (!actor->IsModerator()) return Forbidden("only moderators may do this");
  return Status::Ok();
}

// The comment waits in the queue from its oldest open flag, if any.
void Requeue(db::Connection& c, int64_t comment_id) {
  c.Prepare(
       "UPDATE comments SET flagged_at = (SELECT MIN(created_at) FROM flags WHERE comment_id = ?1 "
       "AND resolved_by_act IS NULL AND dismissed_by IS NULL) WHERE id = ?1")
      .Bind(1, comment_id).Run();
}

ModerationAct ActRow(db::Statement& st) {
  return {st.Int(0),  st.Int(1),  st.Int(2), st.Text(3), st.Text(4),
          st.Text(5), st.Text(6), st.Int(7)};
}
}  // namespace

ModerationService::ModerationService(std::shared_ptr<Database> db, std::shared_ptr<Clock> clock)
    : db_(std::move(db)), clock_(std::move(clock)) {
  db_->Read([&](db::Connection& c) {
    queries_ = std::make_unique<CommentQueries>(c);
    auto& st = c.Prepare("SELECT value FROM secrets WHERE name = 'pseudonym'");
    if (st.Step()) secret_ = st.Text(0);
    st.Reset();
    return Status::Ok();
  });
}

Result<Flag> ModerationService::FlagComment(const Actor& actor, int64_t comment_id,
                                            const std::string& reason,
                                            const std::optional<std::string>& note) {
  if (!actor) return Unauthenticated("sign in to flag a comment");
  Flag f{0, comment_id, reason, note, FormatTime(clock_->Now())};
  Status s = db_->Write([&](db::Connection& c) -> Status {
    auto k = queries_->Load(c, comment_id);
    if (!k) return NotFound("no comment " + std::to_string(comment_id));
    if (k->hidden) return Conflict("the comment is already hidden");
    if (k->author_id == actor->id) {
      return Conflict("you cannot flag your own comment");
    }
    auto& mine = c.Prepare("SELECT 1 FROM flags WHERE comment_id = ? AND user_id = ?");
    if (mine.Bind(1, comment_id).Bind(2, actor->id).Step()) {
      return Conflict("you have already flagged this comment");
    }
    c.Prepare("INSERT INTO flags(comment_id, user_id, reason, note, created_at) VALUES(?,?,?,?,?)")
        .Bind(1, comment_id).Bind(2, actor->id).Bind(3, reason).Bind(4, note).Bind(5, f.created_at)
        .Run();
    f.id = c.LastInsertId();
    c.Prepare("UPDATE comments SET flagged_at = COALESCE(flagged_at, ?) WHERE id = ?")
        .Bind(1, f.created_at).Bind(2, comment_id).Run();
    // The note may name people: it stays with the moderators, out of the log.
    EventLog::Append(c, f.created_at, "comment.flagged", "comment/" + std::to_string(comment_id),
                     RoleName(actor->role),
                     {{"flag_id", f.id}, {"comment_id", comment_id},
                      {"consultation_id", k->consultation_id}, {"reason", reason}});
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return f;
}

Result<Listing<QueueItem>> ModerationService::Queue(const Actor& actor, const Page& page) {
  if (Status s = CheckModerator(actor); !s.ok()) return s;
  auto after_at = CursorText(page, 0, "");
  if (!after_at.ok()) return after_at.status();
  auto after_src = CursorInt(page, 1, 0);
  if (!after_src.ok()) return after_src.status();
  auto after_a = CursorInt(page, 2, 0);
  if (!after_a.ok()) return after_a.status();
  auto after_b = CursorInt(page, 3, 0);
  if (!after_b.ok()) return after_b.status();
  Listing<QueueItem> out;
  Status s = db_->Read([&](db::Connection& c) {
    // Flagged comments (src 0) and flagged free-text answers (src 1, keyed
    // by answer and question) in one order: the oldest open flag first.
    auto& st = c.Prepare(
        "SELECT * FROM (SELECT flagged_at AS at, 0 AS src, id AS a, 0 AS b FROM comments WHERE flagged_at IS NOT NULL "
        "UNION ALL SELECT MIN(f.created_at), 1, f.answer_id, f.question_id FROM text_flags f "
        "JOIN questionnaire_answers x ON x.id = f.answer_id AND x.withdrawn_at IS NULL "
        "WHERE f.resolved_by_act IS NULL AND f.dismissed_by IS NULL GROUP BY f.answer_id, f.question_id) "
        "WHERE (at, src, a, b) > (?1, ?2, ?3, ?4) ORDER BY at, src, a, b LIMIT ?5");
    st.Bind(1, after_at.value()).Bind(2, after_src.value()).Bind(3, after_a.value()).Bind(4, after_b.value())
        .Bind(5, page.limit + 1);
    std::vector<std::tuple<std::string, int64_t, int64_t, int64_t>> keys;
    while (st.Step()) keys.emplace_back(st.Text(0), st.Int(1), st.Int(2), st.Int(3));
    st.Reset();
    for (const auto& [at, src, a, b] : keys) {
      QueueItem q;
      q.flagged_at = at;
      if (src == 0) {
        auto k = queries_->Load(c, a);
        if (!k) continue;
        q.comment = std::move(*k);
      } else {
        q.text = LoadFlaggedText(c, a, b);
        if (!q.text) continue;
      }
      out.items.push_back(std::move(q));
    }
    TrimPage(out, page.limit, [](const QueueItem& q) {
      return q.text ? json::array({q.flagged_at, 1, q.text->answer_id, q.text->question_id})
                    : json::array({q.flagged_at, 0, q.comment.id, 0});
    });
    for (auto& q : out.items) {
      auto& fs = c.Prepare(q.text ? "SELECT id, 0, reason, note, created_at, answer_id, question_id FROM text_flags "
                                    "WHERE answer_id = ?1 AND question_id = ?2 AND resolved_by_act IS NULL AND "
                                    "dismissed_by IS NULL ORDER BY id"
                                  : "SELECT id, comment_id, reason, note, created_at, 0, 0 FROM flags "
                                    "WHERE comment_id = ?1 AND resolved_by_act IS NULL AND dismissed_by IS NULL "
                                    "ORDER BY id");
      fs.Bind(1, q.text ? q.text->answer_id : q.comment.id);
      if (q.text) fs.Bind(2, q.text->question_id);
      while (fs.Step()) {
        q.flags.push_back(
            {fs.Int(0), fs.Int(1), fs.Text(2), fs.OptText(3), fs.Text(4), fs.Int(5), fs.Int(6)});
      }
      fs.Reset();
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

std::optional<TextAnswer> ModerationService::LoadFlaggedText(db::Connection& c, int64_t answer_id,
                                                              int64_t question_id) const {
  auto& st = c.Prepare(
      "SELECT a.consultation_id, k.title, q.text, a.user_id, i.value, a.updated_at FROM questionnaire_answers a "
      "JOIN questionnaire_answer_items i ON i.answer_id = a.id AND i.answer_version = a.version "
      "JOIN questions q ON q.id = i.question_id JOIN consultations k ON k.id = a.consultation_id "
      "WHERE a.id = ? AND i.question_id = ? AND i.text_salt IS NOT NULL");
  std::optional<TextAnswer> t;
  if (st.Bind(1, answer_id).Bind(2, question_id).Step()) {
    t = TextAnswer();
    t->answer_id = answer_id;
    t->question_id = question_id;
    t->consultation_id = st.Int(0);
    t->consultation_title = st.Text(1);
    t->question = st.Text(2);
    t->respondent = Pseudonym(secret_, st.Int(3), st.Int(0));
    t->text = json::parse(st.View(4)).get<std::string>();
    t->answered_at = st.Text(5);
  }
  st.Reset();
  return t;
}

Status ModerationService::SetFlagsAside(db::Connection& c, const Comment& k, ModerationAct& act,
                                        int64_t moderator_id) {
  bool dismiss = act.action == "dismiss";
  int64_t reopened = 0;
  if (!dismiss) {
    auto& last = c.Prepare("SELECT MAX(id) FROM flag_dismissals WHERE comment_id = ? AND action = 'dismiss'");
    last.Bind(1, k.id).Step();
    reopened = last.Int(0);
    last.Reset();
  }
  auto& open = c.Prepare(dismiss ? "SELECT COUNT(*) FROM flags WHERE comment_id = ?1 AND resolved_by_act IS NULL "
                                   "AND dismissed_by IS NULL"
                                 : "SELECT COUNT(*) FROM flags WHERE comment_id = ?1 AND dismissed_by = ?2 "
                                   "AND resolved_by_act IS NULL");
  open.Bind(1, k.id);
  if (!dismiss) open.Bind(2, reopened);
  open.Step();
  act.flags_resolved = open.Int(0);
  open.Reset();
  if (act.flags_resolved == 0) {
    return Conflict(dismiss ? "the comment has no open flags" : "the comment has no dismissed flags to reopen");
  }
  if (!dismiss && k.hidden) return Conflict("the comment is hidden");
  c.Prepare(
       "INSERT INTO flag_dismissals(comment_id, consultation_id, action, reason, moderator_id, moderator_role, at, "
       "flags_resolved) VALUES(?,?,?,?,?,?,?,?)")
      .Bind(1, k.id).Bind(2, act.consultation_id).Bind(3, act.action).Bind(4, act.reason)
      .Bind(5, moderator_id).Bind(6, act.moderator_role).Bind(7, act.at).Bind(8, act.flags_resolved)
      .Run();
  act.id = c.LastInsertId();
  act.source = 1;
  if (dismiss) {
    c.Prepare("UPDATE flags SET dismissed_by = ? WHERE comment_id = ? AND resolved_by_act IS NULL AND dismissed_by IS NULL")
        .Bind(1, act.id).Bind(2, k.id).Run();
    c.Prepare("UPDATE comments SET flagged_at = NULL WHERE id = ?").Bind(1, k.id).Run();
  } else {
    c.Prepare("UPDATE flags SET dismissed_by = NULL WHERE comment_id = ? AND dismissed_by = ?")
        .Bind(1, k.id).Bind(2, reopened).Run();
    Requeue(c, k.id);
  }
  return Status::Ok();
}

Result<ModerationAct> ModerationService::Moderate(const Actor& actor, int64_t comment_id,
                                                  const std::string& action,
                                                  const std::string& reason, bool undo) {
  if (Status s = CheckModerator(actor); !s.ok()) return s;
  if (action != "hide" && action != "restore" && action != "dismiss" && action != "reopen") {
    return InvalidField("/action", "action must be hide, restore, dismiss or reopen");
  }
  ModerationAct act{0, comment_id, 0, action, reason, RoleName(actor->role),
                    FormatTime(clock_->Now()), 0};
  Status s = db_->Write([&](db::Connection& c) -> Status {
    auto k = queries_->Load(c, comment_id);
    if (!k) return NotFound("no comment " + std::to_string(comment_id));
    act.consultation_id = k->consultation_id;
    bool hide = action == "hide";
    if (action == "dismiss" || action == "reopen") {
      if (Status st = SetFlagsAside(c, *k, act, actor->id); !st.ok()) return st;
    } else {
      if (k->hidden == hide) {
        return Conflict(hide ? "the comment is already hidden" : "the comment is not hidden");
      }
      c.Prepare(
           "INSERT INTO moderation_acts(comment_id, consultation_id, action, reason, moderator_id, "
           "moderator_role, at) VALUES(?,?,?,?,?,?,?)")
          .Bind(1, comment_id).Bind(2, act.consultation_id).Bind(3, action).Bind(4, reason)
          .Bind(5, actor->id).Bind(6, act.moderator_role).Bind(7, act.at)
          .Run();
      act.id = c.LastInsertId();
      c.Prepare("UPDATE flags SET resolved_by_act = ? WHERE comment_id = ? AND resolved_by_act IS NULL "
                "AND dismissed_by IS NULL")
          .Bind(1, act.id).Bind(2, comment_id).Run();
      act.flags_resolved = c.Changes();
      c.Prepare("UPDATE comments SET hidden = ?, hidden_reason = ?, flagged_at = NULL WHERE id = ?")
          .Bind(1, hide ? 1 : 0).Bind(2, hide ? std::optional<std::string>(reason) : std::nullopt)
          .Bind(3, comment_id).Run();
      c.Prepare("UPDATE moderation_acts SET flags_resolved = ? WHERE id = ?")
          .Bind(1, act.flags_resolved).Bind(2, act.id).Run();
      if (undo && !hide) {
        // Undoing a hide: the flags it resolved wait in the queue again.
        c.Prepare("UPDATE flags SET resolved_by_act = NULL WHERE resolved_by_act = "
                  "(SELECT MAX(id) FROM moderation_acts WHERE comment_id = ? AND action = 'hide')")
            .Bind(1, comment_id).Run();
        Requeue(c, comment_id);
      }
    }
    static const std::map<std::string, std::string> kKinds = {{"hide", "comment.hidden"},
                                                              {"restore", "comment.restored"},
                                                              {"dismiss", "comment.flags_dismissed"},
                                                              {"reopen", "comment.flags_reopened"}};
    // Moderation acts are public records: they enter the log whole.
    act.log_seq = EventLog::Append(c, act.at, kKinds.at(action), "comment/" + std::to_string(comment_id),
                                   act.moderator_role,
                                   {{"act_id", act.id}, {"comment_id", comment_id},
                                    {"consultation_id", act.consultation_id}, {"action", action},
                                    {"reason", reason}, {"moderator_role", act.moderator_role},
                                    {"flags_resolved", act.flags_resolved}})
                      .seq;
    // The act names its entry, so the public log links it and its proof.
    c.Prepare(act.source == 1 ? "UPDATE flag_dismissals SET log_seq = ? WHERE id = ?"
                              : "UPDATE moderation_acts SET log_seq = ? WHERE id = ?")
        .Bind(1, act.log_seq).Bind(2, act.id).Run();
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return act;
}

Result<Listing<ModerationAct>> ModerationService::Log(const Page& page) {
  auto at = CursorText(page, 0, "~");
  if (!at.ok()) return at.status();
  auto source = CursorInt(page, 1, 9);
  if (!source.ok()) return source.status();
  auto before = CursorInt(page, 2, INT64_MAX);
  if (!before.ok()) return before.status();
  Listing<ModerationAct> out;
  Status s = db_->Read([&](db::Connection& c) {
    auto& st = c.Prepare(
        "SELECT * FROM ("
        "SELECT a.id, a.comment_id, a.consultation_id, a.action, a.reason, a.moderator_role, a.at, "
        "(SELECT COUNT(*) FROM flags f WHERE f.resolved_by_act = a.id) AS n, 0 AS src, a.log_seq FROM moderation_acts a "
        "UNION ALL SELECT d.id, d.comment_id, d.consultation_id, d.action, d.reason, d.moderator_role, d.at, "
        "(SELECT COUNT(*) FROM flags f WHERE f.dismissed_by = d.id), 1, d.log_seq FROM flag_dismissals d "
        "UNION ALL SELECT t.id, 0, t.consultation_id, t.action, t.reason, t.moderator_role, t.at, t.flags_resolved, 2, "
        "t.log_seq FROM text_moderation_acts t) "
        "WHERE (at, src, id) < (?1, ?2, ?3) ORDER BY at DESC, src DESC, id DESC LIMIT ?4");
    st.Bind(1, at.value()).Bind(2, source.value()).Bind(3, before.value()).Bind(4, page.limit + 1);
    while (st.Step()) {
      ModerationAct a = ActRow(st);
      a.source = static_cast<int>(st.Int(8));
      a.log_seq = st.OptInt(9).value_or(0);
      out.items.push_back(a);
    }
    // What each act settled when it was done; an undo later moves the
    // same flags again, which the counts above would follow.
    for (auto& a : out.items) {
      if (a.source == 2) {
        auto& t = c.Prepare("SELECT t.answer_id, t.question_id, q.text FROM text_moderation_acts t "
                            "JOIN questions q ON q.id = t.question_id WHERE t.id = ?");
        if (t.Bind(1, a.id).Step()) {
          a.answer_id = t.Int(0);
          a.question_id = t.Int(1);
          a.question = t.Text(2);
        }
        t.Reset();
        continue;
      }
      auto& n = c.Prepare(a.source == 1 ? "SELECT flags_resolved FROM flag_dismissals WHERE id = ?"
                                        : "SELECT flags_resolved FROM moderation_acts WHERE id = ?");
      if (n.Bind(1, a.id).Step() && !n.IsNull(0)) a.flags_resolved = n.Int(0);
      n.Reset();
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  TrimPage(out, page.limit, [](const ModerationAct& a) { return json::array({a.at, a.source, a.id}); });
  return out;
}

Result<Listing<Comment>> ModerationService::Hidden(const Actor& actor, const Page& page) {
  if (Status s = CheckModerator(actor); !s.ok()) return s;
  auto before = CursorInt(page, 0, INT64_MAX);
  if (!before.ok()) return before.status();
  Listing<Comment> out;
  std::vector<int64_t> acts;
  Status s = db_->Read([&](db::Connection& c) {
    auto& st = c.Prepare(CommentQueries::Select(", COALESCE(h.act, 0) AS act") +
                         "LEFT JOIN (SELECT comment_id, MAX(id) AS act FROM moderation_acts WHERE action = 'hide' "
                         "GROUP BY comment_id) h ON h.comment_id = c.id "
                         "WHERE c.hidden = 1 AND COALESCE(h.act, 0) < ?1 ORDER BY act DESC LIMIT ?2");
    st.Bind(1, before.value()).Bind(2, page.limit + 1);
    while (st.Step()) {
      out.items.push_back(queries_->Row(st));
      acts.push_back(st.Int(19));
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  if (static_cast<int>(out.items.size()) > page.limit) {
    out.items.pop_back();
    out.next_cursor = EncodeCursor(json::array({acts[out.items.size() - 1]}));
  }
  return out;
}

Result<ModerationAct> ModerationService::Undo(const Actor& actor, int64_t comment_id, const std::string& reason) {
  static const std::map<std::string, std::string> kInverse = {
      {"hide", "restore"}, {"restore", "hide"}, {"dismiss", "reopen"}, {"reopen", "dismiss"}};
  if (Status s = CheckModerator(actor); !s.ok()) return s;
  std::string last;
  bool exists = false;
  Status s = db_->Read([&](db::Connection& c) {
    exists = queries_->Load(c, comment_id).has_value();
    auto& st = c.Prepare(
        "SELECT action FROM (SELECT id, action, at, 0 AS src FROM moderation_acts WHERE comment_id = ?1 "
        "UNION ALL SELECT id, action, at, 1 FROM flag_dismissals WHERE comment_id = ?1) "
        "ORDER BY at DESC, src DESC, id DESC LIMIT 1");
    if (st.Bind(1, comment_id).Step()) last = st.Text(0);
    st.Reset();
    return Status::Ok();
  });
  if (!s.ok()) return s;
  if (!exists) return NotFound("no comment " + std::to_string(comment_id));
  if (last.empty()) return Conflict("the comment has no moderation act to undo");
  return Moderate(actor, comment_id, kInverse.at(last), reason, true);
}

Result<int64_t> ModerationService::QueueSize(const Actor& actor) {
  if (Status s = CheckModerator(actor); !s.ok()) return s;
  int64_t n = 0;
  Status s = db_->Read([&](db::Connection& c) {
    auto& st = c.Prepare(
        "SELECT (SELECT COUNT(*) FROM comments WHERE flagged_at IS NOT NULL) + "
        "(SELECT COUNT(*) FROM (SELECT DISTINCT f.answer_id, f.question_id FROM text_flags f "
        "JOIN questionnaire_answers x ON x.id = f.answer_id AND x.withdrawn_at IS NULL "
        "WHERE f.resolved_by_act IS NULL AND f.dismissed_by IS NULL))");
    if (st.Step()) n = st.Int(0);
    st.Reset();
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return n;
}

json ModerationService::ToJson(const Flag& f) {
  json j = {{"id", f.id}, {"comment_id", f.comment_id ? json(f.comment_id) : json(nullptr)}, {"reason", f.reason},
            {"note", f.note ? json(*f.note) : json(nullptr)}, {"created_at", f.created_at}};
  if (f.answer_id) {
    j["answer_id"] = f.answer_id;
    j["question_id"] = f.question_id;
  }
  return j;
}

json ModerationService::ToJson(const ModerationAct& a) {
  json j = {{"id", a.id},         {"comment_id", a.comment_id ? json(a.comment_id) : json(nullptr)},
          {"consultation_id", a.consultation_id},
          {"action", a.action}, {"reason", a.reason},         {"role", a.moderator_role},
          {"at", a.at},         {"flags_resolved", a.flags_resolved},
          {"subject", a.source == 2 ? "questionnaire_answer" : "comment"}};
  if (a.source == 2) {
    j["answer_id"] = a.answer_id;
    j["question_id"] = a.question_id;
    j["question"] = a.question;
  }
  tlog::AddLogLinks(j, a.log_seq);
  return j;
}

json ModerationService::ToJson(const QueueItem& q) {
  json j;
  if (q.text) {
    const TextAnswer& t = *q.text;
    j = {{"kind", "questionnaire_answer"}, {"answer_id", t.answer_id}, {"question_id", t.question_id},
         {"question", t.question}, {"consultation_id", t.consultation_id},
         {"consultation_title", t.consultation_title}, {"respondent", t.respondent}, {"text", t.text},
         {"answered_at", t.answered_at}};
  } else {
    j = samrad::ToJson(q.comment, false);
    j["kind"] = "comment";
  }
  j["flagged_at"] = q.flagged_at;
  j["flags"] = json::array();
  for (const auto& f : q.flags) j["flags"].push_back(ToJson(f));
  return j;
}

}  // namespace samrad
