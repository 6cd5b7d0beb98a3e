// CompoundSplitter: the dictionary and the split.
#include "search/compound_splitter.h"

#include <xapian.h>

#include <cstdlib>
#include <fstream>

#include "search/text_words.h"

namespace samrad::search {

namespace {
constexpr size_t kMinPartChars = 3;
// Parts beyond this many are not looked for ("kommunstyrelseordförande").
constexpr int kMaxDepth = 3;

bool IsBoundary(const std::string& s, size_t i) { return i == s.size() || !IsUtf8Continuation(s[i]); }

std::unordered_set<std::string> LoadWords(const std::string& path) {
  std::unordered_set<std::string> words;
  std::ifstream in(path, std::ios::binary);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    // Debian's list is ISO-8859-1; a list already in UTF-8 is taken as it is.
    std::string word = Xapian::Unicode::tolower(Latin1ToUtf8(line));
    bool utf8 = false;
    for (unsigned char c : line) utf8 = utf8 || c >= 0x80;
    if (utf8) {
      // Valid UTF-8 reads back through Xapian's iterator without U+FFFD.
      bool valid = true;
      for (Xapian::Utf8Iterator it(line); it != Xapian::Utf8Iterator(); ++it) valid = valid && *it != 0xFFFD;
      if (valid) word = Xapian::Unicode::tolower(line);
    }
    words.insert(std::move(word));
  }
  return words;
}
}  // namespace

std::string Latin1ToUtf8(const std::string& latin1) {
  std::string out;
  out.reserve(latin1.size() + 8);
  for (unsigned char c : latin1) {
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

CompoundSplitter::CompoundSplitter(std::unordered_set<std::string> words) : words_(std::move(words)) {}

const CompoundSplitter& CompoundSplitter::Swedish() {
  static const CompoundSplitter splitter([] {
    const char* env = std::getenv("SAMRAD_COMPOUND_WORDS");
    return LoadWords(env && *env ? env : "/usr/share/dict/swedish");
  }());
  return splitter;
}

std::string CompoundSplitter::HeadForm(const std::string& head) const {
  if (words_.count(head)) return head;
  // A linking s: "bostads|område", "kommun|styrelse" has none.
  if (head.size() > 1 && head.back() == 's' && Utf8Chars(head, 0, head.size() - 1) >= kMinPartChars) {
    std::string bare = head.substr(0, head.size() - 1);
    if (words_.count(bare)) return bare;
  }
  // A dropped final vowel: "skol|gård" from "skola", "kyrk|gård" from
  // "kyrka"; not for three letters ("sam|råd" is no "same").
  if (Utf8Chars(head, 0, head.size()) < kMinPartChars + 1) return "";
  for (const char* vowel : {"a", "e"}) {
    std::string full = head + vowel;
    if (words_.count(full)) return full;
  }
  return "";
}

bool CompoundSplitter::SplitInto(const std::string& word, int depth, std::vector<std::string>& parts) const {
  size_t chars = Utf8Chars(word, 0, word.size());
  if (chars < 2 * kMinPartChars) return false;
  // The heads that leave a tail of a part's length, shortest first.
  std::vector<std::pair<std::string, size_t>> heads;  // dictionary form, cut
  for (size_t cut = 1; cut < word.size(); ++cut) {
    if (!IsBoundary(word, cut) || Utf8Chars(word, 0, cut) < kMinPartChars) continue;
    if (Utf8Chars(word, cut, word.size()) < kMinPartChars) break;
    std::string head = HeadForm(word.substr(0, cut));
    if (!head.empty()) heads.emplace_back(std::move(head), cut);
  }
  // Two parts before three, and of two the longest tail: "förskola" is
  // "för|skola", not "förs|kola"; "kommunstyrelsen" "kommun|styrelsen",
  // not "kom|mun|styrelsen".
  for (const auto& [head, cut] : heads) {
    std::string tail = word.substr(cut);
    if (words_.count(tail)) {
      parts.push_back(head);
      parts.push_back(std::move(tail));
      return true;
    }
  }
  if (depth + 1 >= kMaxDepth) return false;
  for (const auto& [head, cut] : heads) {
    size_t before = parts.size();
    parts.push_back(head);
    if (SplitInto(word.substr(cut), depth + 1, parts)) return true;
    parts.resize(before);
  }
  return false;
}

std::vector<std::string> CompoundSplitter::Split(const std::string& word) const {
  std::vector<std::string> parts;
  if (words_.empty() || !SplitInto(word, 0, parts)) parts.clear();
  return parts;
}

}  // namespace samrad::search
