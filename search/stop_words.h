// The function words of Swedish and English (conjunctions, prepositions,
// pronouns, articles, auxiliaries) that a query may contain but that should
// not narrow it: "cykelbana och gångväg" asks for the two nouns.
#pragma once

#include <xapian.h>

#include <string>

namespace samrad::search {

// The stop list for a language code (sv, or en), for the query parser only:
// documents keep every word, so phrases with function words match, and a
// query of nothing but function words still finds them (Xapian keeps the
// words when every one of them is stopped). Thread-safe.
const Xapian::Stopper& StopperFor(const std::string& language);

}  // namespace samrad::search
