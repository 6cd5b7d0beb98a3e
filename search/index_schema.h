// How search documents are laid out in Xapian: value slots, term prefixes,
// stored data, and the date-driven state of consultations.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <string>
#include <vector>

#include "search/index_document.h"

namespace samrad::search {

// Value slots (0-3 held type, state, year and area one by one in format 1).
enum Slot : Xapian::valueno {
  kSlotDate = 4,    // sortable_serialise(epoch)
  kSlotOpens = 5,   // sortable_serialise(epoch), only for date-driven states
  kSlotCloses = 6,
  kSlotFacets = 7,  // type, year, area and state packed (see facet_spy.h)
  // The stored fields (EncodeStored). Not the document data: Xapian runs
  // zlib over every document's data as it is added (leaving it out made
  // building about a sixth cheaper); values are written as they are.
  kSlotStored = 8,
  // sortable_serialise(epoch): when a date-driven consultation becomes
  // decided (a decision lets it run to its closing date); absent otherwise.
  kSlotDecided = 9,
  // The beginnings of the text's stems whose first character has no bit
  // in kSlotInitials (word_beginnings.h).
  kSlotBeginnings = 10,
  // The first characters of the text's stems as bits (word_beginnings.h).
  kSlotInitials = 11,
  // kSlotSeconds + a first character's bit: the second characters of the
  // stems that begin with it (word_beginnings.h); up to kSlotSeconds + 62.
  kSlotSeconds = 12,
};

// Term prefixes (Xapian conventions: Q unique id, S title, X... custom).
inline constexpr const char* kPrefixKey = "Q";
inline constexpr const char* kPrefixStemmed = "Z";  // before every text term (stemmed)
inline constexpr const char* kPrefixTitle = "S";
inline constexpr const char* kPrefixRef = "XR";
inline constexpr const char* kPrefixType = "XT";
inline constexpr const char* kPrefixArea = "XA";
inline constexpr const char* kPrefixState = "XS";  // fixed states only
inline constexpr const char* kPrefixDated = "XD";  // "XD" marks date-driven documents
// Sample levels: a document carries XH1 ... XHk when the low k bits of a
// well-mixed hash of its key are zero, so XHk marks a fixed, even 1 in 2^k
// of all documents, whatever their kind, date or docid (see Searcher).
inline constexpr const char* kPrefixSample = "XH";
inline constexpr unsigned kSampleLevels = 20;

// Metadata keys.
inline constexpr const char* kMetaLastSeq = "samrad.last_seq";
inline constexpr const char* kMetaFormat = "samrad.format";
// 8: the second characters of text stems in a slot per first character
// (kSlotSeconds), kSlotBeginnings only for the first characters without a
// bit. 7: the first characters of text stems as bits (kSlotInitials).
// 6: the beginnings of text stems (kSlotBeginnings, word_beginnings.h) and
// the date's buckets (date_buckets.h).
// 5: a date-driven consultation that a decision lets run carries its
// decided time (kSlotDecided, and in kSlotFacets).
// 4: Swedish stems contracted (swedish_stem.h), the parts of Swedish
// compounds indexed beside them (compound_splitter.h), Markdown taken out
// of the text, no "visible" or "published" state. 3: stored fields in kSlotStored, no function words (stop_words.h); 2
// kept the fields in the document data, and every word. 2 and 3: text
// terms stemmed only (Z...), with positions; 1 had unstemmed terms with
// positions beside stemmed ones without. An index of another format is
// rebuilt by the server at start.
inline constexpr const char* kFormat = "8";

// The snowball stemmer name for a language code (sv -> swedish, en -> english).
std::string StemmerName(const std::string& language);
// This thread's stemmer for a language code: made once per thread, since
// making one allocates the whole Snowball state.
const Xapian::Stem& StemmerFor(const std::string& language);

// The stems of a Swedish word's compound parts (lower-case), but for
// function words ("för" of "förskola"); none for a word that is no
// compound. Cached per thread, as the same words come back in document
// after document. The reference is valid until this thread's next call.
const std::vector<std::string>& CompoundStems(const std::string& word);

// Builds the Xapian document, indexing its text with tg (whose stemmer and
// document are set here). Touches no database, so threads with a
// TermGenerator each can build documents for one writer.
Xapian::Document BuildDocument(const IndexDocument& d, Xapian::TermGenerator& tg);

// The words a document adds to the spelling data ("did you mean"): its
// title's but for function words, once per occurrence; none for a title
// that is only a label.
std::vector<std::string> SpellingWords(const IndexDocument& d);
void AddSpelling(Xapian::WritableDatabase& db, const std::vector<std::string>& words);

// What a hit shows, and the text its snippet is cut from (kSlotStored).
struct StoredFields {
  std::string type, title, url, language = "sv", text;
  int64_t id = 0;
  int64_t date = 0;
};
StoredFields ReadStored(const Xapian::Document& doc);
// The stored value holding f, and back; DecodeStored gives empty fields
// (language sv) for data that is cut short or not of this layout.
std::string EncodeStored(const StoredFields& f);
StoredFields DecodeStored(const std::string& data);

// Lower-cased, trimmed facet/filter value (areas are matched case-insensitively).
std::string FoldValue(const std::string& v);

}  // namespace samrad::search
