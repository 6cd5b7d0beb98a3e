// CSV writing and reading.
#include "opendata/csv.h"

#include <algorithm>
#include <cctype>
#include <cstring>

#include "core/text_rules.h"

namespace samrad::opendata {

namespace {
constexpr uint64_t kOnes = 0x0101010101010101ull;
// Nonzero when one of the eight bytes of x is b (exact: no false hits).
constexpr uint64_t HasByte(uint64_t x, unsigned char b) {
  uint64_t v = x ^ (kOnes * b);
  return (v - kOnes) & ~v & (kOnes << 7);
}

// Nonzero when one of the eight bytes of x is below 0x20 or is DEL.
constexpr uint64_t HasControl(uint64_t x) {
  return ((x - kOnes * 0x20) & ~x & (kOnes << 7)) | HasByte(x, 0x7F);
}

bool IsSpecial(char c) { return c == ',' || c == '"' || c == '\n' || c == '\r'; }

// True when f may hold a control character (tab, CR and LF included): the
// fast check before the exact one.
bool MayHoldControl(std::string_view f) {
  size_t i = 0;
  for (; i + 8 <= f.size(); i += 8) {
    uint64_t x;
    std::memcpy(&x, f.data() + i, 8);
    if (HasControl(x)) return true;
  }
  return std::any_of(f.begin() + i, f.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x20 || c == 0x7F;
  });
}

// Text a spreadsheet would run as a formula: = + - @ first, or a tab or CR
// that some programs skip before reading the = after it.
bool LooksLikeFormula(std::string_view f) {
  if (f.empty() || std::string_view("=+-@\t\r").find(f.front()) == std::string_view::npos) {
    return false;
  }
  // A plain number such as -12.5 or +46 stays a number.
  size_t i = 1, digits = 0;
  while (i < f.size() && (std::isdigit(static_cast<unsigned char>(f[i])) || f[i] == '.')) {
    digits += f[i] != '.';
    ++i;
  }
  return !(f.front() == '-' || f.front() == '+') || digits == 0 || i != f.size();
}

// Eight bytes per step: this scan is most of the cost of a large CSV export.
bool NeedsQuotes(std::string_view f) {
  if (f.empty()) return false;
  if (f.front() == ' ' || f.back() == ' ') return true;
  size_t i = 0;
  for (; i + 8 <= f.size(); i += 8) {
    uint64_t x;
    std::memcpy(&x, f.data() + i, 8);
    if (HasByte(x, ',') | HasByte(x, '"') | HasByte(x, '\n') | HasByte(x, '\r')) return true;
  }
  return std::any_of(f.begin() + i, f.end(), IsSpecial);
}
}  // namespace

void AppendCsvField(std::string& out, std::string_view f) {
  // Stored text is checked at input, but older rows and imports may hold a
  // NUL or other control byte: no CSV carries one.
  if (MayHoldControl(f) && FindControlChar(f, true)) {
    AppendCsvField(out, StripControlChars(f));
    return;
  }
  if (!NeedsQuotes(f)) {
    out.append(f);
    return;
  }
  out.push_back('"');
  // Runs between quotes are copied whole; each quote is doubled.
  for (size_t q; (q = f.find('"')) != std::string_view::npos; f.remove_prefix(q + 1)) {
    out.append(f.substr(0, q + 1)).push_back('"');
  }
  out.append(f).push_back('"');
}

void AppendExcelField(std::string& out, std::string_view field) {
  std::string f = StripControlChars(field);
  if (LooksLikeFormula(f)) f.insert(0, 1, '\'');
  bool quote = f.find_first_of(";\"\n\r") != std::string::npos ||
               (!f.empty() && (f.front() == ' ' || f.back() == ' '));
  if (!quote) {
    out += f;
    return;
  }
  out.push_back('"');
  for (char c : f) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

std::vector<std::string> SplitCommaList(std::string_view text) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i <= text.size()) {
    size_t j = std::min(text.find(',', i), text.size());
    std::string_view item = text.substr(i, j - i);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (!item.empty()) out.emplace_back(item);
    i = j + 1;
  }
  return out;
}

std::optional<size_t> FindInvalidUtf8(std::string_view s) {
  size_t i = 0;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  while (i < s.size()) {
    unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t n;
    uint32_t cp;
    if ((c & 0xE0) == 0xC0) {
      n = 1, cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2, cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3, cp = c & 0x07;
    } else {
      return i;
    }
    for (size_t k = 1; k <= n; ++k) {
      if (i + k >= s.size() || (p[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
    if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
        (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
      return i;
    }
    i += n + 1;
  }
  return std::nullopt;
}

int64_t LineOf(std::string_view text, size_t offset) {
  int64_t line = 1;
  for (size_t i = 0; i < offset && i < text.size(); ++i) line += text[i] == '\n';
  return line;
}

CsvReader::CsvReader(std::string_view text) : text_(text) {
  if (text_.starts_with("\xEF\xBB\xBF")) pos_ = 3;
}

bool CsvReader::Fail(const std::string& what) {
  error_ = "line " + std::to_string(line_) + ": " + what;
  return false;
}

bool CsvReader::Next(std::vector<std::string>* fields) {
  fields->clear();
  if (!error_.empty() || pos_ >= text_.size()) return false;
  record_line_ = line_;
  std::string field;
  bool quoted = false;      // inside a quoted field
  bool was_quoted = false;  // the current field began with a quote
  while (pos_ < text_.size()) {
    char c = text_[pos_++];
    if (c == '\0' ||
        (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\r' && c != '\t')) {
      return Fail("binary data (control byte 0x" +
                  std::string(1, "0123456789abcdef"[(c >> 4) & 15]) +
                  std::string(1, "0123456789abcdef"[c & 15]) + "); upload a UTF-8 text CSV");
    }
    if (quoted) {
      if (c == '"') {
        if (pos_ < text_.size() && text_[pos_] == '"') {
          field.push_back('"');
          ++pos_;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line_;
        field.push_back(c);
      }
      continue;
    }
    if (c == '"') {
      if (!field.empty() || was_quoted) return Fail("a quote inside an unquoted field");
      quoted = was_quoted = true;
    } else if (c == ',') {
      fields->push_back(std::move(field));
      field.clear();
      was_quoted = false;
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
      ++line_;
      fields->push_back(std::move(field));
      return true;
    } else {
      if (was_quoted) return Fail("text after the closing quote of a field");
      field.push_back(c);
    }
  }
  if (quoted) {
    line_ = record_line_;
    return Fail("a quoted field is never closed");
  }
  fields->push_back(std::move(field));
  return true;
}

}  // namespace samrad::opendata
