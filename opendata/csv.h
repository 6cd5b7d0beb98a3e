// CSV per RFC 4180: writing fields with the right quoting, and reading
// uploaded files record by record with errors that name the line.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace samrad::opendata {

// Appends one field, quoted when it holds a comma, quote, CR or LF (quotes
// doubled), or leading/trailing space; control characters other than tab,
// CR and LF are dropped. Pure.
void AppendCsvField(std::string& out, std::string_view field);
// The field for "CSV för Excel" (; between fields): control characters
// dropped, and text a spreadsheet would run as a formula (starting with =,
// +, -, @, tab or CR, but not a plain number like -12.5) prefixed with ',
// quoted when it holds ; " CR or LF or leading/trailing space. Pure.
void AppendExcelField(std::string& out, std::string_view field);

// "a, b,,c" -> {"a", "b", "c"}: items trimmed of spaces, empty ones dropped.
// For parameter lists (keywords, field names), not CSV records. Pure.
std::vector<std::string> SplitCommaList(std::string_view text);

// Index of the first byte that is not valid UTF-8, or nullopt. Pure.
std::optional<size_t> FindInvalidUtf8(std::string_view text);
// The 1-based line number of a byte offset. Pure.
int64_t LineOf(std::string_view text, size_t offset);

// Reads records from UTF-8 text (a leading BOM skipped; CRLF or LF). Not
// thread-safe; the text must outlive the reader.
class CsvReader {
 public:
  explicit CsvReader(std::string_view text);
  // The next record's fields: false at the end or on an error (see error()).
  bool Next(std::vector<std::string>* fields);
  // Why reading stopped early, naming the line; empty at a clean end.
  const std::string& error() const { return error_; }
  // The line on which the last record returned started.
  int64_t record_line() const { return record_line_; }

 private:
  bool Fail(const std::string& what);
  std::string_view text_;
  size_t pos_ = 0;
  int64_t line_ = 1;
  int64_t record_line_ = 0;
  std::string error_;
};

}  // namespace samrad::opendata
