// Feed checks for end-to-end tests, by independent tools: Atom against
// RFC 4287's RELAX NG grammar (xmllint), RSS for well-formedness, and both
// read back by Python's feedparser (tests/feed_check.py).
#pragma once

#include <boost/test/unit_test.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/support/test_server.h"

namespace samrad::testing {

// Runs a shell command; its exit code and output (stdout and stderr).
inline CommandResult Shell(const std::string& command) {
  return RunCommand({"/bin/sh", "-c", command});
}

// Checks a fetched feed with the independent tools and returns what
// feedparser read from it.
inline nlohmann::json Validate(const HttpResult& r, bool atom) {
  static TempDir dir;
  static int counter = 0;
  std::string file = dir.path() + "/feed" + std::to_string(++counter) + (atom ? ".atom" : ".rss");
  std::ofstream(file, std::ios::binary) << r.body;
  if (atom) {
    CommandResult lint = Shell("xmllint --noout --relaxng " SAMRAD_SOURCE_DIR "/tests/data/atom.rng " + file);
    BOOST_TEST(lint.exit_code == 0, "RELAX NG: " << lint.output);
  } else {
    CommandResult lint = Shell("xmllint --noout " + file);
    BOOST_TEST(lint.exit_code == 0, "well-formed: " << lint.output);
  }
  CommandResult read = Shell("/usr/bin/python3 " SAMRAD_SOURCE_DIR "/tests/feed_check.py " + file);
  BOOST_REQUIRE_MESSAGE(read.exit_code == 0, "feedparser: " << read.output);
  return nlohmann::json::parse(read.output);
}

}  // namespace samrad::testing
