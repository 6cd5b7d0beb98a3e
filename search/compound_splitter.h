// Swedish compounds ("cykelbana" = "cykel" + "bana") split into the words of
// a dictionary, so that the index can hold the parts beside the whole word.
#pragma once

#include <string>
#include <unordered_set>
#include <vector>

namespace samrad::search {

class CompoundSplitter {
 public:
  // A splitter over words, one a line, lower-case UTF-8 expected.
  explicit CompoundSplitter(std::unordered_set<std::string> words);

  // The process's splitter over the Swedish word list: the file named by
  // SAMRAD_COMPOUND_WORDS, else /usr/share/dict/swedish (Debian's wswedish,
  // ISO-8859-1, converted as read); with no such file it splits nothing.
  // Loaded once, on first use. Thread-safe.
  static const CompoundSplitter& Swedish();

  // The parts of word (lower-case UTF-8) as they stand in the dictionary,
  // head first, or nothing when it is not a compound of them. A part has at
  // least 3 characters; a head may end in a linking s ("bostadsområde") or
  // lack its final a or e ("skolgård"), and is then given in its dictionary
  // form. Two parts win over three, and of two the shortest head whose
  // tail is a word. Thread-safe.
  std::vector<std::string> Split(const std::string& word) const;

  size_t size() const { return words_.size(); }

 private:
  // The dictionary form of head, or "" when it is none.
  std::string HeadForm(const std::string& head) const;
  bool SplitInto(const std::string& word, int depth, std::vector<std::string>& parts) const;

  std::unordered_set<std::string> words_;
};

// ISO-8859-1 text as UTF-8.
std::string Latin1ToUtf8(const std::string& latin1);

}  // namespace samrad::search
