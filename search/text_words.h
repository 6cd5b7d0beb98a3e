// Splitting text into words by Xapian's Unicode rules, shared by the query
// builder (language detection) and the index (spelling data).
#pragma once

#include <string>
#include <vector>

namespace samrad::search {

// The words of text in order (runs of word characters), lower-cased unless
// lower is false. Thread-safe.
std::vector<std::string> Words(const std::string& text, bool lower = true);

// Whether ch opens or closes a phrase for the query parser: " and the
// typographic quotes.
inline bool IsQuote(unsigned ch) { return ch == '"' || ch == 0x201C || ch == 0x201D; }

// UTF-8 by bytes, for text that is valid UTF-8 (Xapian's terms, stored
// text): a character is its first byte and the continuation bytes after it.
inline bool IsUtf8Continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Where the character that begins at pos of s ends (s.size() at most).
inline size_t Utf8CharEnd(const std::string& s, size_t pos) {
  size_t end = pos + 1;
  while (end < s.size() && IsUtf8Continuation(s[end])) ++end;
  return end;
}

// The characters of s's bytes [from, to).
inline size_t Utf8Chars(const std::string& s, size_t from, size_t to) {
  size_t n = 0;
  for (size_t i = from; i < to; ++i) n += !IsUtf8Continuation(s[i]);
  return n;
}

// The largest character boundary of s at or below pos (pos < s.size()).
inline size_t Utf8BoundaryAtOrBefore(const std::string& s, size_t pos) {
  while (pos > 0 && IsUtf8Continuation(s[pos])) --pos;
  return pos;
}

}  // namespace samrad::search
