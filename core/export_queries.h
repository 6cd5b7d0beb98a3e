// Row iteration for open-data exports: keyset pages, each in its own short
// read transaction, handed to a callback, so memory stays flat however large.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/database.h"
#include "core/status.h"

namespace samrad {

// One cell of an exported row: its text and how JSON should show it.
struct Cell {
  enum class Kind { kNull, kString, kInteger, kNumber, kBoolean, kJson };
  Kind kind = Kind::kNull;
  std::string text;  // kJson: JSON text; kBoolean: "true" or "false"
};
using Row = std::vector<Cell>;
// Receives each row in key order; returns false to stop early.
using RowCallback = std::function<bool(const Row&)>;

struct ExportQuery {
  // RFC 3339 UTC: only rows modified at or after this time.
  std::optional<std::string> modified_since;
  int page_size = 2000;
};

struct LogPosition {
  int64_t seq = 0;       // 0 when the log is empty
  std::string at;        // time of the newest entry
  std::string first_at;  // time of the oldest entry
};

// Copies column col of st into row[i] as kind (kNull when the column is NULL).
void PutCell(Row& row, size_t i, Cell::Kind kind, db::Statement& st, int col);

class ExportQueries {
 public:
  explicit ExportQueries(std::shared_ptr<Database> db) : db_(std::move(db)) {}

  // Published consultations by id: id, title, summary, body, language, area,
  // tags (JSON), opens_at, closes_at, published_at, decided_at, updated_at,
  // version. A row's modified time is its latest of updated/published/decided.
  Status Consultations(const ExportQuery& q, const RowCallback& cb);
  // The whole event log by seq: seq, at, kind, subject, actor_role, payload
  // (canonical JSON), prev_hash, hash. Modified time: at.
  Status Events(const ExportQuery& q, const RowCallback& cb);
  // The rows of a published dataset as strings (kNull for an empty cell).
  // Modified time: the dataset's publication time.
  Status DatasetRows(int64_t dataset_id, const ExportQuery& q, const RowCallback& cb);
  // Comments of published consultations by id: id, consultation_id,
  // parent_id, section_id, author (public name, per-consultation pseudonym
  // or "deleted account"), author_kind, official, body (null when hidden),
  // created_at, edited_at, version, hidden, hidden_reason, modified_at.
  // Modified time: the latest of posting, editing and moderation. Changes to
  // the author's account (name visibility, deletion) do not move it: that
  // would link one person's pseudonyms through the log's account events.
  Status Comments(const ExportQuery& q, const RowCallback& cb);
  // Every version of every decision: decision_id, version, title, body,
  // body_name, reference, decided_at, outcome, votes (JSON), consultation_ids
  // (JSON), answers_comment_ids (JSON), reason, changes (JSON), published_at,
  // log_seq, entry_hash. Modified time: published_at.
  Status Decisions(const ExportQuery& q, const RowCallback& cb);
  // One row per roll-call vote of every decision version: decision_id,
  // version, name, party, vote, published_at. Modified time: published_at.
  Status DecisionVotes(const ExportQuery& q, const RowCallback& cb);
  // Every moderation act, those on comments by id, then those on free-text
  // answers by id: id, comment_id, consultation_id, action, reason, role,
  // at, subject (comment, questionnaire_answer), answer_id, question_id.
  // Modified time: at.
  Status ModerationLog(const ExportQuery& q, const RowCallback& cb);
  // Where the event log stands: every exported change moves it.
  Result<LogPosition> Head();

  // Errors of all methods: kInternal on a database failure. Thread-safe.

 private:
  using Filler = std::function<void(db::Statement&, Row&)>;
  Status Paged(const std::string& sql, std::optional<int64_t> scope, const ExportQuery& q,
               const Filler& fill, const RowCallback& cb);
  std::shared_ptr<Database> db_;
};

}  // namespace samrad
