// ExportQueries: the SQL behind open-data downloads.
#include "core/export_queries.h"

#include <charconv>
#include <nlohmann/json.hpp>

namespace samrad {

void PutCell(Row& row, size_t i, Cell::Kind kind, db::Statement& st, int col) {
  Cell& c = row[i];
  // Assigned in place, so a row reused page after page stops allocating;
  // integers formatted here rather than converted to text by SQLite.
  if (kind == Cell::Kind::kInteger && st.IsInteger(col)) {
    char digits[24];
    auto end = std::to_chars(digits, digits + sizeof digits, st.Int(col)).ptr;
    c.kind = kind;
    c.text.assign(digits, end);
  } else if (st.IsNull(col)) {
    c.kind = Cell::Kind::kNull;
    c.text.clear();
  } else {
    c.kind = kind;
    c.text.assign(st.View(col));
  }
}

Status ExportQueries::Paged(const std::string& sql, std::optional<int64_t> scope,
                            const ExportQuery& q, const Filler& fill, const RowCallback& cb) {
  // ?1 last key seen, ?2 modified_since (NULL: all), ?3 page size, ?4 scope.
  int64_t after = INT64_MIN;
  bool more = true;
  Row row;
  while (more) {
    int n = 0;
    Status s = db_->Read([&](db::Connection& c) {
      auto& st = c.Prepare(sql);
      st.Bind(1, after).Bind(2, q.modified_since).Bind(3, q.page_size);
      if (scope) st.Bind(4, *scope);
      while (st.Step()) {
        ++n;
        after = st.Int(0);
        fill(st, row);
        if (!cb(row)) {
          more = false;
          break;
        }
      }
      return Status::Ok();
    });
    if (!s.ok()) return s;
    if (n < q.page_size) more = false;
  }
  return Status::Ok();
}

Status ExportQueries::Consultations(const ExportQuery& q, const RowCallback& cb) {
  static const std::string kSql =
      "SELECT id, title, summary, body, language, area, tags, opens_at, closes_at, "
      "published_at, decided_at, updated_at, version FROM consultations "
      "WHERE id > ?1 AND published_at IS NOT NULL AND (?2 IS NULL OR "
      "MAX(updated_at, published_at, COALESCE(decided_at, '')) >= ?2) ORDER BY id LIMIT ?3";
  using K = Cell::Kind;
  static const K kKinds[] = {K::kInteger, K::kString, K::kString, K::kString, K::kString,
                             K::kString,  K::kJson,   K::kString, K::kString, K::kString,
                             K::kString,  K::kString, K::kInteger};
  return Paged(
      kSql, std::nullopt, q,
      [](db::Statement& st, Row& row) {
        row.resize(13);
        for (int i = 0; i < 13; ++i) PutCell(row, i, kKinds[i], st, i);
      },
      cb);
}

Status ExportQueries::Events(const ExportQuery& q, const RowCallback& cb) {
  static const std::string kSql =
      "SELECT seq, at, kind, subject, actor_role, payload, prev_hash, hash FROM events "
      "WHERE seq > ?1 AND (?2 IS NULL OR at >= ?2) ORDER BY seq LIMIT ?3";
  using K = Cell::Kind;
  static const K kKinds[] = {K::kInteger, K::kString, K::kString, K::kString,
                             K::kString,  K::kJson,   K::kString, K::kString};
  return Paged(
      kSql, std::nullopt, q,
      [](db::Statement& st, Row& row) {
        row.resize(8);
        for (int i = 0; i < 8; ++i) PutCell(row, i, kKinds[i], st, i);
      },
      cb);
}

Status ExportQueries::DatasetRows(int64_t dataset_id, const ExportQuery& q, const RowCallback& cb) {
  static const std::string kSql =
      "SELECT row_no, cells FROM dataset_rows WHERE dataset_id = ?4 AND row_no > ?1 AND "
      "(?2 IS NULL OR (SELECT published_at FROM datasets WHERE id = ?4) >= ?2) "
      "ORDER BY row_no LIMIT ?3";
  return Paged(
      kSql, dataset_id, q,
      [](db::Statement& st, Row& row) {
        auto cells = nlohmann::json::parse(st.Text(1), nullptr, false);
        row.resize(cells.is_array() ? cells.size() : 0);
        for (size_t i = 0; i < row.size(); ++i) {
          if (cells[i].is_string()) {
            row[i].kind = Cell::Kind::kString;
            row[i].text = cells[i].get<std::string>();
          } else {
            row[i].kind = Cell::Kind::kNull;
            row[i].text.clear();
          }
        }
      },
      cb);
}

Result<LogPosition> ExportQueries::Head() {
  LogPosition p;
  Status s = db_->Read([&](db::Connection& c) {
    auto& st = c.Prepare(
        "SELECT seq, at, (SELECT at FROM events ORDER BY seq LIMIT 1) FROM events "
        "ORDER BY seq DESC LIMIT 1");
    if (st.Step()) {
      p.seq = st.Int(0);
      p.at = st.Text(1);
      p.first_at = st.Text(2);
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return p;
}

}  // namespace samrad
