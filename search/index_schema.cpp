// Index layout: document building and reading.
#include "search/index_schema.h"

#include <initializer_list>
#include <string_view>
#include <unordered_map>

#include "core/clock.h"
#include "search/compound_splitter.h"
#include "search/date_buckets.h"
#include "search/facet_spy.h"
#include "search/plain_text.h"
#include "search/stop_words.h"
#include "search/swedish_stem.h"
#include "search/text_words.h"
#include "search/word_beginnings.h"

namespace samrad::search {

namespace {
// Snippets need only the beginning of long texts.
constexpr size_t kMaxStoredText = 4 * 1024;

// Stored fields: each string as a varint length and its bytes, each number
// as a zigzag varint, in the order of EncodeStored. Read for every hit of
// every search, so it is kept cheaper to decode than JSON.
void PutNumber(std::string& out, int64_t v) {
  uint64_t z = (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
  do {
    unsigned char byte = z & 0x7F;
    z >>= 7;
    out += static_cast<char>(z ? byte | 0x80 : byte);
  } while (z);
}
void PutString(std::string& out, const std::string& v) {
  PutNumber(out, static_cast<int64_t>(v.size()));
  out += v;
}

// Reads from data at pos; false when the data ends early.
bool GetNumber(const std::string& data, size_t& pos, int64_t& v) {
  uint64_t z = 0;
  for (int shift = 0; pos < data.size() && shift < 64; shift += 7) {
    auto byte = static_cast<unsigned char>(data[pos++]);
    z |= static_cast<uint64_t>(byte & 0x7F) << shift;
    if (!(byte & 0x80)) {
      v = static_cast<int64_t>(z >> 1) ^ -static_cast<int64_t>(z & 1);
      return true;
    }
  }
  return false;
}
bool GetString(const std::string& data, size_t& pos, std::string& v) {
  int64_t n = 0;
  if (!GetNumber(data, pos, n) || n < 0 || static_cast<uint64_t>(n) > data.size() - pos) return false;
  v.assign(data, pos, static_cast<size_t>(n));
  pos += static_cast<size_t>(n);
  return true;
}
// FNV-1a, then the splitmix64 finalizer: every bit of the result depends on
// every byte of the key, so the low bits are fit for sampling.
uint64_t MixedHash(const std::string& key) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : key) h = (h ^ c) * 1099511628211ull;
  h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9ull;
  h = (h ^ (h >> 27)) * 0x94d049bb133111ebull;
  return h ^ (h >> 31);
}

}  // namespace

const std::vector<std::string>& CompoundStems(const std::string& word) {
  // A compound has two parts of at least three characters each
  // (compound_splitter.h), so a word of fewer than six bytes is none: the
  // function words and other short words skip the cache's hashing.
  static const std::vector<std::string> kNone;
  if (word.size() < 6) return kNone;
  thread_local std::unordered_map<std::string, std::vector<std::string>> cache;
  auto it = cache.find(word);
  if (it != cache.end()) return it->second;
  if (cache.size() > 200000) cache.clear();
  std::vector<std::string> stems;
  const Xapian::Stopper& stop = StopperFor("sv");
  for (const auto& part : CompoundSplitter::Swedish().Split(word)) {
    if (!stop(part)) stems.push_back(StemmerFor("sv")(part));
  }
  return cache.emplace(word, std::move(stems)).first->second;
}

namespace {

// Indexes the parts of text's Swedish compounds as stemmed terms of their
// own, without positions, once under each field prefix: "cykelbanor" is
// found by "cykel" and by "bana", as a phrase is found only by the words as
// written.
void AddCompoundParts(Xapian::Document& doc, const std::string& text,
                      std::initializer_list<std::string_view> prefixes) {
  std::string term;
  for (const auto& word : Words(text)) {
    for (const auto& stem : CompoundStems(word)) {
      for (std::string_view prefix : prefixes) {
        term.assign(kPrefixStemmed).append(prefix).append(stem);
        doc.add_term(term);
      }
    }
  }
}
}  // namespace

std::string EncodeStored(const StoredFields& f) {
  std::string out;
  out.reserve(f.type.size() + f.title.size() + f.url.size() + f.text.size() + 24);
  for (const std::string* v : {&f.type, &f.title, &f.url, &f.language, &f.text}) PutString(out, *v);
  PutNumber(out, f.id);
  PutNumber(out, f.date);
  return out;
}

StoredFields DecodeStored(const std::string& data) {
  StoredFields f;
  size_t pos = 0;
  bool ok = true;
  for (std::string* v : {&f.type, &f.title, &f.url, &f.language, &f.text}) ok = ok && GetString(data, pos, *v);
  ok = ok && GetNumber(data, pos, f.id) && GetNumber(data, pos, f.date);
  if (!ok) return StoredFields{};
  return f;
}

std::string StemmerName(const std::string& language) {
  return language == "en" ? "english" : "swedish";
}

namespace {
// A stemmer that keeps the stems of the words it has seen: the same words
// come back in document after document (and a title's twice), and a look-up
// costs less than Snowball and ContractStem. Not thread-safe, as the
// stemmers it wraps are not: one per thread.
class RememberingStem : public Xapian::StemImplementation {
 public:
  explicit RememberingStem(Xapian::Stem stem) : stem_(std::move(stem)) {}
  std::string operator()(const std::string& word) override {
    auto it = stems_.find(word);
    if (it != stems_.end()) return it->second;
    if (stems_.size() >= kMaxWords) stems_.clear();
    return stems_.emplace(word, stem_(word)).first->second;
  }
  std::string get_description() const override { return stem_.get_description(); }

 private:
  // The frequent words, in a few megabytes (a million documents hold
  // several times as many words; the cache then starts over).
  static constexpr size_t kMaxWords = 20000;
  Xapian::Stem stem_;
  std::unordered_map<std::string, std::string> stems_;
};
}  // namespace

const Xapian::Stem& StemmerFor(const std::string& language) {
  thread_local const Xapian::Stem swedish(new RememberingStem(Xapian::Stem(new SwedishStem)));
  thread_local const Xapian::Stem english(new RememberingStem(Xapian::Stem("english")));
  return language == "en" ? english : swedish;
}

std::string FoldValue(const std::string& v) {
  std::string out;
  size_t b = v.find_first_not_of(' ');
  size_t e = v.find_last_not_of(' ');
  if (b == std::string::npos) return out;
  // Xapian's Unicode helpers lower-case å, ä, ö as well as ASCII.
  return Xapian::Unicode::tolower(v.substr(b, e - b + 1));
}

Xapian::Document BuildDocument(const IndexDocument& d, Xapian::TermGenerator& tg) {
  Xapian::Document doc;
  tg.set_document(doc);
  tg.set_stemmer(StemmerFor(d.language));
  // Stemmed terms only, with positions (for phrases): a word indexed both
  // as written and stemmed, as STEM_SOME does, costs about 40 % more to
  // index and finds nothing more, since queries are stemmed too.
  tg.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL_Z);
  // Function words are left out, and the words around them are indexed
  // next to each other (see stop_words.h).
  tg.set_stopper(&StopperFor(d.language));
  tg.set_stopper_strategy(Xapian::TermGenerator::STOP_ALL);
  // The title counts more and is searchable on its own with title:.
  bool swedish = d.language != "en";
  if (d.title_indexed) {
    tg.index_text(d.title, 1, kPrefixTitle);
    tg.index_text(d.title, 3);
    tg.increase_termpos();
    if (swedish) AddCompoundParts(doc, d.title, {kPrefixTitle, ""});
  }
  if (!d.reference.empty()) {
    tg.index_text(d.reference, 1, kPrefixRef);
    tg.index_text(d.reference);
    tg.increase_termpos();
  }
  std::string text;
  for (const auto& markdown : d.texts) {
    if (markdown.empty()) continue;
    std::string t = PlainText(markdown);
    tg.index_text(t);
    tg.increase_termpos();
    if (swedish) AddCompoundParts(doc, t, {""});
    if (text.size() < kMaxStoredText) {
      if (!text.empty()) text += "\n";
      text += t;
    }
  }
  if (text.size() > kMaxStoredText) {
    // Cut on a UTF-8 boundary.
    text.resize(Utf8BoundaryAtOrBefore(text, kMaxStoredText));
  }

  AddBeginningValues(doc);

  std::string key = d.type + "/" + std::to_string(d.id);
  doc.add_boolean_term(kPrefixKey + key);
  doc.add_boolean_term(kPrefixType + d.type);
  uint64_t h = MixedHash(key);
  for (unsigned k = 1; k <= kSampleLevels && (h & ((uint64_t{1} << k) - 1)) == 0; ++k) {
    doc.add_boolean_term(kPrefixSample + std::to_string(k));
  }
  doc.add_value(kSlotDate, Xapian::sortable_serialise(static_cast<double>(d.date)));
  for (const auto& bucket : DateBucketTerms(d.date)) doc.add_boolean_term(bucket);
  doc.add_value(kSlotFacets, FacetValue(d));
  if (d.area && !d.area->empty()) {
    doc.add_boolean_term(kPrefixArea + FoldValue(*d.area));
  }
  if (!d.state.empty()) {
    doc.add_boolean_term(kPrefixState + d.state);
  } else if (d.opens_at && d.closes_at) {
    doc.add_boolean_term(kPrefixDated);
    doc.add_value(kSlotOpens, Xapian::sortable_serialise(static_cast<double>(*d.opens_at)));
    doc.add_value(kSlotCloses, Xapian::sortable_serialise(static_cast<double>(*d.closes_at)));
    if (d.decided_at) doc.add_value(kSlotDecided, Xapian::sortable_serialise(static_cast<double>(*d.decided_at)));
  }
  doc.add_value(kSlotStored, EncodeStored({d.type, d.title, d.url, d.language, text, d.id, d.date}));
  return doc;
}

std::vector<std::string> SpellingWords(const IndexDocument& d) {
  // Titles only: body text would multiply the indexing cost for little
  // gain, as titles carry the vocabulary.
  if (!d.title_indexed) return {};
  // Nobody needs "och" suggested for a typo.
  const Xapian::Stopper& stop = StopperFor(d.language);
  std::vector<std::string> words;
  for (auto& w : Words(d.title)) {
    if (!stop(w)) words.push_back(std::move(w));
  }
  return words;
}

void AddSpelling(Xapian::WritableDatabase& db, const std::vector<std::string>& words) {
  for (const auto& w : words) db.add_spelling(w);
}

StoredFields ReadStored(const Xapian::Document& doc) { return DecodeStored(doc.get_value(kSlotStored)); }

}  // namespace samrad::search
