// How search documents are laid out in Xapian: value slots, term prefixes,
// stored data, and the date-driven state of consultations.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <string>

#include "search/index_document.h"

namespace samrad::search {

// Value slots.
enum Slot : Xapian::valueno {
  kSlotType = 0,
  kSlotState = 1,   // a fixed state; empty when the dates decide
  kSlotYear = 2,
  kSlotArea = 3,
  kSlotDate = 4,    // sortable_serialise(epoch)
  kSlotOpens = 5,   // sortable_serialise(epoch), only for date-driven states
  kSlotCloses = 6,
  kSlotFacets = 7,  // type, year, area and state packed (see facet_spy.h)
};

// Term prefixes (Xapian conventions: Q unique id, S title, X... custom).
inline constexpr const char* kPrefixKey = "Q";
inline constexpr const char* kPrefixTitle = "S";
inline constexpr const char* kPrefixRef = "XR";
inline constexpr const char* kPrefixType = "XT";
inline constexpr const char* kPrefixArea = "XA";
inline constexpr const char* kPrefixState = "XS";  // fixed states only
inline constexpr const char* kPrefixDated = "XD";  // "XD" marks date-driven documents

// Metadata keys.
inline constexpr const char* kMetaLastSeq = "samrad.last_seq";
inline constexpr const char* kMetaFormat = "samrad.format";
inline constexpr const char* kFormat = "1";

// The snowball stemmer name for a language code (sv -> swedish, en -> english).
std::string StemmerName(const std::string& language);
// This thread's stemmer for a language code: made once per thread, since
// making one allocates the whole Snowball state.
const Xapian::Stem& StemmerFor(const std::string& language);

// Builds the Xapian document, indexing its text with tg (whose stemmer and
// document are set here). Touches no database, so threads with a
// TermGenerator each can build documents for one writer.
Xapian::Document BuildDocument(const IndexDocument& d, Xapian::TermGenerator& tg);

// Adds the title words of a built document to db's spelling data ("did you
// mean"): every word once per occurrence, as indexing with FLAG_SPELLING does.
void AddSpelling(Xapian::WritableDatabase& db, const Xapian::Document& doc);

// The state of a stored document at time now: the fixed state, or for a
// date-driven one upcoming/open/closed.
std::string StateAt(const Xapian::Document& doc, int64_t now);

// The text a snippet is cut from, kept in the document data.
struct StoredFields {
  std::string type, title, url, language, text;
  int64_t id = 0;
  int64_t date = 0;
};
StoredFields ReadStored(const Xapian::Document& doc);

// Lower-cased, trimmed facet/filter value (areas are matched case-insensitively).
std::string FoldValue(const std::string& v);

}  // namespace samrad::search
