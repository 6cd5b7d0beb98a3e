// The function words of Swedish and English (conjunctions, prepositions,
// pronouns, articles, auxiliaries) that a query may contain but that should
// not narrow it: "cykelbana och gångväg" asks for the two nouns.
#pragma once

#include <xapian.h>

#include <string>

namespace samrad::search {

// The stop list for a language code (sv, or en). Documents are indexed
// without these words (they are in nearly every document: leaving them out
// made building the index about a sixth cheaper), and the words around
// them are indexed next to each other; queries leave them out too, so a
// query of nothing but function words matches nothing. Thread-safe.
const Xapian::Stopper& StopperFor(const std::string& language);

// q with the function words inside its quoted phrases left out, as the
// index leaves them out: "gångvägen och cykelbanor" asks for "gångvägen
// cykelbanor", which the index holds next to each other. Xapian's parser
// would otherwise keep them, as it never stops words in a phrase. A
// phrase of nothing but function words is dropped. Everything outside
// quotes is left as it is. Thread-safe.
std::string WithoutStopWordsInPhrases(const std::string& q, const Xapian::Stopper& stop);

}  // namespace samrad::search
