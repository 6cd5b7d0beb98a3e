// Markdown to HTML with cmark-gfm in safe mode: raw HTML and dangerous URLs
// (javascript:, data: ...) never reach the output. Input is bounded, and
// rendered HTML is cached by the text's hash, so a page view never renders.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace samrad {

constexpr size_t kMaxMarkdownBytes = 800 * 1024;  // above every schema's maxLength in UTF-8
constexpr size_t kMaxTableCells = 64;              // cells in one table row

// OK, or kInvalidArgument naming field when the text is over
// kMaxMarkdownBytes, holds a control character (tab and line breaks
// allowed), or has a line with more than kMaxTableCells table cells
// (cmark-gfm's table work grows with columns times rows). Pure.
Status CheckMarkdown(const std::string& field, std::string_view markdown);

// Renders GitHub-flavoured Markdown (tables, strikethrough, autolinks),
// from a bounded in-memory cache when the same text was rendered before.
// Thread-safe.
std::string RenderMarkdown(const std::string& markdown);
// How many times cmark-gfm has rendered since start (cache misses). For tests.
int64_t MarkdownRenderCount();

}  // namespace samrad
