// A dataset of a million rows: the CSV download arrives whole (every row,
// header first, ids in order) while the server's memory stays flat, far
// below the size of the download.
#define BOOST_TEST_MODULE opendata_scale_e2e
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>

#include "tests/support/test_server.h"

using namespace samrad::testing;

BOOST_AUTO_TEST_CASE(a_million_comments_stream_as_csv_with_flat_memory) {
  TestServer s;
  // One consultation with 1,000,000 comments written straight into the
  // tables by the benchmark's seeded generator.
  auto gen = RunCommand({"python3", SAMRAD_SOURCE_DIR "/bench/gen_comments.py", s.data_dir() + "/data", "1000000"});
  BOOST_REQUIRE_MESSAGE(gen.exit_code == 0, gen.output);
  TempDir out;
  std::string file = out.path() + "/comments.csv";
  auto get = RunCommand({"curl", "-sS", "--fail", "-o", file, s.url() + "/opendata/comments.csv"});
  BOOST_REQUIRE_MESSAGE(get.exit_code == 0, get.output);

  std::ifstream csv(file, std::ios::binary);
  std::string line, last;
  std::getline(csv, line);
  BOOST_TEST(line.starts_with("id,"));
  size_t rows = 0;
  while (std::getline(csv, line)) {
    BOOST_REQUIRE(line.ends_with("\r"));  // RFC 4180 line ends; no body holds a line break
    ++rows;
    last = line;
  }
  BOOST_TEST(rows == 1000000u);
  BOOST_TEST(last.starts_with("1000000,"));
  auto bytes = std::filesystem::file_size(file);
  BOOST_TEST(bytes > 100u * 1024 * 1024);

  long peak = ProcessMemoryKb(s.pid(), "VmHWM");  // the peak so far
  BOOST_TEST_MESSAGE("download " << bytes / 1024 << " kB, server peak memory " << peak << " kB");
  BOOST_TEST(peak > 0);
  BOOST_TEST(peak < 64 * 1024);
}
