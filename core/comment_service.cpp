// CommentService: posting, threads, editing and reactions.
#include "core/comment_service.h"

#include "core/decision_service.h"

#include "core/consultation_dates.h"
#include "core/crypto.h"
#include "core/event_log.h"
#include "core/text_rules.h"

namespace samrad {

using nlohmann::json;

namespace {
std::string Subject(int64_t id) { return "comment/" + std::to_string(id); }
// The comment names the log entry of its current version (pages link it).
void SetLogSeq(db::Connection& c, int64_t id, int64_t seq) {
  c.Prepare("UPDATE comments SET log_seq = ? WHERE id = ?").Bind(1, seq).Bind(2, id).Run();
}

json OptJson(const std::optional<int64_t>& v) { return v ? json(*v) : json(nullptr); }

bool Blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

// Characters, not bytes: UTF-8 continuation bytes are not counted.
size_t Characters(const std::string& s) {
  size_t n = 0;
  for (unsigned char ch : s) n += (ch & 0xC0) != 0x80;
  return n;
}

// 64 bits of the body's SHA-256: an indexed key that narrows the duplicate
// check to candidates with the same text however much the user posts.
int64_t BodyKey(const std::string& body) {
  return static_cast<int64_t>(std::stoull(crypto::Sha256Hex(body).substr(0, 15), nullptr, 16));
}

Status CheckBody(const std::string& body) {
  if (Blank(body)) return InvalidField("/body", "must not be empty");
  if (Characters(body) > kMaxCommentLength) {
    return InvalidField("/body", "must be at most " + std::to_string(kMaxCommentLength) + " characters");
  }
  return CheckNoControlChars("/body", body, true);
}

}  // namespace

CommentService::CommentService(std::shared_ptr<Database> db, std::shared_ptr<Clock> clock,
                               int posts_per_minute)
    : db_(std::move(db)), clock_(std::move(clock)), post_limit_(posts_per_minute, 60) {
  db_->Read([&](db::Connection& c) {
    queries_ = std::make_unique<CommentQueries>(c);
    return Status::Ok();
  });
}

Status CommentService::CheckOpen(db::Connection& c, int64_t consultation_id, bool must_be_open) {
  auto dates = LoadConsultationDates(c, consultation_id);
  if (!dates) return NotFound("no consultation " + std::to_string(consultation_id));
  std::string state = dates->StateAt(clock_->Now());
  if (state == "draft") return NotFound("no consultation " + std::to_string(consultation_id));
  if (must_be_open && state != "open") {
    return Conflict("the consultation is " + state + "; comments are taken only while it is open");
  }
  return Status::Ok();
}

Result<Comment> CommentService::LoadForChange(db::Connection& c, int64_t id, const char* what) {
  auto k = queries_->Load(c, id);
  if (!k) return NotFound("no comment " + std::to_string(id));
  if (k->hidden) return Conflict(std::string("a hidden comment cannot be ") + what);
  if (Status s = CheckOpen(c, k->consultation_id, true); !s.ok()) return s;
  return *k;
}

int CommentService::PostRetryAfter(const Actor& actor) {
  if (!actor) return 1;
  return std::max(1, post_limit_.RetryAfter(std::to_string(actor->id), clock_->Now()));
}

Result<Comment> CommentService::Post(const Actor& actor, int64_t consultation_id,
                                     const NewComment& n) {
  if (!actor) return Unauthenticated("sign in to comment");
  if (Status s = CheckBody(n.body); !s.ok()) return s;
  int64_t now = clock_->Now();
  if (!post_limit_.Allow(std::to_string(actor->id), now)) {
    return Status(Code::kTooManyRequests, "too many comments in a short time; wait and try again");
  }
  std::optional<Comment> out;
  Status s = db_->Write([&](db::Connection& c) -> Status {
    if (Status o = CheckOpen(c, consultation_id, true); !o.ok()) return o;
    if (n.parent_id) {
      auto parent = queries_->Load(c, *n.parent_id);
      if (!parent || parent->consultation_id != consultation_id) {
        return InvalidField("/parent_id", "not a comment in this consultation");
      }
      if (parent->hidden) return Conflict("a hidden comment cannot be answered");
    }
    if (n.section_id) {
      auto& sec = c.Prepare("SELECT 1 FROM sections WHERE id = ? AND consultation_id = ? AND removed = 0");
      if (!sec.Bind(1, *n.section_id).Bind(2, consultation_id).Step()) {
        return InvalidField("/section_id", "not a section of this consultation");
      }
    }
    int64_t key = BodyKey(n.body);
    auto& dup = c.Prepare(
        "SELECT 1 FROM comments WHERE author_id = ? AND body_key = ? AND created_at >= ? "
        "AND consultation_id = ? AND body = ?");
    if (dup.Bind(1, actor->id).Bind(2, key).Bind(3, FormatTime(now - kDuplicateWindowSeconds))
            .Bind(4, consultation_id).Bind(5, n.body).Step()) {
      return Conflict("you posted the same text here less than a minute ago");
    }
    std::string at = FormatTime(now);
    std::string salt = crypto::RandomToken(16);
    bool official = actor->IsOfficial();
    c.Prepare(
         "INSERT INTO comments(consultation_id, parent_id, section_id, author_id, official, body, "
         "body_salt, created_at, body_key) VALUES(?,?,?,?,?,?,?,?,?)")
        .Bind(1, consultation_id).Bind(2, n.parent_id).Bind(3, n.section_id).Bind(4, actor->id)
        .Bind(5, official ? 1 : 0).Bind(6, n.body).Bind(7, salt).Bind(8, at).Bind(9, key)
        .Run();
    int64_t id = c.LastInsertId();
    c.Prepare("INSERT INTO comment_versions(comment_id, version, body, body_salt, created_at) "
              "VALUES(?,1,?,?,?)")
        .Bind(1, id).Bind(2, n.body).Bind(3, salt).Bind(4, at).Run();
    if (n.parent_id) {
      c.Prepare("UPDATE comments SET reply_count = reply_count + 1 WHERE id = ?")
          .Bind(1, *n.parent_id).Run();
    }
    c.Prepare("UPDATE consultations SET comment_count = comment_count + 1 WHERE id = ?")
        .Bind(1, consultation_id).Run();
    // The body enters the public log only as a salted digest.
    Event posted = EventLog::Append(c, at, "comment.posted", Subject(id), RoleName(actor->role),
                     {{"id", id}, {"consultation_id", consultation_id},
                      {"parent_id", OptJson(n.parent_id)}, {"section_id", OptJson(n.section_id)},
                      {"official", official}, {"version", 1},
                      {"body_sha256", BodyDigest(salt, n.body)}});
    SetLogSeq(c, id, posted.seq);
    out = queries_->Load(c, id);
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return *out;
}

Result<Listing<Comment>> CommentService::Thread(int64_t consultation_id, const std::string& sort,
                                                const Page& page) {
  std::string where, order;
  if (sort == "oldest") {
    where = "c.id > ?3";
    order = "c.id";
  } else if (sort == "newest") {
    where = "c.id < ?3";
    order = "c.id DESC";
  } else if (sort == "supported") {
    where = "(c.support < ?2 OR (c.support = ?2 AND c.id > ?3))";
    order = "c.support DESC, c.id";
  } else {
    return InvalidField("/sort", "sort must be oldest, newest or supported");
  }
  auto after_key = CursorInt(page, 0, INT64_MAX);
  auto after_id = CursorInt(page, 1, sort == "newest" ? INT64_MAX : 0);
  if (!after_key.ok() || !after_id.ok()) return BadCursor();
  Listing<Comment> out;
  Status s = db_->Read([&](db::Connection& c) -> Status {
    if (Status o = CheckOpen(c, consultation_id, false); !o.ok()) return o;
    auto& st = c.Prepare(CommentQueries::Select() +
                         "WHERE c.consultation_id = ?1 AND c.parent_id IS NULL AND " + where +
                         " ORDER BY " + order + " LIMIT ?4");
    st.Bind(1, consultation_id).Bind(2, after_key.value()).Bind(3, after_id.value()).Bind(4, page.limit + 1);
    while (st.Step()) out.items.push_back(queries_->Row(st));
    st.Reset();
    TrimPage(out, page.limit, [&](const Comment& k) {
      return json::array({sort == "supported" ? k.support : 0, k.id});
    });
    queries_->AttachThread(c, out.items);
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

Result<Listing<Comment>> CommentService::Replies(int64_t comment_id, const Page& page) {
  auto after = CursorInt(page, 0, 0);
  if (!after.ok()) return after.status();
  Listing<Comment> out;
  Status s = db_->Read([&](db::Connection& c) -> Status {
    if (!queries_->Load(c, comment_id)) return NotFound("no comment " + std::to_string(comment_id));
    out.items = queries_->Replies(c, comment_id, after.value(), page.limit + 1, kReplyLevels - 1);
    return Status::Ok();
  });
  if (!s.ok()) return s;
  TrimPage(out, page.limit, [](const Comment& k) { return json::array({k.id}); });
  return out;
}

Result<Comment> CommentService::Get(int64_t id) {
  std::optional<Comment> k;
  Status s = db_->Read([&](db::Connection& c) {
    k = queries_->Load(c, id);
    if (k) queries_->AttachReplies(c, *k, kReplyLevels);
    return Status::Ok();
  });
  if (!s.ok()) return s;
  if (!k) return NotFound("no comment " + std::to_string(id));
  return *k;
}

Result<std::vector<Comment>> CommentService::ListVisibleForIndex(int64_t after_id, int limit) {
  std::vector<Comment> out;
  Status s = db_->Read([&](db::Connection& c) {
    auto& st = c.Prepare(CommentQueries::Select() + "WHERE c.id > ? AND c.hidden = 0 ORDER BY c.id LIMIT ?");
    st.Bind(1, after_id).Bind(2, limit);
    while (st.Step()) out.push_back(queries_->Row(st));
    st.Reset();
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

Result<std::pair<Comment, std::vector<CommentVersion>>> CommentService::Versions(int64_t id) {
  std::optional<Comment> k;
  std::vector<CommentVersion> versions;
  Status s = db_->Read([&](db::Connection& c) {
    k = queries_->Load(c, id);
    if (!k) return Status::Ok();
    auto& st = c.Prepare(
        "SELECT version, body, created_at FROM comment_versions WHERE comment_id = ? ORDER BY version");
    st.Bind(1, id);
    while (st.Step()) {
      // Hidden: the text of no version leaves storage.
      versions.push_back({static_cast<int>(st.Int(0)), k->hidden ? "" : st.Text(1), st.Text(2)});
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  if (!k) return NotFound("no comment " + std::to_string(id));
  return std::make_pair(*k, versions);
}

Result<Comment> CommentService::Edit(const Actor& actor, int64_t id, const std::string& body) {
  if (!actor) return Unauthenticated("sign in first");
  if (Status s = CheckBody(body); !s.ok()) return s;
  std::optional<Comment> out;
  Status s = db_->Write([&](db::Connection& c) -> Status {
    // Not the author: say so before anything about the comment's state.
    auto raw = queries_->Load(c, id);
    if (raw && raw->author_id != actor->id) return Forbidden("only the author may edit a comment");
    auto k = LoadForChange(c, id, "edited");
    if (!k.ok()) return k.status();
    std::string at = FormatTime(clock_->Now());
    std::string salt = crypto::RandomToken(16);
    int version = k->version + 1;
    c.Prepare("INSERT INTO comment_versions(comment_id, version, body, body_salt, created_at) "
              "VALUES(?,?,?,?,?)")
        .Bind(1, id).Bind(2, version).Bind(3, body).Bind(4, salt).Bind(5, at).Run();
    c.Prepare("UPDATE comments SET body = ?, body_salt = ?, edited_at = ?, version = ? WHERE id = ?")
        .Bind(1, body).Bind(2, salt).Bind(3, at).Bind(4, version).Bind(5, id).Run();
    Event edited = EventLog::Append(c, at, "comment.edited", Subject(id), RoleName(actor->role),
                     {{"id", id}, {"consultation_id", k->consultation_id},
                      {"parent_id", OptJson(k->parent_id)}, {"section_id", OptJson(k->section_id)},
                      {"official", k->official}, {"version", version},
                      {"body_sha256", BodyDigest(salt, body)}});
    SetLogSeq(c, id, edited.seq);
    out = queries_->Load(c, id);
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return *out;
}

Result<ReactionState> CommentService::React(const Actor& actor, int64_t id,
                                            std::optional<std::string> kind) {
  if (!actor) return Unauthenticated("sign in to react");
  ReactionState out{id, kind, 0, 0};
  Status s = db_->Write([&](db::Connection& c) -> Status {
    auto k = LoadForChange(c, id, "reacted to");
    if (!k.ok()) return k.status();
    std::optional<std::string> before;
    {
      auto& st = c.Prepare("SELECT kind FROM reactions WHERE comment_id = ? AND user_id = ?");
      if (st.Bind(1, id).Bind(2, actor->id).Step()) before = st.Text(0);
      st.Reset();
    }
    out.support = k->support;
    out.oppose = k->oppose;
    if (before == kind) return Status::Ok();  // nothing changes, nothing is logged
    auto count = [&](const std::string& which, int delta) {
      (which == "support" ? out.support : out.oppose) += delta;
    };
    if (before) {
      count(*before, -1);
      c.Prepare("DELETE FROM reactions WHERE comment_id = ? AND user_id = ?")
          .Bind(1, id).Bind(2, actor->id).Run();
    }
    std::string at = FormatTime(clock_->Now());
    if (kind) {
      count(*kind, +1);
      c.Prepare("INSERT INTO reactions(comment_id, user_id, kind, created_at) VALUES(?,?,?,?)")
          .Bind(1, id).Bind(2, actor->id).Bind(3, *kind).Bind(4, at).Run();
    }
    c.Prepare("UPDATE comments SET support = ?, oppose = ? WHERE id = ?")
        .Bind(1, out.support).Bind(2, out.oppose).Bind(3, id).Run();
    // Who reacted stays private; the log shows the change and the counts.
    json payload = {{"comment_id", id}, {"consultation_id", k->consultation_id},
                    {"support", out.support}, {"oppose", out.oppose}};
    if (kind) payload["kind"] = *kind;
    if (before) payload["previous_kind"] = *before;
    EventLog::Append(c, at, kind ? "reaction.set" : "reaction.removed", Subject(id),
                     RoleName(actor->role), payload);
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

}  // namespace samrad
