// SwedishStem: Snowball plus the -el contraction.
#include "search/swedish_stem.h"

#include <cstring>

namespace samrad::search {

namespace {
bool IsConsonant(char c) { return c >= 'a' && c <= 'z' && !std::strchr("aeiouy", c); }
}  // namespace

std::string ContractStem(const std::string& word, const std::string& stem) {
  std::string s = stem;
  // The definite -an of the nouns in -a, which Snowball keeps: "gatan" as
  // "gata", "cykelbanan" as "cykelbana". Only when the word ends so: the
  // stem of "cykelbanor" ends in "an" too.
  bool kept_an = word == stem || word == stem + "s";
  if (kept_an && s.size() >= 5 && s.compare(s.size() - 2, 2, "an") == 0 && IsConsonant(s[s.size() - 3])) {
    return s.substr(0, s.size() - 2);
  }
  if (s.size() >= 6 && s.compare(s.size() - 3, 3, "eln") == 0) s.pop_back();
  if (s.size() < 5 || s.compare(s.size() - 2, 2, "el") != 0 || !IsConsonant(s[s.size() - 3])) return stem;
  // "modell", "hotell": a double l is not the -el that is dropped.
  s.erase(s.size() - 2, 1);
  return s;
}

std::string SwedishStem::operator()(const std::string& word) { return ContractStem(word, snowball_(word)); }

}  // namespace samrad::search
