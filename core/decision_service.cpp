// DecisionService implementation.
#include "core/decision_service.h"

#include <algorithm>
#include <set>

#include "core/event_log.h"
#include "core/markdown.h"
#include "core/text_rules.h"

namespace samrad {

using nlohmann::json;

namespace {
constexpr const char* kColumns =
    "SELECT v.decision_id, v.version, v.title, v.body, v.body_name, v.reference, v.decided_at, "
    "v.outcome, v.votes, v.consultation_ids, v.answers_comment_ids, v.reason, v.changes, "
    "v.published_at, v.log_seq, v.entry_hash FROM decision_versions v ";

// Only the newest version of each decision.
constexpr const char* kCurrent =
    "v.version = (SELECT MAX(version) FROM decision_versions w WHERE w.decision_id = v.decision_id)";

DecisionVersion Row(db::Statement& st) {
  DecisionVersion v;
  v.decision_id = st.Int(0);
  v.version = static_cast<int>(st.Int(1));
  v.title = st.Text(2);
  v.body = st.Text(3);
  v.body_name = st.Text(4);
  v.reference = st.Text(5);
  v.decided_at = st.Text(6);
  v.outcome = st.Text(7);
  v.votes = st.IsNull(8) ? json(nullptr) : json::parse(st.Text(8));
  v.consultation_ids = json::parse(st.Text(9)).get<std::vector<int64_t>>();
  v.answers_comment_ids = json::parse(st.Text(10)).get<std::vector<int64_t>>();
  v.reason = st.OptText(11);
  v.changes = st.IsNull(12) ? json(nullptr) : json::parse(st.Text(12));
  v.published_at = st.Text(13);
  v.log_seq = st.Int(14);
  v.entry_hash = st.Text(15);
  return v;
}

// Copies the fields present in a request body onto a version.
Status Apply(DecisionVersion& v, const json& b) {
  if (b.contains("title")) v.title = b["title"];
  if (b.contains("body")) v.body = b["body"];
  if (b.contains("body_name")) v.body_name = b["body_name"];
  if (b.contains("reference")) v.reference = b["reference"];
  if (b.contains("outcome")) v.outcome = b["outcome"];
  if (b.contains("votes")) v.votes = b["votes"];
  if (b.contains("consultation_ids")) v.consultation_ids = b["consultation_ids"].get<std::vector<int64_t>>();
  if (b.contains("answers_comment_ids")) {
    v.answers_comment_ids = b["answers_comment_ids"].get<std::vector<int64_t>>();
  }
  if (b.contains("decided_at")) {
    auto t = ParseTime(b["decided_at"].get<std::string>());
    if (!t) return InvalidField("/decided_at", "not an RFC 3339 date or date-time");
    v.decided_at = FormatTime(*t);
  }
  // Control characters break CSV, HTML and XML readers; huge tables make
  // every render slow.
  for (const auto& [field, text] : {std::pair{"/title", &v.title}, {"/body_name", &v.body_name},
                                    {"/reference", &v.reference}}) {
    if (Status s = CheckNoControlChars(field, *text, false); !s.ok()) return s;
  }
  return CheckMarkdown("/body", v.body);
}

// The linked consultations that close at publication if they still take
// comments: those open_consultations lists with "now", and those newly
// linked that it does not list (linking closed them before officials
// could choose, and API clients rely on that).
Result<std::set<int64_t>> Closing(const json& body, const std::vector<int64_t>& linked,
                                  const std::vector<int64_t>& linked_before) {
  std::set<int64_t> links(linked.begin(), linked.end());
  std::set<int64_t> closing;
  for (int64_t id : linked) {
    if (std::find(linked_before.begin(), linked_before.end(), id) == linked_before.end()) closing.insert(id);
  }
  for (const auto& choice : body.value("open_consultations", json::array())) {
    int64_t id = choice["id"].get<int64_t>();
    if (!links.count(id)) {
      return InvalidField("/open_consultations", "consultation " + std::to_string(id) + " is not linked by the decision");
    }
    if (choice["close"] == "now") closing.insert(id);
    else closing.erase(id);
  }
  return closing;
}

Status CheckOfficial(const Actor& actor) {
  if (!actor) return Unauthenticated("sign in first");
  if (!actor->IsOfficial()) return Forbidden("only officials may publish or amend decisions");
  return Status::Ok();
}
}  // namespace

DecisionService::DecisionService(std::shared_ptr<Database> db, std::shared_ptr<Clock> clock)
    : db_(std::move(db)), clock_(std::move(clock)) {}

Status DecisionService::Validate(db::Connection& c, const DecisionVersion& v) {
  std::vector<FieldError> errors;
  for (const auto& [field, msg] : CheckVotes(v.votes, "/votes")) errors.push_back({field, msg});
  std::set<int64_t> linked(v.consultation_ids.begin(), v.consultation_ids.end());
  for (int64_t id : v.consultation_ids) {
    auto& st = c.Prepare("SELECT published_at IS NOT NULL FROM consultations WHERE id = ?");
    if (!st.Bind(1, id).Step() || st.Int(0) == 0) {
      errors.push_back({"/consultation_ids", "consultation " + std::to_string(id) + " is not a published consultation"});
    }
  }
  for (int64_t id : v.answers_comment_ids) {
    auto& st = c.Prepare("SELECT consultation_id FROM comments WHERE id = ?");
    if (!st.Bind(1, id).Step()) {
      errors.push_back({"/answers_comment_ids", "comment " + std::to_string(id) + " does not exist"});
    } else if (!linked.count(st.Int(0))) {
      errors.push_back({"/answers_comment_ids", "comment " + std::to_string(id) +
                                                    " is not on a consultation this decision links"});
    }
  }
  if (!errors.empty()) return Invalid("the decision is not valid", errors);
  return Status::Ok();
}

void DecisionService::Store(db::Connection& c, DecisionVersion& v, const Actor& actor,
                            const std::string& kind, const std::set<int64_t>& closing) {
  v.published_at = FormatTime(clock_->Now());
  json payload = DecisionContent(v);
  payload["id"] = v.decision_id;
  payload["version"] = v.version;
  if (v.reason) payload["reason"] = *v.reason;
  if (!v.changes.is_null()) payload["changes"] = v.changes;
  Event e = EventLog::Append(c, v.published_at, kind, "decision/" + std::to_string(v.decision_id),
                             RoleName(actor->role), payload);
  v.log_seq = e.seq;
  v.entry_hash = e.hash;
  c.Prepare(
       "INSERT INTO decision_versions(decision_id, version, title, body, body_name, reference, "
       "decided_at, outcome, votes, consultation_ids, answers_comment_ids, reason, changes, "
       "published_at, published_by, log_seq, entry_hash) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
      .Bind(1, v.decision_id).Bind(2, v.version).Bind(3, v.title).Bind(4, v.body)
      .Bind(5, v.body_name).Bind(6, v.reference).Bind(7, v.decided_at).Bind(8, v.outcome)
      .Bind(9, v.votes.is_null() ? std::optional<std::string>() : v.votes.dump())
      .Bind(10, json(v.consultation_ids).dump()).Bind(11, json(v.answers_comment_ids).dump())
      .Bind(12, v.reason)
      .Bind(13, v.changes.is_null() ? std::optional<std::string>() : v.changes.dump())
      .Bind(14, v.published_at).Bind(15, actor->id).Bind(16, v.log_seq).Bind(17, v.entry_hash)
      .Run();
  for (int64_t k : v.consultation_ids) {
    c.Prepare("INSERT INTO decision_links(decision_id, version, consultation_id) VALUES(?,?,?)")
        .Bind(1, v.decision_id).Bind(2, v.version).Bind(3, k).Run();
    ConsultationService::MarkDecided(c, k, v.published_at, closing.count(k) > 0, v.decision_id,
                                     RoleName(actor->role));
  }
  for (int64_t k : v.answers_comment_ids) {
    c.Prepare("INSERT INTO decision_answers(decision_id, version, comment_id) VALUES(?,?,?)")
        .Bind(1, v.decision_id).Bind(2, v.version).Bind(3, k).Run();
  }
}

Result<DecisionVersion> DecisionService::Publish(const Actor& actor, const json& body) {
  if (Status s = CheckOfficial(actor); !s.ok()) return s;
  DecisionVersion v;
  if (Status s = Apply(v, body); !s.ok()) return s;
  auto closing = Closing(body, v.consultation_ids, {});
  if (!closing.ok()) return closing.status();
  Status s = db_->Write([&](db::Connection& c) -> Status {
    if (Status valid = Validate(c, v); !valid.ok()) return valid;
    c.Prepare("INSERT INTO decisions(created_at, created_by) VALUES(?,?)")
        .Bind(1, FormatTime(clock_->Now())).Bind(2, actor->id).Run();
    v.decision_id = c.LastInsertId();
    Store(c, v, actor, "decision.published", closing.value());
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return v;
}

Result<DecisionVersion> DecisionService::Amend(const Actor& actor, int64_t id, const json& body) {
  if (Status s = CheckOfficial(actor); !s.ok()) return s;
  DecisionVersion next;
  Status s = db_->Write([&](db::Connection& c) -> Status {
    auto versions = LoadVersions(c, id);
    if (versions.empty()) return NotFound("no decision " + std::to_string(id));
    const DecisionVersion& last = versions.back();
    if (last.outcome == "revoked") return Conflict("a revoked decision cannot be amended");
    next = last;
    if (Status a = Apply(next, body["changes"]); !a.ok()) {
      return Invalid(a.message(), {{"/changes" + a.errors()[0].field, a.errors()[0].message}});
    }
    next.version = last.version + 1;
    next.reason = body["reason"].get<std::string>();
    if (Status r = CheckNoControlChars("/reason", *next.reason, true); !r.ok()) return r;
    next.changes = DiffDecision(last, next);
    if (next.changes.empty()) return InvalidField("/changes", "the changes leave the decision as it is");
    if (Status valid = Validate(c, next); !valid.ok()) return valid;
    auto closing = Closing(body, next.consultation_ids, last.consultation_ids);
    if (!closing.ok()) return closing.status();
    Store(c, next, actor, "decision.amended", closing.value());
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return next;
}

std::vector<DecisionVersion> DecisionService::LoadVersions(db::Connection& c, int64_t id) {
  std::vector<DecisionVersion> out;
  auto& st = c.Prepare(std::string(kColumns) + "WHERE v.decision_id = ? ORDER BY v.version");
  st.Bind(1, id);
  while (st.Step()) out.push_back(Row(st));
  return out;
}

Result<Decision> DecisionService::Get(int64_t id) {
  Decision d;
  Status s = db_->Read([&](db::Connection& c) {
    d.versions = LoadVersions(c, id);
    return Status::Ok();
  });
  if (!s.ok()) return s;
  if (d.versions.empty()) return NotFound("no decision " + std::to_string(id));
  d.current = d.versions.back();
  return d;
}

Result<DecisionVersion> DecisionService::GetVersion(int64_t id, int version) {
  auto d = Get(id);
  if (!d.ok()) return d.status();
  if (version < 1 || version > static_cast<int>(d->versions.size())) {
    return NotFound("decision " + std::to_string(id) + " has no version " + std::to_string(version));
  }
  return d->versions[version - 1];
}

Result<Listing<DecisionVersion>> DecisionService::List(const DecisionFilter& f) {
  static const std::vector<std::string> kOutcomes = {"approved", "rejected", "referred", "postponed", "revoked"};
  std::vector<FieldError> errors;
  if (f.outcome && std::find(kOutcomes.begin(), kOutcomes.end(), *f.outcome) == kOutcomes.end()) {
    errors.push_back({"/outcome", "outcome must be approved, rejected, referred, postponed or revoked"});
  }
  std::optional<std::string> from, to;
  if (f.from) {
    auto t = ParseTime(*f.from);
    if (!t) errors.push_back({"/from", "not an RFC 3339 date or date-time"});
    else from = FormatTime(*t);
  }
  if (f.to) {
    auto t = ParseTime(*f.to);
    // A plain date as the upper bound includes that whole day.
    if (!t) errors.push_back({"/to", "not an RFC 3339 date or date-time"});
    else to = FormatTime(*t + (f.to->size() == 10 ? 24 * 3600 - 1 : 0));
  }
  if (!errors.empty()) return Invalid("invalid filter", errors);
  auto after_at = CursorText(f.page, 0, "\x7f");
  if (!after_at.ok()) return after_at.status();
  auto after_id = CursorInt(f.page, 1, INT64_MAX);
  if (!after_id.ok()) return after_id.status();
  // Keyset on (decided_at, id), newest first.
  std::string sql = std::string(kColumns) + "WHERE " + kCurrent +
                    " AND (v.decided_at < ?1 OR (v.decided_at = ?1 AND v.decision_id < ?2))";
  if (f.body_name) sql += " AND v.body_name = ?3";
  if (from) sql += " AND v.decided_at >= ?4";
  if (to) sql += " AND v.decided_at <= ?5";
  if (f.outcome) sql += " AND v.outcome = ?6";
  sql += " ORDER BY v.decided_at DESC, v.decision_id DESC LIMIT ?7";
  Listing<DecisionVersion> out;
  Status s = db_->Read([&](db::Connection& c) {
    auto& st = c.Prepare(sql);
    st.Bind(1, after_at.value());
    st.Bind(2, after_id.value());
    if (f.body_name) st.Bind(3, *f.body_name);
    if (from) st.Bind(4, *from);
    if (to) st.Bind(5, *to);
    if (f.outcome) st.Bind(6, *f.outcome);
    st.Bind(7, f.page.limit + 1);
    while (st.Step()) out.items.push_back(Row(st));
    return Status::Ok();
  });
  if (!s.ok()) return s;
  if (static_cast<int>(out.items.size()) > f.page.limit) {
    out.items.pop_back();
    out.next_cursor = EncodeCursor(json::array({out.items.back().decided_at, out.items.back().decision_id}));
  }
  return out;
}

std::vector<LinkedDecision> DecisionService::LinkedTo(db::Connection& c, int64_t consultation_id) {
  std::vector<LinkedDecision> out;
  auto& st = c.Prepare(std::string(kColumns) + "JOIN decision_links l ON l.decision_id = v.decision_id "
                       "AND l.version = v.version WHERE l.consultation_id = ? AND " + kCurrent +
                       " ORDER BY v.decided_at, v.decision_id");
  st.Bind(1, consultation_id);
  while (st.Step()) {
    DecisionVersion v = Row(st);
    out.push_back({v.decision_id, v.title, v.outcome, v.reference, v.answers_comment_ids});
  }
  return out;
}

std::vector<int64_t> DecisionService::Answering(db::Connection& c, int64_t comment_id) {
  std::vector<int64_t> out;
  auto& st = c.Prepare(
      "SELECT a.decision_id FROM decision_answers a WHERE a.comment_id = ? AND a.version = "
      "(SELECT MAX(version) FROM decision_versions w WHERE w.decision_id = a.decision_id) "
      "ORDER BY a.decision_id");
  st.Bind(1, comment_id);
  while (st.Step()) out.push_back(st.Int(0));
  return out;
}

Result<int64_t> DecisionService::Count() {
  int64_t n = 0;
  Status s = db_->Read([&](db::Connection& c) {
    auto& st = c.Prepare("SELECT COUNT(*) FROM decisions");
    if (st.Step()) n = st.Int(0);
    st.Reset();
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return n;
}

Result<std::vector<DecisionVersion>> DecisionService::ListCurrentForIndex(int64_t after_id, int limit) {
  std::vector<DecisionVersion> out;
  Status s = db_->Read([&](db::Connection& c) {
    auto& st = c.Prepare(std::string(kColumns) + "WHERE v.decision_id > ? AND " + kCurrent +
                         " ORDER BY v.decision_id LIMIT ?");
    st.Bind(1, after_id).Bind(2, limit);
    while (st.Step()) out.push_back(Row(st));
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

}  // namespace samrad
