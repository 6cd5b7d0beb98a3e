// Feed builder text helpers.
#include "feeds/entry_text.h"

#include "core/comment_text.h"

namespace samrad::feeds {

std::string EscapeHtml(const std::string& s) { return EscapeHtmlText(s); }

std::string Str(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace samrad::feeds
