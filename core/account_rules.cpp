// The rules for new accounts and the common-password list they use.
#include "core/account_rules.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <unordered_set>
#include <vector>

#include "core/account_service.h"
#include "core/resources.h"

namespace samrad {

namespace {
const std::unordered_set<std::string>& CommonPasswords() {
  static const std::unordered_set<std::string> words = [] {
    std::unordered_set<std::string> out;
    std::string_view text = resources::Get("core/common_passwords.txt");
    size_t start = 0;
    while (start < text.size()) {
      size_t end = text.find('\n', start);
      if (end == std::string_view::npos) end = text.size();
      std::string line(text.substr(start, end - start));
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (!line.empty() && line[0] != '#') out.insert(LowerAscii(line));
      start = end + 1;
    }
    return out;
  }();
  return words;
}

bool PlausibleEmail(const std::string& e) {
  auto at = e.find('@');
  return at != std::string::npos && at > 0 && e.find('.', at) != std::string::npos &&
         e.back() != '.' && e.find_first_of(" \t\r\n") == std::string::npos;
}

bool AllWhitespace(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c); });
}

bool HasControl(const std::string& s) {
  return std::any_of(s.begin(), s.end(), [](unsigned char c) { return c < 0x20 || c == 0x7f; });
}
}  // namespace

std::optional<size_t> Utf8Length(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++n) {
    auto b = static_cast<unsigned char>(s[i]);
    int len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xe ? 3 : (b >> 3) == 0x1e ? 4 : 0;
    if (len == 0 || i + len > s.size()) return std::nullopt;
    uint32_t cp = len == 1 ? b : b & (0x7f >> len);
    for (int k = 1; k < len; ++k) {
      auto c = static_cast<unsigned char>(s[i + k]);
      if ((c >> 6) != 0x2) return std::nullopt;
      cp = (cp << 6) | (c & 0x3f);
    }
    static constexpr uint32_t kMinForLength[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMinForLength[len] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
      return std::nullopt;
    }
    i += len;
  }
  return n;
}

std::string LowerAscii(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

bool IsCommonPassword(const std::string& password) {
  return CommonPasswords().contains(LowerAscii(password));
}

Status CheckNewAccount(const NewAccount& a) {
  std::vector<FieldError> errors;
  auto email_length = Utf8Length(a.email);
  if (!email_length || *email_length > kMaxEmailLength || !PlausibleEmail(a.email)) {
    errors.push_back({"/email", "not a valid e-mail address (at most 254 characters)"});
  }
  auto password_length = Utf8Length(a.password);
  if (!password_length) {
    errors.push_back({"/password", "must be valid UTF-8"});
  } else if (*password_length < kMinPasswordLength || *password_length > kMaxPasswordLength) {
    errors.push_back({"/password", "must have 10 to 200 characters"});
  } else if (AllWhitespace(a.password)) {
    errors.push_back({"/password", "must not be only spaces"});
  } else if (IsCommonPassword(a.password)) {
    errors.push_back({"/password", "is one of the most common passwords; choose another"});
  }
  auto name_length = Utf8Length(a.display_name);
  if (!name_length || HasControl(a.display_name)) {
    errors.push_back({"/display_name", "must be valid UTF-8 text without control characters"});
  } else if (*name_length == 0 || AllWhitespace(a.display_name)) {
    errors.push_back({"/display_name", "must not be empty"});
  } else if (*name_length > kMaxDisplayNameLength) {
    errors.push_back({"/display_name", "must have at most 80 characters"});
  }
  if (errors.empty()) return Status::Ok();
  return Invalid("the new account has invalid fields", std::move(errors));
}

}  // namespace samrad
