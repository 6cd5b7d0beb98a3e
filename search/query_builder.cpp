// Query parsing.
#include "search/query_builder.h"

#include <algorithm>
#include <set>

#include "search/index_schema.h"
#include "search/stop_words.h"
#include "search/text_words.h"
#include "search/word_beginnings.h"

namespace samrad::search {

namespace {
const std::set<std::string> kSwedishWords = {
    "och", "att", "det", "som", "en", "ett", "på", "är", "för", "med", "av", "till", "den",
    "inte", "om", "vi", "de", "har", "kan", "ska", "från", "eller", "vid", "nya", "ny"};
const std::set<std::string> kEnglishWords = {
    "the", "and", "of", "to", "for", "with", "is", "are", "on", "by", "from", "new", "or",
    "this", "that", "an", "be", "will", "about", "what", "how", "when", "which"};

// The query syntax's operators (upper case only, as the parser reads them).
bool IsOperator(const std::string& word) {
  static const std::set<std::string> kOperators = {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"};
  return kOperators.count(word) > 0;
}

constexpr unsigned kFlags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD |
                            Xapian::QueryParser::FLAG_PURE_NOT;

Xapian::QueryParser MakeParser(const std::string& language, const Xapian::Database& db) {
  Xapian::QueryParser qp;
  qp.set_database(db);
  qp.set_stemmer(StemmerFor(language));
  // Documents hold only stemmed terms, with positions, all under Z (see
  // BuildDocument). Stemming everything with Z as the prefix of every field
  // gives the same terms, and makes wildcards expand over those stems.
  qp.set_stemming_strategy(Xapian::QueryParser::STEM_ALL);
  qp.add_prefix("", kPrefixStemmed);
  // Function words are not in the index: an AND query must not demand them.
  qp.set_stopper(&StopperFor(language));
  qp.set_default_op(Xapian::Query::OP_AND);
  qp.add_prefix("title", std::string(kPrefixStemmed) + kPrefixTitle);
  qp.add_prefix("ref", std::string(kPrefixStemmed) + kPrefixRef);
  // A short wildcard like "a*" must not expand to the whole vocabulary.
  qp.set_max_expansion(kMaxWildcardExpansion, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
  return qp;
}

// The lower-case beginnings of q's wildcard words ("Cykel*" gives "cykel").
std::vector<std::string> WildcardPrefixes(const std::string& q) {
  std::vector<std::string> out;
  std::string word;
  for (Xapian::Utf8Iterator it(q); it != Xapian::Utf8Iterator(); ++it) {
    unsigned ch = *it;
    if (Xapian::Unicode::is_wordchar(ch)) {
      Xapian::Unicode::append_utf8(word, Xapian::Unicode::tolower(ch));
      continue;
    }
    if (ch == '*' && !word.empty()) out.push_back(word);
    word.clear();
  }
  return out;
}

// The words only, for text the full syntax rejects (e.g. "AND (" or a lone *).
Xapian::Query PlainTerms(Xapian::QueryParser& qp, const std::string& q) {
  std::string plain;
  for (const auto& w : Words(q, false)) {
    if (!IsOperator(w)) plain += w + " ";
  }
  if (plain.empty()) return Xapian::Query();  // matches nothing
  try {
    return qp.parse_query(plain, 0);
  } catch (const Xapian::QueryParserError&) {
    return Xapian::Query();  // matches nothing
  }
}
}  // namespace

std::vector<std::string> QueryLanguages(const std::string& q, const std::optional<std::string>& lang) {
  if (lang) return {*lang};
  bool sv = false, en = false;
  for (const auto& original : Words(q, false)) {
    if (IsOperator(original)) continue;
    std::string w = Xapian::Unicode::tolower(original);
    if (w.find("å") != std::string::npos || w.find("ä") != std::string::npos ||
        w.find("ö") != std::string::npos || kSwedishWords.count(w)) {
      sv = true;
    }
    if (kEnglishWords.count(w)) en = true;
  }
  if (sv && !en) return {"sv"};
  if (en && !sv) return {"en"};
  return {"sv", "en"};
}

std::optional<PlainWildcards> SplitPlainWildcards(const std::string& q) {
  PlainWildcards out;
  std::string word;  // as typed
  bool star = false;
  auto end_word = [&]() {
    if (word.empty()) return !star;  // a lone *
    if (IsOperator(word)) return false;
    if (star) {
      out.prefixes.push_back(Xapian::Unicode::tolower(word));
    } else {
      out.words += (out.words.empty() ? "" : " ") + word;
    }
    word.clear();
    star = false;
    return true;
  };
  for (Xapian::Utf8Iterator it(q); it != Xapian::Utf8Iterator(); ++it) {
    unsigned ch = *it;
    if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n') {
      if (!end_word()) return std::nullopt;
    } else if (star || !(Xapian::Unicode::is_wordchar(ch) || ch == '*')) {
      return std::nullopt;  // other syntax, or text after a *
    } else if (ch == '*') {
      star = true;
    } else {
      Xapian::Unicode::append_utf8(word, ch);
    }
  }
  if (!end_word()) return std::nullopt;
  return out;
}

namespace {
// True when every match of words has a stem that begins with prefix: in
// each language's query, one of the words it demands (a term alone or in
// an AND of terms) begins so, e.g. "ko" beside "kommun". Such a wildcard
// selects nothing, and checking it would cost a read per match.
bool ImpliedBy(const std::vector<Xapian::Query>& words, const std::string& prefix) {
  const std::string stem = kPrefixStemmed + prefix;
  auto begins = [&](const Xapian::Query& q) {
    if (q.get_type() != Xapian::Query::LEAF_TERM) return false;
    std::string term = *q.get_unique_terms_begin();
    return term.compare(0, stem.size(), stem) == 0;
  };
  auto demands = [&](const Xapian::Query& q) {
    if (begins(q)) return true;
    if (q.get_type() != Xapian::Query::OP_AND) return false;
    for (size_t i = 0; i < q.get_num_subqueries(); ++i) {
      if (begins(q.get_subquery(i))) return true;
    }
    return false;
  };
  return !words.empty() && std::all_of(words.begin(), words.end(), demands);
}

// The stems of pattern when they are at most kMaxWildcardExpansion and in
// at most kFewMatches documents together; nullopt otherwise (read no
// further than that).
constexpr Xapian::doccount kFewMatches = 10000;
std::optional<std::vector<std::string>> FewRareStems(const Xapian::Database& db, const std::string& pattern) {
  std::vector<std::string> out;
  Xapian::doccount documents = 0;
  for (auto it = db.allterms_begin(pattern); it != db.allterms_end(pattern); ++it) {
    documents += it.get_termfreq();
    if (out.size() == kMaxWildcardExpansion || documents > kFewMatches) return std::nullopt;
    out.push_back(*it);
  }
  return out;
}

// q as plain words and trailing-* words (see BuildQuery).
ParsedQuery BuildPlainWildcards(const PlainWildcards& plain, const std::vector<std::string>& languages,
                                const Xapian::Database& db, WildcardExpansion& expansion,
                                uint64_t index_identity, bool beginnings) {
  ParsedQuery out;
  std::vector<Xapian::Query> words;
  for (const auto& language : languages) {
    // Function words are left out here: alone, the parser would keep them
    // (and they are not indexed, so nothing would match).
    std::string text;
    for (const auto& w : Words(plain.words, false)) {
      if (!StopperFor(language)(Xapian::Unicode::tolower(w))) text += w + " ";
    }
    if (text.empty()) continue;
    auto qp = MakeParser(language, db);
    Xapian::Query parsed;
    try {
      parsed = qp.parse_query(text, kFlags);
    } catch (const Xapian::QueryParserError&) {
      parsed = PlainTerms(qp, text);
    }
    if (!parsed.empty()) words.push_back(parsed);
  }
  std::vector<Xapian::Query> wildcards;
  for (const auto& prefix : plain.prefixes) {
    if (ImpliedBy(words, prefix)) continue;
    // Beside words, which lead the matcher, a short wildcard is checked in
    // each of their matches' beginnings value, unless it begins only a few
    // rare stems (a typing slip such as "kx*"), whose lists are cheaper.
    if (beginnings && !words.empty() && BeginningIndexed(prefix)) {
      if (auto few = FewRareStems(db, kPrefixStemmed + prefix)) {
        wildcards.emplace_back(Xapian::Query::OP_OR, few->begin(), few->end());
      } else {
        out.checked_beginnings.push_back(prefix);
      }
      continue;
    }
    WildcardTerms terms = expansion.Expand(db, index_identity, kPrefixStemmed + prefix);
    out.wildcard_limited = out.wildcard_limited || terms.limited;
    wildcards.emplace_back(Xapian::Query::OP_OR, terms.terms.begin(), terms.terms.end());
  }
  auto filtered = [](const Xapian::Query& q, const std::vector<Xapian::Query>& by) {
    return by.empty() ? q : Xapian::Query(Xapian::Query::OP_FILTER, q, Xapian::Query(Xapian::Query::OP_AND, by.begin(), by.end()));
  };
  if (words.empty()) {
    Xapian::Query selected(Xapian::Query::OP_AND, wildcards.begin(), wildcards.end());
    out.query = Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, selected, 0.0);
    return out;
  }
  Xapian::Query ranked = words.size() == 1 ? words[0] : Xapian::Query(Xapian::Query::OP_OR, words.begin(), words.end());
  out.lead = filtered(ranked, wildcards);
  for (const auto& prefix : out.checked_beginnings) wildcards.push_back(BeginningFilter(prefix));
  out.query = filtered(ranked, wildcards);
  return out;
}
}  // namespace

ParsedQuery BuildQuery(const std::string& q, const std::vector<std::string>& languages,
                       const Xapian::Database& db, WildcardExpansion* expansion, uint64_t index_identity,
                       bool beginnings) {
  if (expansion) {
    auto plain = SplitPlainWildcards(q);
    if (plain && !plain->prefixes.empty()) {
      return BuildPlainWildcards(*plain, languages, db, *expansion, index_identity, beginnings);
    }
  }
  ParsedQuery out;
  std::vector<Xapian::Query> parts;
  for (size_t i = 0; i < languages.size(); ++i) {
    auto qp = MakeParser(languages[i], db);
    try {
      parts.push_back(qp.parse_query(WithoutStopWordsInPhrases(q, StopperFor(languages[i])), kFlags));
    } catch (const Xapian::QueryParserError&) {
      parts.push_back(PlainTerms(qp, q));
    }
  }
  out.query = parts.size() == 1 ? parts[0] : Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
  std::vector<std::string> prefixes = WildcardPrefixes(q);
  if (prefixes.empty()) return out;
  // Wildcards have no terms of their own until the matcher expands them.
  if (!out.query.empty() && out.query.get_unique_terms_begin() == out.query.get_unique_terms_end()) {
    out.query = Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, out.query, 0.0);
  }
  for (const auto& prefix : prefixes) {
    unsigned n = 0;
    std::string stems = kPrefixStemmed + prefix;
    for (auto it = db.allterms_begin(stems); it != db.allterms_end(stems) && n <= kMaxWildcardExpansion; ++it) ++n;
    out.wildcard_limited = out.wildcard_limited || n > kMaxWildcardExpansion;
  }
  return out;
}

bool OnlyStopWords(const std::string& q, const std::vector<std::string>& languages) {
  bool any = false;
  for (const auto& original : Words(q, false)) {
    if (IsOperator(original)) continue;
    std::string w = Xapian::Unicode::tolower(original);
    bool stopped = false;
    for (const auto& language : languages) stopped = stopped || StopperFor(language)(w);
    if (!stopped) return false;
    any = true;
  }
  return any;
}

bool EveryWordIndexed(const std::string& q, const std::vector<std::string>& languages, const Xapian::Database& db) {
  bool any = false;
  for (const auto& original : Words(q, false)) {
    if (IsOperator(original)) continue;
    std::string w = Xapian::Unicode::tolower(original);
    bool found = false;
    for (const auto& language : languages) {
      found = found || StopperFor(language)(w) || db.term_exists(kPrefixStemmed + StemmerFor(language)(w));
    }
    if (!found) return false;
    any = true;
  }
  return any;
}

std::string CorrectedQuery(const std::string& q, const Xapian::Database& db) {
  // Xapian corrects only words of no prefix, against the spelling data
  // (words as written): a parser without the stemmed prefix, whose query
  // is not run.
  Xapian::QueryParser qp;
  qp.set_database(db);
  try {
    qp.parse_query(q, kFlags | Xapian::QueryParser::FLAG_SPELLING_CORRECTION);
    std::string corrected = qp.get_corrected_query_string();
    return corrected == q ? "" : corrected;
  } catch (const Xapian::QueryParserError&) {
    return "";
  }
}

}  // namespace samrad::search
