// The consultation report (samrådsredogörelse): everything a consultation
// heard and what became of it, compiled from one read snapshot, with the
// log position it reflects. Pure data plus its JSON form; the pages and the
// PDF render it.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/questionnaire_results.h"
#include "core/sqlite.h"

namespace samrad {

// "Most divided": at least kDividedMinReactions reactions, and the smaller
// side at least kDividedMinBalance of the larger (balance = min/max, 1 when
// support and opposition are equal). Ordered by balance, then by reactions.
constexpr int64_t kDividedMinReactions = 4;
constexpr double kDividedMinBalance = 0.5;
constexpr size_t kReportTopComments = 5;  // entries in each top list

struct ReportComment {
  int64_t id = 0;
  int64_t parent_id = 0;  // 0 for a top-level comment
  int depth = 0;          // 0 top-level, 1 a reply ...
  std::string author;     // public name or pseudonym ("deleted account" when erased)
  std::string author_kind;  // public, pseudonym, deleted
  bool official = false;
  bool hidden = false;      // a placeholder: no body, only the reason
  std::string hidden_reason;
  std::string body;
  std::string created_at;
  int64_t support = 0;
  int64_t oppose = 0;
  std::vector<int64_t> decision_ids;  // decisions whose current version answers it
  bool answered = false;  // top level: an official reply or a decision answers it
};

struct ReportSection {
  int64_t id = 0;  // 0: comments on the consultation as a whole
  std::string heading;
  std::string body;
  bool removed = false;
  int64_t comments = 0, replies = 0, support = 0, oppose = 0;  // visible ones
  std::vector<ReportComment> thread;  // threads in order, replies after their parent
};

struct ReportDay {
  std::string date;  // YYYY-MM-DD (UTC)
  int64_t comments = 0, replies = 0;
};

struct ReportDecision {
  int64_t id = 0;
  int version = 1;
  std::string title, body_name, reference, decided_at, outcome, published_at;
  nlohmann::json votes;  // null or {for, against, abstain, absent, roll_call?}
  int64_t answers = 0;   // comments of this consultation it answers
  int64_t log_seq = 0;
};

// A comment in a top list (ids point into the sections' threads).
struct ReportRanked {
  int64_t id = 0;
  std::string excerpt;
  int64_t support = 0, oppose = 0;
  double balance = 0;  // min/max of support and oppose
};

struct ConsultationReport {
  // What was consulted on.
  int64_t id = 0;
  std::string title, summary, body, language, state;
  std::optional<std::string> area;
  std::vector<std::string> tags;
  std::string opens_at, closes_at, created_at;
  std::optional<std::string> published_at, decided_at;
  std::string responsible_role;  // role of the account that created it
  int version = 1;
  int64_t extensions = 0;        // closing date moved later
  int64_t published_seq = 0;     // log entry of consultation.published (how it was announced)
  std::string published_event_at;

  // Participation (visible comments unless named otherwise).
  int64_t respondents = 0;      // distinct residents who commented or replied (hidden ones too)
  int64_t comments = 0;         // top-level
  int64_t replies = 0;          // all levels below
  int64_t official_replies = 0;
  int64_t supports = 0, opposes = 0;
  int64_t hidden = 0;
  std::map<std::string, int64_t> hidden_reasons;  // reason -> count
  std::vector<ReportDay> days;  // first to last day with a comment, gaps as zero
  std::vector<ReportSection> sections;
  std::vector<int64_t> unanswered;  // top-level residents' comments without an answer
  std::vector<ReportRanked> most_supported, most_divided;
  std::vector<ReportDecision> decisions;
  std::vector<QuestionResult> questions;

  // The officials' texts (Markdown).
  std::string intro_md, summary_md;
  std::optional<std::string> texts_updated_at, report_published_at;

  // What it reflects.
  std::string compiled_at;
  int64_t log_seq = 0;           // the newest log entry in the snapshot
  int64_t checkpoint_size = 0;   // 0: no signed checkpoint yet
  std::string checkpoint_note, checkpoint_signed_at;

  bool draft() const { return state != "closed" && state != "decided"; }
};

// Compiles the report of a published consultation from the caller's read
// transaction (one snapshot); nullopt for no such published consultation.
// now is epoch seconds (the state and compiled_at). Throws db::DbError.
std::optional<ConsultationReport> CompileReport(db::Connection& c, int64_t consultation_id, int64_t now);

// The report as JSON (see schemas/openapi/report.json). Pure.
nlohmann::json ToJson(const ConsultationReport& r);

// A comment's first words for top lists: at most max_chars characters
// (UTF-8 safe), with an ellipsis when cut. Pure.
std::string Excerpt(const std::string& text, size_t max_chars);

}  // namespace samrad
