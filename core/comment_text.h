// The one rule for showing a comment's text as HTML, on pages and in feeds
// alike: plain text, never Markdown.
#pragma once

#include <string>
#include <string_view>

namespace samrad {

// Comment text as HTML: every character escaped, control characters other
// than line breaks dropped, paragraphs at blank lines (<p>) and single line
// breaks kept (<br />), as the page shows the text with white-space:
// pre-line. No links, images or other markup, whatever the text says. Pure.
std::string CommentTextHtml(std::string_view text);
// s with & < > " escaped for HTML text or attribute values. Pure.
std::string EscapeHtmlText(std::string_view s);

}  // namespace samrad
