// PersonalPage: the marks are read once, when the page is made, into a list
// of text pieces and placeholders; filling it is appending pieces.
#include "server/web/personal_page.h"

#include <string_view>

#include "core/crypto.h"

namespace samrad::server {

namespace {
constexpr char kOpen = '\x01', kClose = '\x02';

// Base64url letters only: no HTML escaper changes them, and they can never
// contain the closing control character.
const std::string& Nonce() {
  static const std::string nonce = crypto::RandomToken(12);
  return nonce;
}

std::string Mark(char kind, const std::string& number = "") {
  return std::string(1, kOpen) + Nonce() + kind + number + kClose;
}

struct Token {
  enum Kind { kText, kToken, kUnread, kBegin, kEnd } kind;
  std::string_view text;  // kText
  size_t slot = 0;        // kBegin
};

// The text cut at its marks; nullopt when a \x01 starts no mark of ours.
std::optional<std::vector<Token>> Tokens(std::string_view s) {
  std::vector<Token> out;
  size_t at = 0;
  const std::string& nonce = Nonce();
  while (at < s.size()) {
    size_t open = s.find(kOpen, at);
    if (open == std::string_view::npos) open = s.size();
    if (open > at) out.push_back({Token::kText, s.substr(at, open - at)});
    if (open == s.size()) break;
    size_t close = s.find(kClose, open);
    if (close == std::string_view::npos || s.compare(open + 1, nonce.size(), nonce) != 0) return std::nullopt;
    std::string_view body = s.substr(open + 1 + nonce.size(), close - open - 1 - nonce.size());
    if (body == "T") {
      out.push_back({Token::kToken, {}});
    } else if (body == "N") {
      out.push_back({Token::kUnread, {}});
    } else if (body == "E") {
      out.push_back({Token::kEnd, {}});
    } else if (body.size() >= 2 && body.size() <= 10 && body[0] == 'B' &&
               body.find_first_not_of("0123456789", 1) == std::string_view::npos) {
      out.push_back({Token::kBegin, {}, std::stoul(std::string(body.substr(1)))});
    } else {
      return std::nullopt;
    }
    at = close + 1;
  }
  return out;
}
}  // namespace

std::string PersonalMarks::Token() { return Mark('T'); }
std::string PersonalMarks::Unread() { return Mark('N'); }
std::string PersonalMarks::Begin(size_t slot) { return Mark('B', std::to_string(slot)); }
std::string PersonalMarks::End() { return Mark('E'); }

std::optional<PersonalPage> PersonalPage::Make(const std::string& html, std::vector<SlotInfo> slots,
                                               const std::string& variants) {
  PersonalPage page;
  page.bytes_ = html.size() + variants.size();
  page.page_bytes_ = html.size();
  for (const auto& info : slots) page.slots_.push_back({info, {}});
  std::vector<Parts> regions(slots.size());
  std::vector<bool> seen(slots.size(), false);
  // Reads tokens into parts; a region's parts go to `into` for its slot.
  // Returns false when the marks do not add up.
  auto read = [&](const std::vector<Token>& tokens, Parts* top, auto&& region_done) {
    Parts* into = top;
    size_t slot = 0;
    for (const auto& t : tokens) {
      switch (t.kind) {
        case Token::kText: {
          if (into) into->push_back({Part::kText, std::string(t.text)});
          break;
        }
        case Token::kToken:
        case Token::kUnread: {
          if (into) into->push_back({t.kind == Token::kToken ? Part::kToken : Part::kUnread, {}});
          break;
        }
        case Token::kBegin: {
          if (into != top || t.slot >= slots.size()) return false;
          slot = t.slot;
          regions[slot].clear();
          into = &regions[slot];
          break;
        }
        case Token::kEnd: {
          if (into == top) return false;
          if (!region_done(slot)) return false;
          into = top;
          break;
        }
      }
    }
    return into == top;
  };
  auto html_tokens = Tokens(html);
  if (!html_tokens) return std::nullopt;
  bool ok = read(*html_tokens, &page.parts_, [&](size_t slot) {
    if (seen[slot]) return false;
    seen[slot] = true;
    page.parts_.push_back({Part::kSlot, {}, slot});
    page.slots_[slot].forms.push_back(regions[slot]);
    return true;
  });
  if (!ok) return std::nullopt;
  for (bool s : seen) {
    if (!s) return std::nullopt;
  }
  auto variant_tokens = Tokens(variants);
  if (!variant_tokens) return std::nullopt;
  std::vector<std::vector<Parts>> forms(slots.size());
  ok = read(*variant_tokens, nullptr, [&](size_t slot) {
    forms[slot].push_back(regions[slot]);
    return true;
  });
  if (!ok) return std::nullopt;
  auto same = [](const Parts& a, const Parts& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
      if (a[i].kind != b[i].kind || a[i].text != b[i].text) return false;
    }
    return true;
  };
  for (size_t n = 0; n < slots.size(); ++n) {
    if (forms[n].empty()) continue;
    if (!same(forms[n][0], page.slots_[n].forms[0])) return std::nullopt;
    page.slots_[n].forms = std::move(forms[n]);
  }
  return page;
}

size_t PersonalPage::Choose(const Slot& s, const PersonalParts& p) const {
  size_t n = s.forms.size();
  switch (s.info.kind) {
    case SlotKind::kUnread: return p.unread > 0 ? 0 : n;
    case SlotKind::kFollow: return p.following && n > 1 ? 1 : 0;
    case SlotKind::kComment: {
      if (s.info.author_id == p.user_id) return n > kOwn ? kOwn : 0;
      auto r = p.reactions.find(s.info.comment_id);
      if (r == p.reactions.end()) return 0;
      size_t form = r->second == "support" ? kSupported : r->second == "oppose" ? kOpposed : 0;
      return form < n ? form : 0;
    }
  }
  return 0;
}

void PersonalPage::Append(const Parts& parts, const PersonalParts& p, std::string& out) const {
  for (const auto& part : parts) {
    switch (part.kind) {
      case Part::kText: out.append(part.text); break;
      case Part::kToken: out.append(p.token); break;
      case Part::kUnread: out.append(std::to_string(p.unread)); break;
      case Part::kSlot: {
        const Slot& s = slots_[part.slot];
        size_t form = Choose(s, p);
        if (form < s.forms.size()) Append(s.forms[form], p, out);
        break;
      }
    }
  }
}

std::string PersonalPage::Fill(const PersonalParts& p) const {
  std::string out;
  out.reserve(page_bytes_ + 4096);
  Append(parts_, p, out);
  return out;
}

std::vector<int64_t> PersonalPage::CommentIds() const {
  std::vector<int64_t> ids;
  for (const auto& s : slots_) {
    if (s.info.kind == SlotKind::kComment) ids.push_back(s.info.comment_id);
  }
  return ids;
}

bool PersonalPage::HasFollow() const {
  for (const auto& s : slots_) {
    if (s.info.kind == SlotKind::kFollow) return true;
  }
  return false;
}

}  // namespace samrad::server
