// A word-level difference of two texts as a reader sees them: Markdown is
// rendered and reduced to its words, and the result is escaped HTML with
// <del> for words taken out and <ins> for words put in.
#pragma once

#include <string>
#include <vector>

namespace samrad::server {

// The visible text of rendered HTML: tags dropped, entities decoded, one
// "\n" between blocks (paragraphs, list items, headings). Pure.
std::string VisibleText(const std::string& html);

// The difference of before and after as HTML paragraphs (<p>), words that
// stayed as escaped text, removed ones in <del>, added ones in <ins>. Very
// long texts with little in common fall back to the changed middle as one
// deletion and one insertion. Pure.
std::string WordDiffHtml(const std::string& before, const std::string& after);

// The same for two Markdown texts, compared as rendered. Thread-safe.
std::string MarkdownDiffHtml(const std::string& before_md, const std::string& after_md);

}  // namespace samrad::server
