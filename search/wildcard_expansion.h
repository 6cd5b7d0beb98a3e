// What a trailing-* word stands for: the indexed stems it begins, all of
// them when there are few, else the most frequent, remembered per index so
// that a short wildcard ("a*", "s*") does not look up the frequency of
// thousands of stems in every search.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace samrad::search {

// How many stems a trailing * expands to, at most: the most frequent ones.
inline constexpr unsigned kMaxWildcardExpansion = 64;

struct WildcardTerms {
  std::vector<std::string> terms;  // prefixed index terms
  // More terms begin with the pattern than kMaxWildcardExpansion: these are
  // the most frequent of them.
  bool limited = false;
};

class WildcardExpansion {
 public:
  // The terms of db beginning with pattern (a prefixed term, e.g. "Zcyk").
  // Up to kMaxWildcardExpansion terms are read afresh each time (cheap: no
  // frequencies needed), so a word written a moment ago is found. Beyond
  // that the most frequent are chosen, which means reading the frequency of
  // every term with the pattern (at a million items, thousands of B-tree
  // reads for "s*"): that choice is kept for index_identity (the folder of
  // the index) until the index holds a sixteenth more or fewer documents
  // than when it was made; a word that becomes one of the most frequent
  // meanwhile is searched for after that. Thread-safe.
  WildcardTerms Expand(const Xapian::Database& db, uint64_t index_identity, const std::string& pattern);

 private:
  struct Chosen {
    uint64_t identity = 0;
    Xapian::doccount doccount = 0;
    std::vector<std::string> terms;
  };
  std::mutex mu_;
  std::unordered_map<std::string, Chosen> chosen_;
};

}  // namespace samrad::search
