// Search parameter parsing and validation.
#include "search/search_request.h"

#include <algorithm>

#include "core/clock.h"
#include "search/text_words.h"

namespace samrad::search {

namespace {
const std::vector<std::string> kTypes = {"consultation", "comment", "decision", "dataset", "answer"};

std::vector<std::string> SplitList(const std::string& text) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t comma = text.find(',', pos);
    if (comma == std::string::npos) comma = text.size();
    std::string item = text.substr(pos, comma - pos);
    item.erase(0, item.find_first_not_of(' '));
    item.erase(item.find_last_not_of(' ') + 1);
    if (!item.empty()) out.push_back(item);
    pos = comma + 1;
  }
  return out;
}

// The comma list of names (a-z and _) of parameter, noting each bad one.
std::vector<std::string> NameList(const std::string& text, const std::string& parameter,
                                  std::vector<FieldError>& errors) {
  std::vector<std::string> names = SplitList(text);
  for (const auto& n : names) {
    if (n.size() > 32 || n.find_first_not_of("abcdefghijklmnopqrstuvwxyz_") != std::string::npos) {
      errors.push_back({"/" + parameter, "unknown " + parameter + " '" + n + "'"});
    }
  }
  return names;
}

std::optional<int> ParseInt(const std::string& text, int lo, int hi) {
  if (text.empty() || text.size() > 9 || text.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  int v = std::stoi(text);
  if (v < lo || v > hi) return std::nullopt;
  return v;
}
}  // namespace

bool IsValidUtf8(const std::string& text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  size_t n = text.size(), i = 0;
  while (i < n) {
    unsigned char c = s[i];
    size_t len;
    uint32_t cp;
    if (c < 0x80) { ++i; continue; }
    if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
    else return false;
    if (i + len > n) return false;
    for (size_t k = 1; k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    static constexpr uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += len;
  }
  return true;
}

Result<SearchRequest> ParseSearchRequest(const std::map<std::string, std::string>& query) {
  for (const auto& [k, v] : query) {
    if (!IsValidUtf8(v)) return Status(Code::kMalformed, "parameter " + k + " is not valid UTF-8");
  }
  auto get = [&](const char* k) -> std::string {
    auto it = query.find(k);
    return it == query.end() ? std::string() : it->second;
  };
  SearchRequest r;
  r.q = get("q");
  if (Utf8Chars(r.q, 0, r.q.size()) > kMaxQueryChars) {
    return Status(Code::kMalformed,
                  "the query is longer than " + std::to_string(kMaxQueryChars) + " characters");
  }
  std::vector<FieldError> errors;
  r.types = SplitList(get("type"));
  for (const auto& t : r.types) {
    if (std::find(kTypes.begin(), kTypes.end(), t) == kTypes.end()) {
      errors.push_back({"/type", "unknown type '" + t + "' (consultation, comment, decision, dataset)"});
    }
  }
  r.states = NameList(get("state"), "state", errors);
  r.outcomes = NameList(get("outcome"), "outcome", errors);
  r.areas = SplitList(get("area"));
  for (const char* bound : {"from", "to"}) {
    std::string text = get(bound);
    if (text.empty()) continue;
    auto t = ParseTime(text);
    if (!t) {
      errors.push_back({std::string("/") + bound, "not an RFC 3339 date-time or date"});
      continue;
    }
    // A plain date as the upper bound means the whole of that day.
    if (std::string(bound) == "to" && text.size() == 10) *t += 24 * 3600 - 1;
    (std::string(bound) == "from" ? r.from : r.to) = *t;
  }
  if (std::string lang = get("lang"); !lang.empty()) {
    if (lang != "sv" && lang != "en") errors.push_back({"/lang", "lang must be sv or en"});
    r.lang = lang;
  }
  r.sort = get("sort");
  if (!r.sort.empty() && r.sort != "relevance" && r.sort != "newest") {
    errors.push_back({"/sort", "sort must be relevance or newest"});
  }
  if (r.sort.empty()) r.sort = r.q.find_first_not_of(" \t\r\n") == std::string::npos ? "newest" : "relevance";
  if (std::string spelling = get("spelling"); !spelling.empty()) {
    if (spelling != "suggest" && spelling != "follow") {
      errors.push_back({"/spelling", "spelling must be suggest or follow"});
    }
    r.follow_suggestion = spelling == "follow";
  }
  if (std::string limit = get("limit"); !limit.empty()) {
    auto v = ParseInt(limit, 1, 200);
    if (!v) errors.push_back({"/limit", "limit must be an integer from 1 to 200"});
    r.limit = v.value_or(20);
  }
  if (std::string offset = get("offset"); !offset.empty()) {
    auto v = ParseInt(offset, 0, kMaxOffset);
    if (!v) errors.push_back({"/offset", "offset must be an integer from 0 to " + std::to_string(kMaxOffset)});
    r.offset = v.value_or(0);
  }
  if (!errors.empty()) return Invalid("the search parameters are not valid", errors);
  return r;
}

}  // namespace samrad::search
