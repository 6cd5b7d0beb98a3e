// ConsultationService implementation.
#include "core/consultation_service.h"

#include <algorithm>

#include "core/crypto.h"
#include "core/decision_service.h"
#include "core/event_log.h"
#include "core/markdown.h"
#include "core/questionnaire_service.h"
#include "core/text_rules.h"
#include "core/tlog_entry_limit.h"

namespace samrad {

using nlohmann::json;

namespace {
constexpr const char* kColumns =
    "SELECT id, title, summary, body, language, area, tags, opens_at, closes_at, created_by, "
    "created_at, updated_at, published_at, decided_at, version, comment_count FROM consultations ";

// The state as SQL, for filtering; ?1 is the current time as RFC 3339.
constexpr const char* kStateSql =
    "(CASE WHEN published_at IS NULL THEN 'draft' WHEN decided_at IS NOT NULL AND decided_at <= ?1 THEN 'decided' "
    "WHEN ?1 < opens_at THEN 'upcoming' WHEN ?1 < closes_at THEN 'open' ELSE 'closed' END)";

Consultation Row(db::Statement& st) {
  Consultation k;
  k.id = st.Int(0);
  k.title = st.Text(1);
  k.summary = st.Text(2);
  k.body = st.Text(3);
  k.language = st.Text(4);
  k.area = st.OptText(5);
  k.tags = json::parse(st.Text(6)).get<std::vector<std::string>>();
  k.opens_at = st.Text(7);
  k.closes_at = st.Text(8);
  k.created_by = st.Int(9);
  k.created_at = st.Text(10);
  k.updated_at = st.Text(11);
  k.published_at = st.OptText(12);
  k.decided_at = st.OptText(13);
  k.version = static_cast<int>(st.Int(14));
  k.comment_count = st.Int(15);
  return k;
}

std::string Subject(int64_t id) { return "consultation/" + std::to_string(id); }

// A consultation a decision lets run to its closing date is decided from
// that date on: when an edit or an extension moves the date, the moment it
// becomes decided moves with it (never into the past).
void KeepDecidedAtClosing(db::Connection& c, Consultation& k, int64_t now) {
  if (!k.decided_at) return;
  k.decided_at = FormatTime(std::max(ParseTime(k.closes_at).value_or(now), now));
  c.Prepare("UPDATE consultations SET decided_at = ? WHERE id = ?").Bind(1, *k.decided_at).Bind(2, k.id).Run();
}
}  // namespace

ConsultationService::ConsultationService(std::shared_ptr<Database> db,
                                         std::shared_ptr<Clock> clock)
    : db_(std::move(db)), clock_(std::move(clock)) {}

Status ConsultationService::CheckOfficial(const Actor& actor) {
  if (!actor) return Unauthenticated("sign in first");
  if (!actor->IsOfficial()) return Forbidden("only officials may manage consultations");
  return Status::Ok();
}

Status ConsultationService::ApplyFields(Consultation& k, const json& b) {
  if (b.contains("title")) k.title = b["title"];
  if (b.contains("summary")) k.summary = b["summary"];
  if (b.contains("body")) k.body = b["body"];
  if (b.contains("language")) k.language = b["language"];
  if (b.contains("area")) k.area = b["area"].is_null() ? std::nullopt : std::optional<std::string>(b["area"]);
  if (b.contains("tags")) k.tags = b["tags"].get<std::vector<std::string>>();
  std::vector<FieldError> errors;
  for (const char* field : {"opens_at", "closes_at"}) {
    if (!b.contains(field)) continue;
    auto t = ParseTime(b[field].get<std::string>());
    if (!t) {
      errors.push_back({std::string("/") + field, "not an RFC 3339 date-time or date"});
    } else {
      (std::string(field) == "opens_at" ? k.opens_at : k.closes_at) = FormatTime(*t);
    }
  }
  if (errors.empty() && ParseTime(k.closes_at) <= ParseTime(k.opens_at)) {
    errors.push_back({"/closes_at", "must be later than opens_at"});
  }
  if (b.contains("sections")) {
    std::vector<Section> next;
    for (const auto& s : b["sections"]) {
      Section sec{s.value("id", int64_t{0}), s["heading"], s["body"]};
      if (sec.id != 0) {
        bool known = false;
        for (const auto& old : k.sections) known = known || old.id == sec.id;
        if (!known) {
          errors.push_back({"/sections", "section " + std::to_string(sec.id) + " is not part of this consultation"});
        }
      }
      next.push_back(sec);
    }
    k.sections = next;
  }
  // Control characters break CSV, HTML and XML readers; huge tables make
  // every render slow.
  auto check = [&](Status st) {
    if (!st.ok()) errors.push_back(st.errors()[0]);
  };
  check(CheckNoControlChars("/title", k.title, false));
  check(CheckNoControlChars("/summary", k.summary, true));
  check(CheckMarkdown("/body", k.body));
  if (k.area) check(CheckNoControlChars("/area", *k.area, false));
  for (const auto& tag : k.tags) check(CheckNoControlChars("/tags", tag, false));
  for (size_t i = 0; i < k.sections.size(); ++i) {
    std::string at = "/sections/" + std::to_string(i);
    check(CheckNoControlChars(at + "/heading", k.sections[i].heading, false));
    check(CheckMarkdown(at + "/body", k.sections[i].body));
  }
  // Publishing and every public edit put the texts into one log entry; a
  // draft that could never be published is refused now, not at publishing.
  // The margin leaves room for the entry's other fields and a reason.
  constexpr size_t kLogMargin = 8192;
  if (errors.empty()) {
    size_t size = ContentJson(k).dump().size();
    if (size + kLogMargin > kMaxEntryBytes) {
      errors.push_back(tlog::EntryTooLargeError("/body", size, kMaxEntryBytes - kLogMargin));
    }
  }
  if (!errors.empty()) return Invalid("the consultation is not valid", errors);
  return Status::Ok();
}

void ConsultationService::SaveSections(db::Connection& c, Consultation& k) {
  c.Prepare("UPDATE sections SET removed = 1, position = -1 WHERE consultation_id = ?")
      .Bind(1, k.id)
      .Run();
  int pos = 0;
  for (auto& s : k.sections) {
    if (s.id != 0) {
      c.Prepare("UPDATE sections SET heading=?, body=?, position=?, removed=0 WHERE id=? AND consultation_id=?")
          .Bind(1, s.heading).Bind(2, s.body).Bind(3, pos++).Bind(4, s.id).Bind(5, k.id).Run();
    } else {
      c.Prepare("INSERT INTO sections(consultation_id, position, heading, body) VALUES(?,?,?,?)")
          .Bind(1, k.id).Bind(2, pos++).Bind(3, s.heading).Bind(4, s.body).Run();
      s.id = c.LastInsertId();
    }
  }
}

void ConsultationService::SaveVersion(db::Connection& c, const Consultation& k, int64_t actor_id,
                                      const std::optional<std::string>& reason) {
  c.Prepare(
       "INSERT INTO consultation_versions(consultation_id, version, snapshot, changed_at, "
       "changed_by, reason) VALUES(?,?,?,?,?,?)")
      .Bind(1, k.id)
      .Bind(2, k.version)
      .Bind(3, ContentJson(k).dump())
      .Bind(4, k.updated_at)
      .Bind(5, actor_id)
      .Bind(6, reason)
      .Run();
}

Result<Consultation> ConsultationService::Create(const Actor& actor, const json& body) {
  if (Status s = CheckOfficial(actor); !s.ok()) return s;
  Consultation k;
  k.opens_at = k.closes_at = "";
  if (Status s = ApplyFields(k, body); !s.ok()) return s;
  Status s = db_->Write([&](db::Connection& c) -> Status {
    std::string now = FormatTime(clock_->Now());
    k.created_by = actor->id;
    k.created_at = k.updated_at = now;
    c.Prepare(
         "INSERT INTO consultations(title, summary, body, language, area, tags, opens_at, "
         "closes_at, created_by, created_at, updated_at) VALUES(?,?,?,?,?,?,?,?,?,?,?)")
        .Bind(1, k.title).Bind(2, k.summary).Bind(3, k.body).Bind(4, k.language)
        .Bind(5, k.area).Bind(6, json(k.tags).dump()).Bind(7, k.opens_at).Bind(8, k.closes_at)
        .Bind(9, k.created_by).Bind(10, now).Bind(11, now)
        .Run();
    k.id = c.LastInsertId();
    for (const auto& t : k.tags) {
      c.Prepare("INSERT OR IGNORE INTO consultation_tags(consultation_id, tag) VALUES(?,?)")
          .Bind(1, k.id).Bind(2, t).Run();
    }
    SaveSections(c, k);
    SaveVersion(c, k, actor->id);
    // A draft is not public yet: the log holds only a digest of its content.
    EventLog::Append(c, now, "consultation.created", Subject(k.id), RoleName(actor->role),
                     {{"id", k.id}, {"content_sha256", crypto::Sha256Hex(ContentJson(k).dump())}});
    return Status::Ok();
  });
  if (!s.ok()) return s;
  k.state = ConsultationState(k, clock_->Now());
  return k;
}


std::optional<Consultation> ConsultationService::Load(db::Connection& c, int64_t id) {
  auto& st = c.Prepare(std::string(kColumns) + "WHERE id = ?");
  if (!st.Bind(1, id).Step()) return std::nullopt;
  Consultation k = Row(st);
  st.Reset();
  LoadSections(c, k);
  k.decisions = DecisionService::LinkedTo(c, id);
  k.state = ConsultationState(k, clock_->Now());
  return k;
}

void ConsultationService::LoadSections(db::Connection& c, Consultation& k) {
  auto& st = c.Prepare(
      "SELECT id, heading, body FROM sections WHERE consultation_id = ? AND removed = 0 "
      "ORDER BY position");
  st.Bind(1, k.id);
  while (st.Step()) k.sections.push_back({st.Int(0), st.Text(1), st.Text(2)});
}

Result<Consultation> ConsultationService::Publish(const Actor& actor, int64_t id) {
  if (Status s = CheckOfficial(actor); !s.ok()) return s;
  std::optional<Consultation> k;
  Status s = db_->Write([&](db::Connection& c) -> Status {
    k = Load(c, id);
    if (!k) return NotFound("no consultation " + std::to_string(id));
    if (k->published_at) return Conflict("the consultation is already published");
    std::string now = FormatTime(clock_->Now());
    c.Prepare("UPDATE consultations SET published_at = ? WHERE id = ?").Bind(1, now).Bind(2, id).Run();
    k->published_at = now;
    k->state = ConsultationState(*k, clock_->Now());
    json payload = ContentJson(*k);
    payload["id"] = id;
    payload["version"] = k->version;
    // A draft's questions were logged only as a digest: publishing logs them whole.
    json questions = json::array();
    for (const auto& q : LoadQuestions(c, id)) questions.push_back(ToJson(q));
    if (!questions.empty()) payload["questions"] = std::move(questions);
    EventLog::Append(c, now, "consultation.published", Subject(id), RoleName(actor->role), payload);
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return *k;
}

Result<Consultation> ConsultationService::Patch(const Actor& actor, int64_t id, const json& body) {
  if (Status s = CheckOfficial(actor); !s.ok()) return s;
  std::optional<Consultation> k;
  Status s = db_->Write([&](db::Connection& c) -> Status {
    k = Load(c, id);
    if (!k) return NotFound("no consultation " + std::to_string(id));
    // One a decision lets run to its closing date is edited like any running one.
    if (k->state == "decided") return Conflict("a decided consultation can no longer be edited");
    if (Status v = ApplyFields(*k, body); !v.ok()) return v;
    std::string now = FormatTime(clock_->Now());
    k->version += 1;
    k->updated_at = now;
    c.Prepare(
         "UPDATE consultations SET title=?, summary=?, body=?, language=?, area=?, tags=?, "
         "opens_at=?, closes_at=?, updated_at=?, version=? WHERE id=?")
        .Bind(1, k->title).Bind(2, k->summary).Bind(3, k->body).Bind(4, k->language)
        .Bind(5, k->area).Bind(6, json(k->tags).dump()).Bind(7, k->opens_at)
        .Bind(8, k->closes_at).Bind(9, now).Bind(10, k->version).Bind(11, id)
        .Run();
    c.Prepare("DELETE FROM consultation_tags WHERE consultation_id = ?").Bind(1, id).Run();
    for (const auto& t : k->tags) {
      c.Prepare("INSERT OR IGNORE INTO consultation_tags(consultation_id, tag) VALUES(?,?)")
          .Bind(1, id).Bind(2, t).Run();
    }
    SaveSections(c, *k);
    KeepDecidedAtClosing(c, *k, clock_->Now());
    std::optional<std::string> reason;
    if (body.contains("reason")) reason = body["reason"].get<std::string>();
    SaveVersion(c, *k, actor->id, reason);
    k->state = ConsultationState(*k, clock_->Now());
    json payload = {{"id", id}, {"version", k->version}};
    if (k->published_at) {
      payload["content"] = ContentJson(*k);
      if (reason) payload["reason"] = *reason;
    } else {
      payload["content_sha256"] = crypto::Sha256Hex(ContentJson(*k).dump());
    }
    EventLog::Append(c, now, "consultation.updated", Subject(id), RoleName(actor->role), payload);
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return *k;
}

Result<Consultation> ConsultationService::Extend(const Actor& actor, int64_t id, const std::string& closes_at,
                                                const std::string& reason) {
  if (Status s = CheckOfficial(actor); !s.ok()) return s;
  auto to = ParseTime(closes_at);
  if (!to) return InvalidField("/closes_at", "not an RFC 3339 date-time or date");
  if (reason.find_first_not_of(" \t\r\n") == std::string::npos) return InvalidField("/reason", "give a reason");
  if (Status r = CheckNoControlChars("/reason", reason, true); !r.ok()) return r;
  std::optional<Consultation> k;
  Status s = db_->Write([&](db::Connection& c) -> Status {
    k = Load(c, id);
    if (!k) return NotFound("no consultation " + std::to_string(id));
    if (!k->published_at) return Conflict("a draft is edited, not extended");
    if (k->state == "decided") return Conflict("a decided consultation can no longer be extended");
    if (*to <= ParseTime(k->closes_at).value_or(0) || *to <= clock_->Now()) {
      return InvalidField("/closes_at", "must be later than the current closing date and now");
    }
    std::string from = k->closes_at;
    std::string now = FormatTime(clock_->Now());
    k->closes_at = FormatTime(*to);
    k->version += 1;
    k->updated_at = now;
    c.Prepare("UPDATE consultations SET closes_at=?, updated_at=?, version=? WHERE id=?")
        .Bind(1, k->closes_at).Bind(2, now).Bind(3, k->version).Bind(4, id).Run();
    KeepDecidedAtClosing(c, *k, clock_->Now());
    SaveVersion(c, *k, actor->id, reason);
    k->state = ConsultationState(*k, clock_->Now());
    EventLog::Append(c, now, "consultation.extended", Subject(id), RoleName(actor->role),
                     {{"id", id}, {"version", k->version}, {"closes_at", {{"from", from}, {"to", k->closes_at}}},
                      {"reason", reason}});
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return *k;
}

Result<Consultation> ConsultationService::Get(const Actor& actor, int64_t id) {
  std::optional<Consultation> k;
  Status s = db_->Read([&](db::Connection& c) {
    k = Load(c, id);
    return Status::Ok();
  });
  if (!s.ok()) return s;
  bool may_see_draft = actor && actor->IsOfficial();
  if (!k || (k->state == "draft" && !may_see_draft)) {
    return NotFound("no consultation " + std::to_string(id));
  }
  return *k;
}

Result<std::vector<ConsultationVersion>> ConsultationService::Versions(const Actor& actor,
                                                                       int64_t id) {
  auto k = Get(actor, id);
  if (!k.ok()) return k.status();
  std::vector<ConsultationVersion> out;
  Status s = db_->Read([&](db::Connection& c) {
    auto& st = c.Prepare(
        "SELECT version, changed_at, snapshot, reason FROM consultation_versions "
        "WHERE consultation_id = ? ORDER BY version");
    st.Bind(1, id);
    while (st.Step()) {
      out.push_back({static_cast<int>(st.Int(0)), st.Text(1), json::parse(st.Text(2)), st.OptText(3)});
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

Result<Listing<Consultation>> ConsultationService::List(const Actor& actor,
                                                        const ConsultationFilter& f) {
  static const std::vector<std::string> kStates = {"draft", "upcoming", "open", "closed", "decided"};
  if (f.state && std::find(kStates.begin(), kStates.end(), *f.state) == kStates.end()) {
    return InvalidField("/state", "state must be one of draft, upcoming, open, closed, decided");
  }
  auto before = CursorInt(f.page, 0, INT64_MAX);
  if (!before.ok()) return before.status();
  bool officials = actor && actor->IsOfficial();
  if (f.state == "draft" && !officials) return Listing<Consultation>{};
  // Keyset on id, newest first: new rows get larger ids, so pages already
  // handed out never shift while consultations are added.
  std::string sql = std::string(kColumns) + "WHERE id < ?2";
  if (f.state) sql += std::string(" AND ") + kStateSql + " = ?3";
  if (!officials) sql += " AND published_at IS NOT NULL";
  if (f.area) sql += " AND area = ?4";
  if (f.tag) sql += " AND id IN (SELECT consultation_id FROM consultation_tags WHERE tag = ?5)";
  if (f.closes_within) sql += " AND closes_at <= ?7";
  sql += " ORDER BY id DESC LIMIT ?6";
  Listing<Consultation> out;
  Status s = db_->Read([&](db::Connection& c) {
    auto& st = c.Prepare(sql);
    st.Bind(1, FormatTime(clock_->Now()));
    st.Bind(2, before.value());
    if (f.state) st.Bind(3, *f.state);
    if (f.area) st.Bind(4, *f.area);
    if (f.tag) st.Bind(5, *f.tag);
    st.Bind(6, f.page.limit + 1);
    if (f.closes_within) st.Bind(7, FormatTime(clock_->Now() + *f.closes_within));
    while (st.Step()) out.items.push_back(Row(st));
    st.Reset();
    for (auto& k : out.items) {
      LoadSections(c, k);
      k.decisions = DecisionService::LinkedTo(c, k.id);
      k.state = ConsultationState(k, clock_->Now());
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  if (static_cast<int>(out.items.size()) > f.page.limit) {
    out.items.pop_back();
    out.next_cursor = EncodeCursor(json::array({out.items.back().id}));
  }
  return out;
}

Result<ConsultationCounts> ConsultationService::Counts(const Actor& actor, int64_t closing_within) {
  if (Status s = CheckOfficial(actor); !s.ok()) return s;
  ConsultationCounts n;
  Status s = db_->Read([&](db::Connection& c) {
    auto& st = c.Prepare(std::string("SELECT ") + kStateSql +
                         " AS state, COUNT(*), SUM(closes_at <= ?2) FROM consultations GROUP BY state");
    st.Bind(1, FormatTime(clock_->Now())).Bind(2, FormatTime(clock_->Now() + closing_within));
    while (st.Step()) {
      std::string state = st.Text(0);
      if (state == "draft") n.drafts = st.Int(1);
      if (state == "open") {
        n.open = st.Int(1);
        n.closing = st.Int(2);
      }
      if (state == "closed") n.closed = st.Int(1);
    }
    st.Reset();
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return n;
}

bool ConsultationService::MarkDecided(db::Connection& c, int64_t id, const std::string& at, bool close_now,
                                      int64_t decision_id, const std::string& role) {
  auto& st = c.Prepare("SELECT closes_at, decided_at FROM consultations WHERE id = ? AND published_at IS NOT NULL");
  if (!st.Bind(1, id).Step()) return false;
  std::string closes_at = st.Text(0);
  std::optional<std::string> decided_at = st.OptText(1);
  st.Reset();
  int64_t now = ParseTime(at).value_or(0);
  int64_t closes = ParseTime(closes_at).value_or(0);
  bool taking_comments = now < closes && (!decided_at || now < ParseTime(*decided_at).value_or(0));
  bool closing = taking_comments && close_now;
  if (decided_at && !closing) return true;
  std::string decided = closing || now >= closes ? at : closes_at;
  c.Prepare("UPDATE consultations SET decided_at = ? WHERE id = ?").Bind(1, decided).Bind(2, id).Run();
  if (closing) {
    // Closed before its planned last day: a public fact of its own.
    EventLog::Append(c, at, "consultation.closed", Subject(id), role,
                     {{"id", id}, {"decision_id", decision_id}, {"closed_at", at}, {"planned_closes_at", closes_at}});
  }
  return true;
}

Result<std::vector<Consultation>> ConsultationService::ListPublishedForIndex(int64_t after_id, int limit) {
  std::vector<Consultation> out;
  Status s = db_->Read([&](db::Connection& c) {
    auto& st = c.Prepare(std::string(kColumns) +
                         "WHERE id > ? AND published_at IS NOT NULL ORDER BY id LIMIT ?");
    st.Bind(1, after_id).Bind(2, limit);
    while (st.Step()) out.push_back(Row(st));
    st.Reset();
    int64_t now = clock_->Now();
    for (auto& k : out) {
      LoadSections(c, k);
      k.state = ConsultationState(k, now);
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

}  // namespace samrad
