// The rules a new account must meet (e-mail, password, display name), shared
// by the API, the web form and the command line so they cannot drift apart.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace samrad {

struct NewAccount;

constexpr size_t kMaxEmailLength = 254;
constexpr size_t kMinPasswordLength = 10;  // characters, not bytes
constexpr size_t kMaxPasswordLength = 200;
constexpr size_t kMaxDisplayNameLength = 80;

// The number of characters (code points), or nullopt when s is not valid
// UTF-8 (overlong forms and surrogates included).
std::optional<size_t> Utf8Length(std::string_view s);
// ASCII letters lower-cased; other bytes unchanged.
std::string LowerAscii(std::string s);
// True when the password, ignoring case, is one of the embedded list of the
// most common passwords (core/common_passwords.txt). Thread-safe.
bool IsCommonPassword(const std::string& password);
// OK, or kInvalidArgument naming every failing field (/email, /password,
// /display_name) at once. The e-mail is checked as given.
Status CheckNewAccount(const NewAccount& a);

}  // namespace samrad
