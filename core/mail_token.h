// Signed links in e-mail: an unsubscribe link works without signing in, so
// its token names what it stops ("sub:<subscription id>", "kind:<user id>:<kind>",
// "user:<user id>" for all e-mail to a user) and carries an HMAC under the
// database's own mail key, which never leaves it.
#pragma once

#include <optional>
#include <string>

#include "core/database.h"

namespace samrad {

class MailToken {
 public:
  // base64url(scope) "." 32 hex of HMAC-SHA-256(key, "samrad unsubscribe v1\n" scope).
  static std::string Make(db::Connection& c, const std::string& scope);
  // The scope a token names; nullopt when it is malformed or not ours.
  static std::optional<std::string> Verify(db::Connection& c, const std::string& token);
};

}  // namespace samrad
