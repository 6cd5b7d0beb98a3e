// SnippetStem: compound parts marked in snippets.
#include "search/snippet_stem.h"

#include <algorithm>

#include "search/index_schema.h"

namespace samrad::search {

namespace {
// The beginning of a stem that a word must hold somewhere to stem to it or
// to have it as a compound part: stemming only changes a word's end, and a
// part's stem begins as the part does.
constexpr size_t kKeyBytes = 3;
}  // namespace

SnippetStem::SnippetStem(std::set<std::string> query_stems) : query_stems_(std::move(query_stems)) {
  for (const auto& stem : query_stems_) {
    std::string key = stem.substr(0, kKeyBytes);
    if (std::find(keys_.begin(), keys_.end(), key) == keys_.end()) keys_.push_back(std::move(key));
  }
}

std::string SnippetStem::operator()(const std::string& word) {
  // Most words of a text hold no query stem's beginning: they are no hit
  // whatever their stem, and returning them as they are (never a query
  // stem, or a key would be in them) spares stemming and splitting them,
  // which was most of a search's time.
  bool may_hit = false;
  for (const auto& key : keys_) may_hit = may_hit || word.find(key) != std::string::npos;
  if (!may_hit) return word;
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
