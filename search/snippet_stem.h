// The stemmer a Swedish snippet is marked with: a compound in the text is
// marked when one of its parts is a word of the query, as the index finds
// it by that part ("cykel" marks "cykelbanor").
#pragma once

#include <xapian.h>

#include <set>
#include <string>
#include <vector>

namespace samrad::search {

class SnippetStem : public Xapian::StemImplementation {
 public:
  // query_stems: the stems the query asks for, without prefixes.
  explicit SnippetStem(std::set<std::string> query_stems);

  // The word's stem when the query holds it, else the stem of a compound
  // part the query holds, else the word's stem. Not thread-safe.
  std::string operator()(const std::string& word) override;
  std::string get_description() const override { return "samrad.snippet"; }

 private:
  std::set<std::string> query_stems_;
  std::vector<std::string> keys_;  // the distinct first bytes of the stems
};

// The stems of query's text terms (prefix Z, and title's ZS), without the
// prefixes, for SnippetStem.
std::set<std::string> QueryStems(const Xapian::Query& query);

}  // namespace samrad::search
