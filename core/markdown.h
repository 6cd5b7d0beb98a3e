// Markdown to HTML with cmark-gfm in safe mode: raw HTML and dangerous URLs
// (javascript:, data: ...) never reach the output.
#pragma once

#include <string>

namespace samrad {

// Renders GitHub-flavoured Markdown (tables, strikethrough, autolinks).
// Thread-safe.
std::string RenderMarkdown(const std::string& markdown);

}  // namespace samrad
