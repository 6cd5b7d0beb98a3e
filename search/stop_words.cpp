// Stop lists: short on purpose, function words only (no "år", "ny" or
// "kommun", which people do search for).
#include "search/stop_words.h"

#include <iterator>

namespace samrad::search {

namespace {
const char* const kSwedish[] = {
    "och",   "i",      "att",   "det",    "som",      "en",    "ett",   "på",    "är",   "av",
    "för",   "med",    "till",  "den",    "de",       "dem",   "har",   "hade",  "ha",   "inte",
    "om",    "men",    "var",   "vara",   "varit",    "sig",   "från",  "vi",    "så",   "kan",
    "kunde", "man",    "när",   "också",  "eller",    "nu",    "där",   "vid",   "mot",  "ska",
    "skall", "skulle", "än",    "här",    "då",       "över",  "upp",   "även",  "vad",  "hur",
    "detta", "denna",  "dessa", "jag",    "du",       "han",   "hon",   "hen",   "ni",   "oss",
    "mig",   "dig",    "honom", "henne",  "sin",      "sitt",  "sina",  "min",   "mitt", "mina",
    "din",   "ditt",   "dina",  "vår",    "vårt",     "våra",  "er",    "ert",   "era",  "deras",
    "hans",  "hennes", "dess",  "vilken", "vilket",   "vilka", "vars",  "genom", "inom", "mellan",
    "hos",   "åt",     "ur",    "samt",   "eftersom", "medan", "innan", "bli",   "blir", "blev",
    "blivit"};
const char* const kEnglish[] = {
    "the",  "a",     "an",    "and",    "or",   "of",    "to",    "in",    "on",   "at",
    "by",   "for",   "with",  "from",   "as",   "is",    "are",   "was",   "were", "be",
    "been", "being", "it",    "its",    "this", "that",  "these", "those", "we",   "you",
    "he",   "she",   "they",  "them",   "our",  "your",  "their", "his",   "her",  "not",
    "will", "would", "shall", "should", "can",  "could", "has",   "have",  "had",  "do",
    "does", "did",   "than",  "then",   "so",   "if",    "into",  "about"};
}  // namespace

const Xapian::Stopper& StopperFor(const std::string& language) {
  static const Xapian::SimpleStopper swedish(std::begin(kSwedish), std::end(kSwedish));
  static const Xapian::SimpleStopper english(std::begin(kEnglish), std::end(kEnglish));
  return language == "en" ? static_cast<const Xapian::Stopper&>(english) : swedish;
}

}  // namespace samrad::search
