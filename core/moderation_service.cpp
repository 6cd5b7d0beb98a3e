// ModerationService: flags, the queue, hide/restore and the public log.
#include "core/moderation_service.h"

#include "core/event_log.h"
#include "core/tlog_links.h"

#include <map>

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
  auto after_id = CursorInt(page, 1, 0);
  if (!after_id.ok()) return after_id.status();
  Listing<QueueItem> out;
  Status s = db_->Read([&](db::Connection& c) {
    auto& st = c.Prepare(CommentQueries::Select(", c.flagged_at") +
                         "WHERE c.flagged_at IS NOT NULL AND (c.flagged_at > ?1 OR "
                         "(c.flagged_at = ?1 AND c.id > ?2)) ORDER BY c.flagged_at, c.id LIMIT ?3");
    st.Bind(1, after_at.value()).Bind(2, after_id.value()).Bind(3, page.limit + 1);
    while (st.Step()) out.items.push_back({queries_->Row(st), st.Text(19), {}});
    st.Reset();
    TrimPage(out, page.limit,
             [](const QueueItem& q) { return json::array({q.flagged_at, q.comment.id}); });
    for (auto& q : out.items) {
      auto& fs = c.Prepare(
          "SELECT id, comment_id, reason, note, created_at FROM flags "
          "WHERE comment_id = ? AND resolved_by_act IS NULL AND dismissed_by IS NULL ORDER BY id");
      fs.Bind(1, q.comment.id);
      while (fs.Step()) q.flags.push_back({fs.Int(0), fs.Int(1), fs.Text(2), fs.OptText(3), fs.Text(4)});
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
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
        "(SELECT COUNT(*) FROM flags f WHERE f.dismissed_by = d.id), 1, d.log_seq FROM flag_dismissals d) "
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

Result<int64_t> ModerationService::QueueSize(const Actor& actor) {
  if (Status s = CheckModerator(actor); !s.ok()) return s;
  int64_t n = 0;
  Status s = db_->Read([&](db::Connection& c) {
    auto& st = c.Prepare("SELECT COUNT(*) FROM comments WHERE flagged_at IS NOT NULL");
    if (st.Step()) n = st.Int(0);
    st.Reset();
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return n;
}

json ModerationService::ToJson(const Flag& f) {
  return {{"id", f.id}, {"comment_id", f.comment_id}, {"reason", f.reason},
          {"note", f.note ? json(*f.note) : json(nullptr)}, {"created_at", f.created_at}};
}

json ModerationService::ToJson(const ModerationAct& a) {
  json j = {{"id", a.id},         {"comment_id", a.comment_id}, {"consultation_id", a.consultation_id},
          {"action", a.action}, {"reason", a.reason},         {"role", a.moderator_role},
          {"at", a.at},         {"flags_resolved", a.flags_resolved}};
  tlog::AddLogLinks(j, a.log_seq);
  return j;
}

json ModerationService::ToJson(const QueueItem& q) {
  json j = samrad::ToJson(q.comment, false);
  j["flagged_at"] = q.flagged_at;
  j["flags"] = json::array();
  for (const auto& f : q.flags) j["flags"].push_back(ToJson(f));
  return j;
}

}  // namespace samrad
