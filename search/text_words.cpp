// Word splitting.
#include "search/text_words.h"

#include <xapian.h>

namespace samrad::search {

std::vector<std::string> Words(const std::string& text, bool lower) {
  std::vector<std::string> out;
  std::string word;
  for (Xapian::Utf8Iterator it(text); it != Xapian::Utf8Iterator(); ++it) {
    unsigned ch = *it;
    if (Xapian::Unicode::is_wordchar(ch)) {
      Xapian::Unicode::append_utf8(word, lower ? Xapian::Unicode::tolower(ch) : ch);
    } else if (!word.empty()) {
      out.push_back(word);
      word.clear();
    }
  }
  if (!word.empty()) out.push_back(word);
  return out;
}

}  // namespace samrad::search
