// A thin RAII layer over SQLite: connections with cached prepared statements.
// Errors throw DbError; Database turns them into a Status at its edge.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>

namespace samrad::db {

class DbError : public std::runtime_error {
 public:
  DbError(int code, const std::string& what) : std::runtime_error(what), code_(code) {}
  int code() const { return code_; }
  bool constraint() const { return (code_ & 0xff) == SQLITE_CONSTRAINT; }
  bool busy() const { return (code_ & 0xff) == SQLITE_BUSY; }

 private:
  int code_;
};

// A prepared statement. Parameters are numbered from 1, columns from 0.
// Not thread-safe: it belongs to one connection.
class Statement {
 public:
  Statement(sqlite3* db, const std::string& sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& Bind(int i, int64_t v);
  Statement& Bind(int i, int v) { return Bind(i, static_cast<int64_t>(v)); }
  Statement& Bind(int i, const std::string& v);
  Statement& Bind(int i, const char* v) { return Bind(i, std::string(v)); }
  Statement& BindNull(int i);
  Statement& Bind(int i, const std::optional<std::string>& v) {
    return v ? Bind(i, *v) : BindNull(i);
  }
  Statement& Bind(int i, const std::optional<int64_t>& v) { return v ? Bind(i, *v) : BindNull(i); }

  // Advances to the next row: true when there is one.
  bool Step();
  // Runs a statement that returns no rows.
  void Run() {
    while (Step()) {
    }
  }
  void Reset();

  int64_t Int(int col) const;
  std::string Text(int col) const;
  std::optional<std::string> OptText(int col) const;
  std::optional<int64_t> OptInt(int col) const;
  bool IsNull(int col) const;
  // True when the column holds an integer value (not text, real or NULL).
  bool IsInteger(int col) const;
  // The column's text without a copy: valid until the next Step or Reset;
  // empty for NULL.
  std::string_view View(int col) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

// One SQLite connection. Not thread-safe: one thread at a time.
class Connection {
 public:
  // Opens (creating when asked) the file and applies the house pragmas.
  static std::unique_ptr<Connection> Open(const std::string& path, bool create);
  ~Connection();

  // A cached prepared statement, reset and with its bindings cleared.
  Statement& Prepare(const std::string& sql);
  // Runs one or more statements without results.
  void Exec(const std::string& sql);
  // Resets every cached statement, so none keeps a snapshot open.
  void ResetAll();
  int64_t LastInsertId() const { return sqlite3_last_insert_rowid(db_); }
  int Changes() const { return sqlite3_changes(db_); }
  sqlite3* raw() const { return db_; }

 private:
  explicit Connection(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  std::unordered_map<std::string, std::unique_ptr<Statement>> cache_;
};

}  // namespace samrad::db
