// Nesting bound for client JSON: a byte scan before nlohmann builds anything.
#include "core/json_depth.h"

namespace samrad {

bool JsonDeeperThan(std::string_view text, int max_depth) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;  // the escaped character cannot end the string
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    switch (c) {
      case '"':
        in_string = true;
        break;
      case '[':
      case '{':
        if (++depth > max_depth) return true;
        break;
      case ']':
      case '}':
        // Unbalanced closers make the text invalid JSON; the parser says so.
        if (depth > 0) --depth;
        break;
      default:
        break;
    }
  }
  return false;
}

Result<nlohmann::json> ParseClientJson(std::string_view text, std::string_view what) {
  if (JsonDeeperThan(text)) {
    return Status(Code::kMalformed, std::string(what) + " nests arrays and objects deeper than " +
                                        std::to_string(kMaxJsonDepth) + " levels");
  }
  return nlohmann::json::parse(text, nullptr, false);
}

}  // namespace samrad
