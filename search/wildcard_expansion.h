// What a trailing-* word stands for: the indexed stems it begins, all of
// them when there are few, else the most frequent, remembered per index so
// that a short wildcard ("a*", "s*") does not look up the frequency of
// thousands of stems in every search. The choices for every pattern of one
// or two characters are made ahead, in one walk over the stems on a
// thread of their own, when an index is opened and when it has moved.
#pragma once

#include <xapian.h>

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
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
  WildcardExpansion() = default;
  WildcardExpansion(const WildcardExpansion&) = delete;
  WildcardExpansion& operator=(const WildcardExpansion&) = delete;
  // Stops a walk under way and waits for it.
  ~WildcardExpansion();

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

  // Makes the choices for every pattern of the stemmed prefix (and a field
  // prefix after it) and one or two characters that begins more than
  // kMaxWildcardExpansion stems, in one walk over them, as Expand would
  // make each. Returns false when stop was set before the end.
  bool Prepare(const Xapian::Database& db, uint64_t index_identity, const std::atomic<bool>& stop);

  // Starts Prepare on a thread of its own over the index in dir unless it
  // was prepared for index_identity at about doccount documents (within a
  // sixteenth) or a walk is under way. Cheap otherwise. Thread-safe.
  void PrepareAhead(const std::string& dir, uint64_t index_identity, Xapian::doccount doccount);

 private:
  struct Chosen {
    uint64_t identity = 0;
    Xapian::doccount doccount = 0;
    std::vector<std::string> terms;
  };
  void Keep(const std::string& pattern, Chosen chosen);

  std::mutex mu_;
  std::unordered_map<std::string, Chosen> chosen_;
  // The walk ahead: what it was started for (written under mu_, read
  // without it by each search first), and its thread.
  std::atomic<uint64_t> ahead_identity_{0};
  std::atomic<Xapian::doccount> ahead_doccount_{0};
  std::thread ahead_;
  std::atomic<bool> walking_{false};
  std::atomic<bool> stop_{false};
};

}  // namespace samrad::search
