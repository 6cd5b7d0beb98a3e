// Stop lists: short on purpose, function words only (no "år", "ny" or
// "kommun", which people do search for).
#include "search/stop_words.h"

#include <iterator>

#include "search/text_words.h"

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

std::string WithoutStopWordsInPhrases(const std::string& q, const Xapian::Stopper& stop) {
  std::string out;
  std::string phrase;  // the open phrase from its quote on, as it will be written
  std::string word, lowered;
  bool in_phrase = false, kept = false;
  auto end_word = [&] {
    if (!word.empty() && !stop(lowered)) {
      phrase += word;
      kept = true;
    }
    word.clear();
    lowered.clear();
  };
  // Written out only when it kept a word.
  auto end_phrase = [&] {
    end_word();
    if (kept) out += phrase;
    phrase.clear();
    in_phrase = kept = false;
  };
  for (Xapian::Utf8Iterator it(q); it != Xapian::Utf8Iterator(); ++it) {
    unsigned ch = *it;
    if (!in_phrase) {
      Xapian::Unicode::append_utf8(IsQuote(ch) ? phrase : out, ch);
      in_phrase = IsQuote(ch);
      continue;
    }
    // An apostrophe between letters is part of the word, as Xapian reads
    // it ("it's" is one word, not the function word "it").
    bool apostrophe = (ch == '\'' || ch == 0x2019) && !word.empty();
    if (apostrophe) {
      Xapian::Utf8Iterator next = it;
      ++next;
      apostrophe = next != Xapian::Utf8Iterator() && Xapian::Unicode::is_wordchar(*next);
    }
    if (Xapian::Unicode::is_wordchar(ch) || apostrophe) {
      Xapian::Unicode::append_utf8(word, ch);
      Xapian::Unicode::append_utf8(lowered, Xapian::Unicode::tolower(ch));
      continue;
    }
    end_word();
    Xapian::Unicode::append_utf8(phrase, ch);
    if (IsQuote(ch)) end_phrase();
  }
  if (in_phrase) end_phrase();
  return out;
}

}  // namespace samrad::search
