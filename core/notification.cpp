// The kinds of notifications and the plain-text excerpt they quote.
#include "core/notification.h"

#include <algorithm>

#include "core/text_rules.h"

namespace samrad::notify {

bool IsPersonalKind(std::string_view kind) {
  return std::find(std::begin(kPersonalKinds), std::end(kPersonalKinds), kind) != std::end(kPersonalKinds);
}

bool IsKind(std::string_view kind) {
  return IsPersonalKind(kind) ||
         std::find(std::begin(kFollowedKinds), std::end(kFollowedKinds), kind) != std::end(kFollowedKinds);
}

std::string Excerpt(std::string_view text) {
  std::string clean = CleanXmlText(text);
  std::string flat;
  flat.reserve(clean.size());
  for (char ch : clean) {
    bool space = ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
    if (space) {
      if (!flat.empty() && flat.back() != ' ') flat.push_back(' ');
    } else {
      flat.push_back(ch);
    }
  }
  while (!flat.empty() && flat.back() == ' ') flat.pop_back();
  // Byte offset of the end of each code point, to cut between them.
  size_t points = 0, cut = 0, last_space = std::string::npos;
  for (size_t i = 0; i < flat.size(); ++i) {
    if ((static_cast<unsigned char>(flat[i]) & 0xC0) == 0x80) continue;
    if (points == kExcerptChars - 1) cut = i;
    if (flat[i] == ' ' && points < kExcerptChars) last_space = i;
    ++points;
  }
  if (points <= kExcerptChars) return flat;
  if (last_space != std::string::npos && last_space > cut / 2) cut = last_space;
  std::string out = flat.substr(0, cut);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out + "\u2026";
}

}  // namespace samrad::notify
