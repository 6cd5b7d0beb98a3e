// ReportService implementation.
#include "core/consultation_report_service.h"

#include "core/consultation.h"
#include "core/consultation_dates.h"
#include "core/crypto.h"
#include "core/event_log.h"
#include "core/markdown.h"
#include "core/text_rules.h"

namespace samrad {

namespace {
constexpr size_t kCached = 16;  // consultations whose compiled report is kept

size_t Utf8Chars(const std::string& s) {
  size_t n = 0;
  for (unsigned char b : s) n += (b & 0xC0) != 0x80;
  return n;
}

Status CheckText(const std::string& field, const std::string& text) {
  if (Utf8Chars(text) > kMaxReportTextChars) {
    return InvalidField(field, "at most " + std::to_string(kMaxReportTextChars) + " characters");
  }
  return CheckMarkdown(field, text);
}
}  // namespace

ReportService::ReportService(std::shared_ptr<Database> db, std::shared_ptr<Clock> clock)
    : db_(std::move(db)), clock_(std::move(clock)) {}

Status ReportService::CheckOfficial(const Actor& actor) {
  if (!actor) return Unauthenticated("sign in first");
  if (!actor->IsOfficial()) return Forbidden("only officials may edit a consultation report");
  return Status::Ok();
}

Result<std::string> ReportService::StateFor(const Actor& actor, int64_t id) {
  std::optional<ConsultationDates> dates;
  Status s = db_->Read([&](db::Connection& c) {
    dates = LoadConsultationDates(c, id);
    return Status::Ok();
  });
  if (!s.ok()) return s;
  if (!dates || !dates->published_at) return NotFound("no such consultation");
  std::string state = dates->StateAt(clock_->Now());
  bool closed = state == "closed" || state == "decided";
  if (!closed && !(actor && actor->IsOfficial())) return NotFound("no report until the consultation has closed");
  return state;
}

Result<std::string> ReportService::CacheKey(const Actor& actor, int64_t id) {
  auto state = StateFor(actor, id);
  if (!state.ok()) return state.status();
  // What the report is made of moves one of these: the consultation's own
  // log entries (comments, reactions, moderation, questionnaire answers
  // carry its id; its edits and the report's publication name it as
  // subject), any decision version, and the saved texts. Other commits (the
  // notifier's cursor, other consultations) leave the key alone.
  std::string key = state.value();
  Status s = db_->Read([&](db::Connection& c) {
    auto& st = c.Prepare(
        "SELECT (SELECT MAX(seq) FROM events WHERE json_extract(payload, '$.consultation_id') = ?1), "
        "(SELECT MAX(seq) FROM events WHERE subject = ?2), (SELECT MAX(rowid) FROM decision_versions), "
        "(SELECT updated_at || ifnull(published_at, '') FROM report_texts WHERE consultation_id = ?1)");
    if (st.Bind(1, id).Bind(2, "consultation/" + std::to_string(id)).Step()) {
      for (int i = 0; i < 4; ++i) key += ":" + st.OptText(i).value_or("-");
    }
    st.Reset();
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return key;
}

Result<std::shared_ptr<const ConsultationReport>> ReportService::Get(const Actor& actor, int64_t id) {
  auto key = CacheKey(actor, id);
  if (!key.ok()) return key.status();
  {
    std::lock_guard lock(mu_);
    auto it = cache_.find(id);
    if (it != cache_.end() && it->second.key == key.value()) return it->second.report;
  }
  std::optional<ConsultationReport> r;
  int64_t now = clock_->Now();
  Status s = db_->Read([&](db::Connection& c) {
    r = CompileReport(c, id, now);
    return Status::Ok();
  });
  if (!s.ok()) return s;
  if (!r) return NotFound("no such consultation");
  auto shared = std::make_shared<const ConsultationReport>(std::move(*r));
  std::lock_guard lock(mu_);
  if (cache_.size() >= kCached && !cache_.count(id)) cache_.erase(cache_.begin());
  cache_[id] = {key.value(), shared};
  return shared;
}

Status ReportService::SaveTexts(const Actor& actor, int64_t id, const std::string& intro_md,
                                const std::string& summary_md) {
  if (Status s = CheckOfficial(actor); !s.ok()) return s;
  if (auto st = StateFor(actor, id); !st.ok()) return st.status();
  if (Status s = CheckText("/intro_md", intro_md); !s.ok()) return s;
  if (Status s = CheckText("/summary_md", summary_md); !s.ok()) return s;
  std::string now = FormatTime(clock_->Now());
  return db_->Write([&](db::Connection& c) {
    auto& q = c.Prepare("SELECT published_at IS NOT NULL FROM report_texts WHERE consultation_id = ?");
    bool published = q.Bind(1, id).Step() && q.Int(0) != 0;
    q.Reset();
    if (published) return Conflict("the report is published; its texts are fixed");
    c.Prepare("INSERT INTO report_texts(consultation_id, intro_md, summary_md, updated_at) VALUES (?, ?, ?, ?) "
              "ON CONFLICT(consultation_id) DO UPDATE SET intro_md = excluded.intro_md, "
              "summary_md = excluded.summary_md, updated_at = excluded.updated_at")
        .Bind(1, id).Bind(2, intro_md).Bind(3, summary_md).Bind(4, now).Run();
    return Status::Ok();
  });
}

Status ReportService::Publish(const Actor& actor, int64_t id) {
  if (Status s = CheckOfficial(actor); !s.ok()) return s;
  auto state = StateFor(actor, id);
  if (!state.ok()) return state.status();
  if (state.value() != "closed" && state.value() != "decided") {
    return Conflict("a report is published once its consultation has closed");
  }
  std::string now = FormatTime(clock_->Now());
  return db_->Write([&](db::Connection& c) {
    std::string intro, summary;
    auto& q = c.Prepare("SELECT intro_md, summary_md, published_at IS NOT NULL FROM report_texts "
                        "WHERE consultation_id = ?");
    bool published = false;
    if (q.Bind(1, id).Step()) {
      intro = q.Text(0);
      summary = q.Text(1);
      published = q.Int(2) != 0;
    }
    q.Reset();
    if (published) return Conflict("the report is already published");
    int64_t reflected = EventLog::Head(c);
    c.Prepare("INSERT INTO report_texts(consultation_id, updated_at, published_at) VALUES (?, ?, ?) "
              "ON CONFLICT(consultation_id) DO UPDATE SET published_at = excluded.published_at")
        .Bind(1, id).Bind(2, now).Bind(3, now).Run();
    EventLog::Append(c, now, "report.published", "consultation/" + std::to_string(id), RoleName(actor->role),
                     {{"consultation_id", id}, {"intro_md", intro}, {"summary_md", summary},
                      {"reflects_log_seq", reflected}});
    return Status::Ok();
  });
}

}  // namespace samrad
