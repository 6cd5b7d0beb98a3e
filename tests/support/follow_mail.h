// Shared by the following tests: what the e-mail outbox in a test server's
// SQLite file holds, the confirmation token of a queued e-mail, and a
// signed unsubscribe token made as the server makes them (HMAC under the
// database's mail key).
#pragma once

#include <sqlite3.h>

#include <boost/test/unit_test.hpp>
#include <string>

#include "tests/support/python.h"
#include "tests/support/test_server.h"

namespace samrad::testing {

// The first column of the first row of a query on the server's database
// (read-only), as text; "" when there is no row.
inline std::string SqlValue(const TestServer& s, const std::string& sql) {
  sqlite3* db = nullptr;
  BOOST_REQUIRE(sqlite3_open_v2((s.data_dir() + "/data/samrad.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr) ==
                SQLITE_OK);
  sqlite3_busy_timeout(db, 5000);
  sqlite3_stmt* st = nullptr;
  BOOST_REQUIRE_MESSAGE(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK, sql);
  std::string out;
  if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
    out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return out;
}

inline int64_t SqlCount(const TestServer& s, const std::string& sql) {
  std::string v = SqlValue(s, sql);
  return v.empty() ? 0 : std::stoll(v);
}

// The t= of the confirmation link in the newest e-mail queued to address
// (a test address: no quotes in it); "" when there is none.
inline std::string ConfirmTokenFor(const TestServer& s, const std::string& address) {
  std::string body = SqlValue(s, "SELECT text_body FROM mail_outbox WHERE recipient = '" + address +
                                     "' ORDER BY id DESC LIMIT 1");
  size_t at = body.find("/follow/confirm?t=");
  if (at == std::string::npos) return "";
  at += 18;
  size_t end = body.find_first_not_of(
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", at);
  return body.substr(at, end == std::string::npos ? std::string::npos : end - at);
}

// An unsubscribe token for scope ("sub:12", "user:3" ...) under the mail
// key in the server's database, made by Python's hmac (not our code).
inline std::string UnsubscribeToken(const TestServer& s, const std::string& scope) {
  std::string key = SqlValue(s, "SELECT value FROM secrets WHERE name = 'mail'");
  auto r = RunPython(s.data_dir(),
                     "import base64, hashlib, hmac, sys\n"
                     "key, scope = sys.argv[1], sys.argv[2]\n"
                     "k = key.encode()\n"
                     "k = hashlib.sha256(k).digest() if len(k) > 32 else k  # the server's HMAC key rule\n"
                     "mac = hmac.new(k, b'samrad unsubscribe v1\\n' + scope.encode(), hashlib.sha256)\n"
                     "print(base64.urlsafe_b64encode(scope.encode()).decode().rstrip('=') + '.' + mac.hexdigest()[:32])\n",
                     key + " " + scope);
  BOOST_REQUIRE_EQUAL(r.exit_code, 0);
  std::string t = r.output;
  while (!t.empty() && (t.back() == '\n' || t.back() == '\r')) t.pop_back();
  return t;
}

}  // namespace samrad::testing
