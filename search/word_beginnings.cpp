// Word beginnings: the first characters of the stems, counted in UTF-8.
#include "search/word_beginnings.h"

#include <utility>
#include <vector>

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

// The bit of the character at pos in kSlotInitials: a-z, 0-9, å, ä, ö, é
// and ü have one each, any other shares kOtherInitial.
constexpr int kOtherInitial = 63;
int InitialBit(const std::string& s, size_t pos) {
  auto c = static_cast<unsigned char>(s[pos]);
  if (c >= 'a' && c <= 'z') return c - 'a';
  if (c >= '0' && c <= '9') return 26 + (c - '0');
  if (c == 0xC3 && pos + 1 < s.size()) {
    static const unsigned char kSecond[] = {0xA5, 0xA4, 0xB6, 0xA9, 0xBC};  // å ä ö é ü
    for (int i = 0; i < 5; ++i) {
      if (static_cast<unsigned char>(s[pos + 1]) == kSecond[i]) return 36 + i;
    }
  }
  return kOtherInitial;
}

// Where a beginning is checked: kSlotInitials (its bit) for one character
// with a bit of its own, else kSlotBeginnings.
class BeginningCheck {
 public:
  explicit BeginningCheck(const std::string& beginning) : needle_(kMark + beginning) {
    size_t first = 1;
    while (first < beginning.size() && (static_cast<unsigned char>(beginning[first]) & 0xC0) == 0x80) ++first;
    if (first == beginning.size() && InitialBit(beginning, 0) != kOtherInitial) bit_ = InitialBit(beginning, 0);
  }
  Xapian::valueno slot() const { return bit_ < 0 ? kSlotBeginnings : kSlotInitials; }
  // True when value (of slot()) has the beginning.
  bool Accepts(const std::string& value) const {
    if (bit_ < 0) return value.find(needle_) != std::string::npos;
    auto byte = static_cast<size_t>(bit_ / 8);
    return byte < value.size() && (static_cast<unsigned char>(value[byte]) >> (bit_ % 8) & 1);
  }

 private:
  std::string needle_;
  int bit_ = -1;
};

// Documents whose value has a beginning (BeginningCheck): eight bytes read
// per match for one character, a list of tens for two.
class BeginningSource : public Xapian::ValuePostingSource {
 public:
  explicit BeginningSource(std::string beginning)
      : Xapian::ValuePostingSource(BeginningCheck(beginning).slot()), beginning_(std::move(beginning)),
        check_(beginning_) {}

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
    if (!at_end() && get_docid() == did && !check_.Accepts(get_value())) return false;  // next() moves past it
    SkipOthers(min_wt);
    return true;
  }
  Xapian::PostingSource* clone() const override { return new BeginningSource(beginning_); }
  std::string name() const override { return "samrad.BeginningSource"; }

 private:
  void SkipOthers(double min_wt) {
    while (!at_end() && !check_.Accepts(get_value())) Xapian::ValuePostingSource::next(min_wt);
  }
  std::string beginning_;
  BeginningCheck check_;
};

// Accepts the documents that have every beginning.
class BeginningsDecider : public Xapian::MatchDecider {
 public:
  explicit BeginningsDecider(const std::vector<std::string>& beginnings) {
    for (const auto& b : beginnings) checks_.emplace_back(b);
  }
  bool operator()(const Xapian::Document& doc) const override {
    for (const auto& c : checks_) {
      if (!c.Accepts(doc.get_value(c.slot()))) return false;
    }
    return true;
  }

 private:
  std::vector<BeginningCheck> checks_;
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

std::string InitialsValue(const std::string& beginnings) {
  uint64_t bits = 0;
  for (size_t pos = beginnings.find(kMark); pos != std::string::npos; pos = beginnings.find(kMark, pos + 1)) {
    if (pos + 1 < beginnings.size()) bits |= uint64_t{1} << InitialBit(beginnings, pos + 1);
  }
  std::string value(8, '\0');
  for (size_t i = 0; i < 8; ++i) value[i] = static_cast<char>(bits >> (8 * i) & 0xFF);
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

std::unique_ptr<Xapian::MatchDecider> BeginningsCheck(const std::vector<std::string>& beginnings) {
  return std::make_unique<BeginningsDecider>(beginnings);
}

}  // namespace samrad::search
