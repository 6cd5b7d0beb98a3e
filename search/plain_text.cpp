// PlainText: a line-by-line pass over Markdown, enough for search (the
// pages render with cmark-gfm; this only has to drop what they would not show).
#include "search/plain_text.h"

#include <cctype>

namespace samrad::search {

namespace {
bool IsSpace(char c) { return c == ' ' || c == '\t'; }
bool IsWordByte(char c) { return std::isalnum(static_cast<unsigned char>(c)) || (c & 0x80); }

// The line without its block markers: indentation, ">" quotes, "#"
// headings, "-", "+", "*" and "1." list items, "|" table edges.
std::string StripBlockMarkers(const std::string& line) {
  size_t i = 0;
  for (;;) {
    while (i < line.size() && IsSpace(line[i])) ++i;
    if (i < line.size() && line[i] == '>') {
      ++i;
      continue;
    }
    break;
  }
  size_t hashes = i;
  while (hashes < line.size() && line[hashes] == '#') ++hashes;
  if (hashes > i && (hashes == line.size() || IsSpace(line[hashes]))) i = hashes;
  if (i + 1 < line.size() && (line[i] == '-' || line[i] == '+' || line[i] == '*') && IsSpace(line[i + 1])) i += 2;
  size_t digits = i;
  while (digits < line.size() && std::isdigit(static_cast<unsigned char>(line[digits]))) ++digits;
  if (digits > i && digits + 1 < line.size() && (line[digits] == '.' || line[digits] == ')') &&
      IsSpace(line[digits + 1])) {
    i = digits + 2;
  }
  std::string rest = line.substr(i);
  // A rule or a table's delimiter row ("---", "|---|:--:|") says nothing.
  if (!rest.empty() && rest.find_first_not_of("-*_=|: \t") == std::string::npos &&
      rest.find_first_of("-*_=") != std::string::npos) {
    return "";
  }
  return rest;
}

// Inline markup out of one line.
std::string StripInline(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '\\' && i + 1 < s.size() && std::ispunct(static_cast<unsigned char>(s[i + 1]))) {
      out += s[++i];
    } else if (c == '*' || c == '~' || c == '`') {
      // Emphasis, strike and code markers: never text a reader sees as such.
      // A lone star between spaces ("2 * 3") is kept.
      bool lone = (i == 0 || IsSpace(s[i - 1])) && (i + 1 == s.size() || IsSpace(s[i + 1]));
      if (lone) out += c;
    } else if (c == '_') {
      // Inside a word ("snake_case") an underscore is text.
      bool inner = i > 0 && i + 1 < s.size() && IsWordByte(s[i - 1]) && IsWordByte(s[i + 1]);
      if (inner) out += c;
    } else if (c == '!' && i + 1 < s.size() && s[i + 1] == '[') {
      continue;  // an image: its alternative text follows
    } else if (c == ']' && i + 1 < s.size() && s[i + 1] == '(') {
      size_t close = s.find(')', i + 2);
      if (close == std::string::npos) {
        out += c;
      } else {
        i = close;  // the link's address is not shown
      }
    } else if (c == '[') {
      continue;
    } else if (c == '<' && i + 1 < s.size() && std::isalpha(static_cast<unsigned char>(s[i + 1]))) {
      size_t close = s.find('>', i + 1);
      std::string inner = close == std::string::npos ? "" : s.substr(i + 1, close - i - 1);
      if (inner.find("://") != std::string::npos || inner.find('@') != std::string::npos) {
        out += inner;  // an autolink shows its address
        i = close;
      } else {
        out += c;
      }
    } else if (c == '|') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}
}  // namespace

std::string PlainText(const std::string& markdown) {
  std::string out;
  out.reserve(markdown.size());
  size_t start = 0;
  while (start <= markdown.size()) {
    size_t end = markdown.find('\n', start);
    if (end == std::string::npos) end = markdown.size();
    std::string line = markdown.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::string text = StripInline(StripBlockMarkers(line));
    size_t b = text.find_first_not_of(" \t");
    size_t e = text.find_last_not_of(" \t");
    if (b != std::string::npos) {
      if (!out.empty()) out += '\n';
      out += text.substr(b, e - b + 1);
    }
    start = end + 1;
  }
  return out;
}

}  // namespace samrad::search
