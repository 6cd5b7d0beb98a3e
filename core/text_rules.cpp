// Text rules: control characters found, stripped, and XML 1.0 cleaning.
#include "core/text_rules.h"

namespace samrad {

std::optional<size_t> FindControlChar(std::string_view text, bool multiline) {
  for (size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c == 0x7F) return i;
    if (c >= 0x20) continue;
    if (multiline && (c == '\t' || c == '\n' || c == '\r')) continue;
    return i;
  }
  return std::nullopt;
}

Status CheckNoControlChars(const std::string& field, std::string_view text, bool multiline) {
  if (FindControlChar(text, multiline)) {
    return InvalidField(field, multiline ? "must not contain control characters (only tab and line breaks)"
                                         : "must not contain control characters, tabs or line breaks");
  }
  return Status::Ok();
}

std::string StripControlChars(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) continue;
    out.push_back(ch);
  }
  return out;
}

namespace {
constexpr const char kReplacement[] = "\xEF\xBF\xBD";  // U+FFFD

bool Allowed(char32_t cp) {
  if (cp < 0x20) return cp == 0x9 || cp == 0xA || cp == 0xD;
  if (cp >= 0x7F && cp <= 0x9F) return false;  // DEL and C1: allowed by XML, useless and risky
  if (cp == 0xFFFE || cp == 0xFFFF) return false;
  return true;
}

void Append(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}
}  // namespace

std::string CleanXmlText(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  size_t i = 0;
  while (i < in.size()) {
    auto b = static_cast<unsigned char>(in[i]);
    if (b < 0x80) {
      if (Allowed(b)) out += static_cast<char>(b);
      ++i;
      continue;
    }
    int len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 0;
    char32_t cp = len == 4 ? (b & 0x07) : len == 3 ? (b & 0x0F) : (b & 0x1F);
    bool ok = len > 0 && b <= 0xF4 && i + len <= in.size();
    for (int k = 1; ok && k < len; ++k) {
      auto cont = static_cast<unsigned char>(in[i + k]);
      if ((cont & 0xC0) != 0x80) {
        ok = false;
      } else {
        cp = (cp << 6) | (cont & 0x3F);
      }
    }
    // Overlong forms, UTF-16 surrogates and values past U+10FFFF are invalid.
    static constexpr char32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (ok && (cp < kMin[len] || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)) ok = false;
    if (!ok) {
      out += kReplacement;
      // Skip the lead byte and any continuation bytes that follow it, so one
      // broken sequence gives one replacement character.
      ++i;
      while (i < in.size() && (static_cast<unsigned char>(in[i]) & 0xC0) == 0x80 && len-- > 1) {
        ++i;
      }
      continue;
    }
    if (Allowed(cp)) Append(out, cp);
    i += len;
  }
  return out;
}

}  // namespace samrad
