// Open-data rows of questionnaires: every current answer item (one row per
// answer and question) and every version of every question, of published
// consultations, page by page in short read transactions.
#pragma once

#include <memory>

#include "core/database.h"
#include "core/export_queries.h"

namespace samrad {

class QuestionnaireExport {
 public:
  explicit QuestionnaireExport(std::shared_ptr<Database> db) : db_(std::move(db)) {}

  // Items of current, not withdrawn answers by answer id, then question
  // position: answer_id, consultation_id, question_id, question_version,
  // respondent (per-consultation pseudonym), type, value (a label, a
  // JSON array of labels for multiple and ranking, a number for a scale,
  // the text; empty when hidden), hidden, hidden_reason, answered_at.
  // Modified time: answered_at. Errors: kInternal. Thread-safe.
  Status Answers(const ExportQuery& q, const RowCallback& cb);
  // Every version of every question by question id and version:
  // question_id, consultation_id, version, position, section_id, type,
  // text, options (JSON), max_choices, scale_max, low_label, high_label,
  // max_length, required, removed, reason, created_at. Modified time:
  // created_at.
  Status Questions(const ExportQuery& q, const RowCallback& cb);

 private:
  using Filler = std::function<void(db::Statement&, Row&)>;
  // Runs sql (?1 last key, ?2 modified_since, ?3 page size in keys) page
  // by page; column 0 is the key.
  Status Paged(const std::string& sql, const ExportQuery& q, const Filler& fill, const RowCallback& cb);
  std::shared_ptr<Database> db_;
};

}  // namespace samrad
