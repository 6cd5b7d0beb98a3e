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
