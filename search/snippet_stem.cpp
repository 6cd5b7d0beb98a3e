// SnippetStem: compound parts marked in snippets.
#include "search/snippet_stem.h"

#include "search/index_schema.h"

namespace samrad::search {

std::string SnippetStem::operator()(const std::string& word) {
  std::string stem = StemmerFor("sv")(word);
  if (query_stems_.count(stem)) return stem;
  for (const auto& part : CompoundStems(word)) {
    if (query_stems_.count(part)) return part;
  }
  return stem;
}

std::set<std::string> QueryStems(const Xapian::Query& query) {
  std::set<std::string> stems;
  const std::string title = std::string(kPrefixStemmed) + kPrefixTitle;
  for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it) {
    const std::string& term = *it;
    if (term.rfind(title, 0) == 0) {
      stems.insert(term.substr(title.size()));
    } else if (term.rfind(kPrefixStemmed, 0) == 0) {
      stems.insert(term.substr(1));
    }
  }
  return stems;
}

}  // namespace samrad::search
