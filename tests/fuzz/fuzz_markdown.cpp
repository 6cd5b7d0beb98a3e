// libFuzzer target: Markdown rendering must never crash, and never let raw
// HTML or script URLs through.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/markdown.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  std::string html = samrad::RenderMarkdown(text);
  if (html.find("<script") != std::string::npos) __builtin_trap();
  if (html.find("href=\"javascript:") != std::string::npos) __builtin_trap();
  return 0;
}
