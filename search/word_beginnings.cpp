// Word beginnings: the first characters of the stems, counted in UTF-8.
#include "search/word_beginnings.h"

#include <utility>
#include <vector>

#include "search/index_schema.h"
#include "search/text_words.h"

namespace samrad::search {

namespace {
constexpr char kMark = '\xff';  // never in UTF-8

// The byte length of word's first kIndexedBeginningChars characters from
// start (all of it when shorter).
size_t BeginningEnd(const std::string& word, size_t start) {
  size_t i = start;
  for (size_t chars = 0; i < word.size() && chars < kIndexedBeginningChars; ++chars) i = Utf8CharEnd(word, i);
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

// Where a beginning is checked: one character with a bit of its own in
// kSlotInitials, two in the first one's kSlotSeconds slot, others in
// kSlotBeginnings. The values hold whole UTF-8 characters only, so a found
// character is never the tail of another.
class BeginningCheck {
 public:
  explicit BeginningCheck(const std::string& beginning) {
    size_t first = Utf8CharEnd(beginning, 0);
    int bit = InitialBit(beginning, 0);
    if (bit == kOtherInitial) {
      slot_ = kSlotBeginnings;
      needle_ = kMark + beginning;
    } else if (first == beginning.size()) {
      slot_ = kSlotInitials;
      bit_ = bit;
    } else {
      slot_ = kSlotSeconds + static_cast<Xapian::valueno>(bit);
      needle_ = beginning.substr(first);
    }
  }
  Xapian::valueno slot() const { return slot_; }
  // True when value (of slot()) has the beginning.
  bool Accepts(const std::string& value) const {
    if (bit_ < 0) return value.find(needle_) != std::string::npos;
    auto byte = static_cast<size_t>(bit_ / 8);
    return byte < value.size() && (static_cast<unsigned char>(value[byte]) >> (bit_ % 8) & 1);
  }

 private:
  Xapian::valueno slot_ = kSlotBeginnings;
  std::string needle_;
  int bit_ = -1;
};

// Documents whose value has a beginning (BeginningCheck): eight bytes read
// per match for one character, a few characters for two.
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

// Accepts the documents that have every beginning. The matcher asks about
// one database's documents in increasing order, so each slot is read as a
// stream moved forward (a chunk of values decoded once for its documents)
// rather than looked up document by document: a document the stream has
// passed has no value there. One asked out of order is looked up directly.
class BeginningsDecider : public Xapian::MatchDecider {
 public:
  BeginningsDecider(const Xapian::Database& db, const std::vector<std::string>& beginnings) : db_(db) {
    for (const auto& b : beginnings) {
      checks_.emplace_back(b);
      streams_.push_back({db_.valuestream_begin(checks_.back().slot()), 0});
    }
  }
  bool operator()(const Xapian::Document& doc) const override {
    Xapian::docid did = doc.get_docid();
    for (size_t i = 0; i < checks_.size(); ++i) {
      if (!checks_[i].Accepts(Value(i, did, doc))) return false;
    }
    return true;
  }

 private:
  struct Stream {
    Xapian::ValueIterator it;
    Xapian::docid asked;  // the last document asked about
  };
  std::string Value(size_t i, Xapian::docid did, const Xapian::Document& doc) const {
    Stream& s = streams_[i];
    Xapian::valueno slot = checks_[i].slot();
    if (did <= s.asked) return doc.get_value(slot);
    s.asked = did;
    const Xapian::ValueIterator end = db_.valuestream_end(slot);
    if (s.it != end && s.it.get_docid() < did) s.it.skip_to(did);
    if (s.it == end || s.it.get_docid() != did) return {};
    return *s.it;
  }
  Xapian::Database db_;
  std::vector<BeginningCheck> checks_;
  mutable std::vector<Stream> streams_;
};
}  // namespace

void AddBeginningValues(Xapian::Document& doc) {
  const std::string stemmed = kPrefixStemmed;
  uint64_t initials = 0;
  std::string others, last_other;
  std::string seconds;  // of the first character of bit
  int bit = -1;
  std::string last_second;
  auto flush_seconds = [&]() {
    if (!seconds.empty()) doc.add_value(kSlotSeconds + static_cast<Xapian::valueno>(bit), seconds);
    seconds.clear();
    last_second.clear();
  };
  auto it = doc.termlist_begin();
  it.skip_to(stemmed);
  for (; it != doc.termlist_end(); ++it) {
    const std::string& term = *it;
    if (term.compare(0, stemmed.size(), stemmed) != 0) break;
    size_t start = stemmed.size();
    if (term.size() <= start || IsFieldPrefixChar(term[start])) continue;
    int b = InitialBit(term, start);
    initials |= uint64_t{1} << b;
    // Terms come sorted: the stems of one first character come together,
    // and a beginning repeats only right after itself.
    if (b == kOtherInitial) {
      size_t end = BeginningEnd(term, start);
      if (term.compare(start, end - start, last_other) == 0) continue;
      last_other.assign(term, start, end - start);
      others += kMark;
      others += last_other;
      continue;
    }
    if (b != bit) {
      flush_seconds();
      bit = b;
    }
    size_t second = Utf8CharEnd(term, start);
    if (second == term.size()) continue;
    size_t end = Utf8CharEnd(term, second);
    if (term.compare(second, end - second, last_second) == 0) continue;
    last_second.assign(term, second, end - second);
    seconds += last_second;
  }
  flush_seconds();
  if (initials == 0) return;
  std::string value(8, '\0');
  for (size_t i = 0; i < 8; ++i) value[i] = static_cast<char>(initials >> (8 * i) & 0xFF);
  doc.add_value(kSlotInitials, value);
  if (!others.empty()) doc.add_value(kSlotBeginnings, others);
}

bool BeginningIndexed(const std::string& beginning) {
  return !beginning.empty() && BeginningEnd(beginning, 0) == beginning.size();
}

bool HasBeginning(const Xapian::Document& doc, const std::string& beginning) {
  BeginningCheck check(beginning);
  return check.Accepts(doc.get_value(check.slot()));
}

Xapian::Query BeginningFilter(const std::string& beginning) {
  return Xapian::Query((new BeginningSource(beginning))->release());
}

std::unique_ptr<Xapian::MatchDecider> BeginningsCheck(const Xapian::Database& db,
                                                     const std::vector<std::string>& beginnings) {
  return std::make_unique<BeginningsDecider>(db, beginnings);
}

}  // namespace samrad::search
