// Word beginnings: the first characters of the stems, counted in UTF-8.
#include "search/word_beginnings.h"

#include "search/index_schema.h"

namespace samrad::search {

namespace {
constexpr char kMark = '\xff';  // never in UTF-8

// The byte length of word's first kIndexedBeginningChars characters from
// start (all of it when shorter).
size_t BeginningEnd(const std::string& word, size_t start) {
  size_t chars = 0, i = start;
  while (i < word.size()) {
    ++i;
    while (i < word.size() && (static_cast<unsigned char>(word[i]) & 0xC0) == 0x80) ++i;
    if (++chars == kIndexedBeginningChars) break;
  }
  return i;
}

bool IsFieldPrefixChar(char c) { return c >= 'A' && c <= 'Z'; }

// Documents whose kSlotBeginnings value has a beginning.
class BeginningSource : public Xapian::ValuePostingSource {
 public:
  explicit BeginningSource(std::string beginning)
      : Xapian::ValuePostingSource(kSlotBeginnings), needle_(kMark + beginning) {}

  void init(const Xapian::Database& db) override {
    Xapian::ValuePostingSource::init(db);
    // An estimate as high as can be, so that the words lead the matcher.
    set_termfreq_min(0);
  }
  void next(double min_wt) override {
    Xapian::ValuePostingSource::next(min_wt);
    SkipOthers(min_wt);
  }
  void skip_to(Xapian::docid did, double min_wt) override {
    Xapian::ValuePostingSource::skip_to(did, min_wt);
    SkipOthers(min_wt);
  }
  bool check(Xapian::docid did, double min_wt) override {
    if (!Xapian::ValuePostingSource::check(did, min_wt)) return false;
    if (!at_end() && get_docid() == did && !Accepted()) return false;  // next() moves past it
    SkipOthers(min_wt);
    return true;
  }
  Xapian::PostingSource* clone() const override { return new BeginningSource(needle_.substr(1)); }
  std::string name() const override { return "samrad.BeginningSource"; }

 private:
  bool Accepted() const { return get_value().find(needle_) != std::string::npos; }
  void SkipOthers(double min_wt) {
    while (!at_end() && !Accepted()) Xapian::ValuePostingSource::next(min_wt);
  }
  std::string needle_;
};
}  // namespace

std::string BeginningsValue(const Xapian::Document& doc) {
  const std::string stemmed = kPrefixStemmed;
  std::string value, last;
  auto it = doc.termlist_begin();
  it.skip_to(stemmed);
  for (; it != doc.termlist_end(); ++it) {
    const std::string& term = *it;
    if (term.compare(0, stemmed.size(), stemmed) != 0) break;
    if (term.size() <= stemmed.size() || IsFieldPrefixChar(term[stemmed.size()])) continue;
    size_t end = BeginningEnd(term, stemmed.size());
    // Terms come sorted, so a beginning repeats only right after itself.
    if (term.compare(stemmed.size(), end - stemmed.size(), last) == 0) continue;
    last.assign(term, stemmed.size(), end - stemmed.size());
    value += kMark;
    value += last;
  }
  return value;
}

bool BeginningIndexed(const std::string& beginning) {
  return !beginning.empty() && BeginningEnd(beginning, 0) == beginning.size();
}

bool HasBeginning(const std::string& value, const std::string& beginning) {
  return value.find(kMark + beginning) != std::string::npos;
}

Xapian::Query BeginningFilter(const std::string& beginning) {
  return Xapian::Query((new BeginningSource(beginning))->release());
}

}  // namespace samrad::search
