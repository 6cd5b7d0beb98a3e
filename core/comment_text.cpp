// Comment text as plain-text HTML.
#include "core/comment_text.h"

#include "core/text_rules.h"

namespace samrad {

std::string EscapeHtmlText(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (char c : s) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string CommentTextHtml(std::string_view text) {
  std::string clean = StripControlChars(text);
  std::string plain;
  plain.reserve(clean.size());
  for (size_t i = 0; i < clean.size(); ++i) {
    if (clean[i] != '\r') {
      plain.push_back(clean[i]);
    } else if (i + 1 >= clean.size() || clean[i + 1] != '\n') {
      plain.push_back('\n');  // a lone CR is a line break too
    }
  }
  std::string out;
  size_t pos = 0;
  while (pos <= plain.size()) {
    size_t end = plain.find("\n\n", pos);
    if (end == std::string::npos) end = plain.size();
    std::string_view para = std::string_view(plain).substr(pos, end - pos);
    while (!para.empty() && para.front() == '\n') para.remove_prefix(1);
    while (!para.empty() && para.back() == '\n') para.remove_suffix(1);
    if (!para.empty()) {
      out += "<p>";
      size_t line = 0;
      for (size_t nl; (nl = para.find('\n', line)) != std::string_view::npos; line = nl + 1) {
        out += EscapeHtmlText(para.substr(line, nl - line)) + "<br />";
      }
      out += EscapeHtmlText(para.substr(line)) + "</p>\n";
    }
    pos = end + 2;
  }
  return out;
}

}  // namespace samrad
