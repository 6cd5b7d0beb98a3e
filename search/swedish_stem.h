// The Swedish stemmer of the index and of queries: Snowball's Swedish, then
// the e of a closing -el dropped, as Swedish drops it in every inflection
// ("cykel", "cykeln", "cyklar", "cyklarna" all give "cykl"; "nyckel" and
// "nycklar", "regel" and "regler"), and the definite -an of nouns in -a.
#pragma once

#include <xapian.h>

#include <string>

namespace samrad::search {

class SwedishStem : public Xapian::StemImplementation {
 public:
  // The Snowball stem of word, then contracted (ContractStem). Not
  // thread-safe: one per thread, as Snowball's state is.
  std::string operator()(const std::string& word) override;
  std::string get_description() const override { return "samrad.swedish"; }

 private:
  Xapian::Stem snowball_{"swedish"};
};

// The Snowball stem of word with a closing consonant + "an" that Snowball
// kept of the word (at most an "s" taken) dropped (it makes "gata" and
// "gator" "gat" but keeps "gatan"), else a closing consonant + "el" or
// "eln" made consonant + "l" (Snowball keeps "cykel" and "cykeln" but makes
// "cyklar" "cykl"); stems of under five bytes are left alone ("plan",
// "spel"). Pure.
std::string ContractStem(const std::string& word, const std::string& stem);

}  // namespace samrad::search
