// Wildcard rewriting and expansion.
#include "search/wildcard_terms.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "search/index_schema.h"
#include "search/text_words.h"

namespace samrad::search {

namespace {
// Where a rewritten wildcard may start: what the parser reads as the start
// of a term, not the middle of one (at&t*) or a field value (title:x*).
bool StartsTerm(const std::string& q, size_t pos) {
  if (pos == 0) return true;
  char before = q[pos - 1];
  return before == ' ' || before == '\t' || before == '\n' || before == '(' || before == '+' ||
         before == '-';
}
}  // namespace

std::string WildcardsAsField(const std::string& q) {
  std::string out;
  out.reserve(q.size() + 32);
  const Xapian::Utf8Iterator end;
  auto offset = [&](const Xapian::Utf8Iterator& it) {
    return it == end ? q.size() : static_cast<size_t>(it.raw() - q.data());
  };
  bool quoted = false;
  for (Xapian::Utf8Iterator it(q); it != end;) {
    size_t start = offset(it);
    if (!Xapian::Unicode::is_wordchar(*it)) {
      if (IsQuote(*it)) quoted = !quoted;
      ++it;
      out.append(q, start, offset(it) - start);
      continue;
    }
    while (it != end && Xapian::Unicode::is_wordchar(*it)) ++it;
    size_t stop = offset(it);
    out.append(q, start, stop - start);
    if (quoted || it == end || *it != '*' || !StartsTerm(q, start)) continue;
    Xapian::Utf8Iterator after = it;
    ++after;
    // cykel*bana is not a wildcard to the parser either.
    if (after != end && Xapian::Unicode::is_wordchar(*after)) continue;
    out.resize(out.size() - (stop - start));
    out += kWildcardField;
    out += ':';
    out.append(q, start, stop - start);
    it = after;  // the * is dropped
  }
  return out;
}

Xapian::Query WildcardExpander::operator()(const std::string& word) {
  std::string prefix = std::string(kPrefixStemmed) + Xapian::Unicode::tolower(word);
  std::vector<std::pair<Xapian::doccount, std::string>> terms;
  for (auto t = db_.allterms_begin(prefix); t != db_.allterms_end(prefix); ++t) {
    terms.emplace_back(t.get_termfreq(), *t);
  }
  size_t keep = std::min(terms.size(), kMaxWildcardTerms);
  std::partial_sort(terms.begin(), terms.begin() + static_cast<std::ptrdiff_t>(keep), terms.end(),
                    [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<std::string> chosen;
  for (size_t i = 0; i < keep; ++i) chosen.push_back(std::move(terms[i].second));
  if (chosen.empty()) return Xapian::Query::MatchNothing;
  return Xapian::Query(Xapian::Query::OP_SYNONYM, chosen.begin(), chosen.end());
}

}  // namespace samrad::search
