// The transparency log over HTTP: the signed checkpoint and its key, C2SP
// tiles and entry bundles with their caching, inclusion and consistency
// proofs, the offline proof file, the tree built for a log from before it,
// samrad audit (and its fork report after an attacker rewrites history with
// the data folder and key) and verify-log's Merkle check.
#define BOOST_TEST_MODULE tlog_e2e
#include <sys/stat.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <regex>
#include <thread>

#include "tests/support/test_server.h"

using samrad::testing::RunCommand;
using samrad::testing::RunSamrad;
using samrad::testing::TempDir;
using samrad::testing::TestServer;
using nlohmann::json;

namespace {
std::string Data(const TestServer& s) { return s.data_dir() + "/data"; }

// The checkpoint's tree size once the log has signed one of at least `size`
// (the signer runs once a second).
int64_t WaitForCheckpoint(TestServer& s, int64_t size) {
  int64_t seen = -1;
  for (int i = 0; i < 100 && seen < size; ++i) {
    auto r = s.Get("/tlog/checkpoint");
    if (r.status == 200) {
      auto first = r.body.find('\n');
      seen = std::stoll(r.body.substr(first + 1, r.body.find('\n', first + 1) - first - 1));
    }
    if (seen < size) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return seen;
}

int64_t Entries(TestServer& s) { return s.Get("/api/v1/log/verify").json()["entries"]; }

std::string VerifierKey(const TestServer& s) {
  auto r = RunSamrad({"log-key", "--data", Data(s)});
  BOOST_REQUIRE(r.exit_code == 0);
  return r.output.substr(0, r.output.find('\n'));
}

// Appends n generated events straight into the database (as a log from
// before the Merkle tree would hold them) and restarts the server.
void GrowWithoutTree(TestServer& s, int n) {
  s.Stop();
  auto r = RunCommand({"python3", std::string(SAMRAD_SOURCE_DIR) + "/bench/gen_events.py", Data(s),
                       std::to_string(n)});
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  s.Restart();
}

samrad::testing::CommandResult Audit(const TestServer& s, const std::string& state, bool full = false) {
  std::vector<std::string> args{"audit", "--url", s.url(), "--key", VerifierKey(s), "--state", state};
  if (full) args.push_back("--full");
  return RunSamrad(args);
}
}  // namespace

BOOST_AUTO_TEST_CASE(checkpoint_is_a_signed_note_by_a_key_kept_private_in_the_data_folder) {
  TestServer s(false, {"--log-origin", "samrad.example.se/tlog"});
  s.UserToken("official");
  int64_t n = Entries(s);
  BOOST_TEST(WaitForCheckpoint(s, n) == n);
  auto cp = s.Get("/tlog/checkpoint");
  BOOST_TEST(cp.header("content-type") == "text/plain; charset=utf-8");
  BOOST_TEST(cp.header("cache-control") == "public, max-age=1");
  BOOST_TEST(cp.body.starts_with("samrad.example.se/tlog\n" + std::to_string(n) + "\n"));
  BOOST_TEST(cp.body.find("\n\n\xE2\x80\x94 samrad.example.se/tlog ") != std::string::npos);
  // The checkpoints feed carries it, signature and all.
  auto feed = s.Get("/feeds/checkpoints.atom");
  BOOST_TEST(feed.status == 200);
  BOOST_TEST(feed.body.find("tlog/checkpoint/" + std::to_string(n) + "</id>") != std::string::npos);
  BOOST_TEST(feed.body.find("\xE2\x80\x94 samrad.example.se/tlog ") != std::string::npos);
  std::string vkey = VerifierKey(s);
  BOOST_TEST(std::regex_match(vkey, std::regex(R"(samrad\.example\.se/tlog\+[0-9a-f]{8}\+AQ?[A-Za-z0-9+/]{43}=?)")), vkey);
  struct stat st {};
  BOOST_REQUIRE(stat((Data(s) + "/tlog-key").c_str(), &st) == 0);
  BOOST_TEST((st.st_mode & 0777) == 0600);
  TempDir dir;
  auto first = Audit(s, dir.path() + "/state", true);
  BOOST_TEST(first.exit_code == 0, first.output);
  BOOST_TEST(first.output.find("root recomputed") != std::string::npos);
  // Another key (a different log with the same name) is refused.
  auto wrong = RunSamrad({"audit", "--url", s.url(), "--key",
                          "samrad.example.se/tlog+5dae0a97+AS9RDTw4kqknhxggO2WSGhiAh2syZrHvLXaV4s6bJ2q5", "--state",
                          dir.path() + "/other"});
  BOOST_TEST(wrong.exit_code != 0);
}

BOOST_AUTO_TEST_CASE(tiles_and_entry_bundles_follow_c2sp_with_immutable_full_tiles) {
  TestServer s;
  s.UserToken("official");
  GrowWithoutTree(s, 600);
  int64_t n = Entries(s);
  BOOST_REQUIRE(n > 600);
  BOOST_REQUIRE(WaitForCheckpoint(s, n) == n);
  auto full = s.Get("/tlog/tile/0/001");
  BOOST_TEST(full.status == 200);
  BOOST_TEST(full.body.size() == 256u * 32);
  BOOST_TEST(full.header("content-type") == "application/octet-stream");
  BOOST_TEST(full.header("cache-control") == "public, max-age=31536000, immutable");
  int64_t w = n % 256;
  auto partial = s.Get("/tlog/tile/0/002.p/" + std::to_string(w));
  BOOST_TEST(partial.status == 200);
  BOOST_TEST(partial.body.size() == static_cast<size_t>(w * 32));
  BOOST_TEST(partial.header("cache-control") == "public, max-age=60");
  BOOST_TEST(s.Get("/tlog/tile/1/000.p/2").body.size() == 64u);
  // Entries: a 2-byte big-endian length, then the canonical event.
  auto bundle = s.Get("/tlog/tile/entries/000");
  BOOST_REQUIRE(bundle.status == 200);
  size_t len = (static_cast<unsigned char>(bundle.body[0]) << 8) | static_cast<unsigned char>(bundle.body[1]);
  auto first = json::parse(bundle.body.substr(2, len));
  BOOST_TEST(first["seq"] == 1);
  BOOST_TEST(bundle.body.substr(2, len) == first.dump());
  // A client that accepts gzip (as Go's does) gets the same bundle compressed
  // (the test client inflates it), under an ETag of its own.
  auto zipped = s.Get("/tlog/tile/entries/000", "", {{"Accept-Encoding", "gzip"}});
  BOOST_TEST(zipped.header("content-encoding") == "gzip");
  BOOST_TEST(std::stoul(zipped.header("content-length")) < bundle.body.size() / 2);
  BOOST_TEST(zipped.body == bundle.body);
  BOOST_TEST(zipped.header("etag") != bundle.header("etag"));
  BOOST_TEST(s.Get("/tlog/tile/0/000", "", {{"Accept-Encoding", "gzip"}}).header("content-encoding").empty());
  // Not yet there, and not the one spelling of a path.
  BOOST_TEST(s.Get("/tlog/tile/0/003").status == 404);
  BOOST_TEST(s.Get("/tlog/tile/0/002").status == 404);
  BOOST_TEST(s.Get("/tlog/tile/0/002.p/" + std::to_string(w + 1)).status == 404);
  for (const char* bad : {"/tlog/tile/0/1", "/tlog/tile/00/000", "/tlog/tile/0/x000/001", "/tlog/tile/0/000.p/0",
                          "/tlog/tile/0/000.p/256", "/tlog/tile/64/000", "/tlog/tile/entries/0001"}) {
    BOOST_TEST(s.Get(bad).status == 404, bad);
  }
  // The log from before the tree got its tree at start: verify-log agrees.
  s.Stop();
  auto v = RunSamrad({"verify-log", "--data", Data(s)});
  BOOST_TEST(v.exit_code == 0, v.output);
  BOOST_TEST(v.output.find("agrees with the signed checkpoint of size " + std::to_string(n)) != std::string::npos,
             v.output);
}

BOOST_AUTO_TEST_CASE(proofs_answer_for_signed_sizes_and_refuse_what_does_not_exist) {
  TestServer s;
  s.UserToken("official");
  s.UserToken("resident");
  int64_t n = Entries(s);
  BOOST_REQUIRE(WaitForCheckpoint(s, n) == n);
  auto p = s.Get("/api/v1/log/1/proof");
  BOOST_TEST(p.status == 200);
  BOOST_TEST(p.json()["tree_size"] == n);
  BOOST_TEST(p.json()["index"] == 0);
  BOOST_TEST(p.json()["checkpoint"].is_string());
  BOOST_TEST(s.Get("/api/v1/log/1/proof?size=1").json()["hashes"].size() == 0u);
  BOOST_TEST(s.Get("/api/v1/log/2/proof?size=1").status == 422);
  BOOST_TEST(s.Get("/api/v1/log/" + std::to_string(n + 1) + "/proof").status == 404);
  BOOST_TEST(s.Get("/api/v1/log/0/proof").status == 404);
  auto c = s.Get("/api/v1/log/consistency?from=1&to=" + std::to_string(n));
  BOOST_TEST(c.status == 200);
  BOOST_TEST(c.json()["to_root"] == p.json()["root_hash"]);
  BOOST_TEST(s.Get("/api/v1/log/consistency").status == 422);
  BOOST_TEST(s.Get("/api/v1/log/consistency?from=3&to=2").status == 422);
  BOOST_TEST(s.Get("/api/v1/log/consistency?from=0&to=" + std::to_string(n + 5)).status == 422);
  auto file = s.Get("/api/v1/log/2.tlog-proof");
  BOOST_TEST(file.status == 200);
  BOOST_TEST(file.body.starts_with("c2sp.org/tlog-proof@v1\nindex 1\n"));
  BOOST_TEST(file.header("content-disposition").find("attachment") != std::string::npos);
  BOOST_TEST(s.Get("/api/v1/log/2.json").status == 404);
}

BOOST_AUTO_TEST_CASE(a_proof_carries_the_served_checkpoint_uncompressed_and_revalidates) {
  TestServer s;
  s.UserToken("official");
  int64_t n = Entries(s);
  BOOST_REQUIRE(WaitForCheckpoint(s, n) == n);
  std::string served = s.Get("/tlog/checkpoint").body;
  auto p = s.Get("/api/v1/log/1/proof", "", {{"Accept-Encoding", "gzip"}});
  BOOST_REQUIRE(p.status == 200);
  // The note with its newlines and its em dash comes back byte for byte.
  BOOST_TEST(p.json()["checkpoint"].get<std::string>() == served);
  BOOST_TEST(served.find(p.json()["root_hash"].get<std::string>()) != std::string::npos);
  // Base64 hashes gain little from gzip: a proof is sent as it is.
  BOOST_TEST(p.header("content-encoding").empty());
  BOOST_TEST(p.header("cache-control") == "no-cache");
  auto again = s.Get("/api/v1/log/1/proof", "", {{"If-None-Match", p.header("etag")}});
  BOOST_TEST(again.status == 304);
  auto c = s.Get("/api/v1/log/consistency?from=1", "", {{"Accept-Encoding", "gzip"}});
  BOOST_REQUIRE(c.status == 200);
  BOOST_TEST(c.json()["to"] == n);
  BOOST_TEST(c.json()["to_root"] == p.json()["root_hash"]);
  BOOST_TEST(c.header("content-encoding").empty());
}

BOOST_AUTO_TEST_CASE(an_auditor_holding_an_earlier_checkpoint_detects_a_rewritten_history) {
  TestServer s;
  std::string official = s.UserToken("official");
  auto d = s.Post("/api/v1/decisions",
                  {{"title", "Ny cykelbana"}, {"body", "Beslut."}, {"body_name", "Kommunstyrelsen"},
                   {"reference", "KS 2027/1"}, {"decided_at", "2027-01-10"}, {"outcome", "approved"}},
                  official);
  BOOST_REQUIRE_MESSAGE(d.status == 201, d.body);
  s.UserToken("resident");
  int64_t n = Entries(s);
  BOOST_REQUIRE(WaitForCheckpoint(s, n) == n);
  // A decision version links its entry and proofs, and they answer.
  std::string seq = std::to_string(d.json()["log_seq"].get<int64_t>());
  BOOST_TEST(d.json()["log_entry"] == "/log/" + seq);
  BOOST_TEST(s.Get(d.json()["log_proof"].get<std::string>()).status == 200);
  BOOST_TEST(s.Get(d.json()["log_proof_file"].get<std::string>()).body.starts_with("c2sp.org/tlog-proof@v1\n"));
  BOOST_TEST(s.Get("/log/" + seq, "", {{"Accept", "text/html"}}).body.find("decision.published") != std::string::npos);
  TempDir dir;
  std::string state = dir.path() + "/state";
  BOOST_REQUIRE(Audit(s, state).exit_code == 0);
  s.UserToken("resident");
  BOOST_REQUIRE(WaitForCheckpoint(s, n + 1) == n + 1);
  auto grown = Audit(s, state);
  BOOST_TEST(grown.exit_code == 0, grown.output);
  BOOST_TEST(grown.output.find("consistent with the kept checkpoint of size " + std::to_string(n)) != std::string::npos);
  // The attacker: chain, tree and checkpoint recomputed, signed with the real key.
  s.Stop();
  auto rw = RunCommand({"python3", std::string(SAMRAD_SOURCE_DIR) + "/tests/tlog_go/rewrite_history.py", Data(s)});
  BOOST_REQUIRE_MESSAGE(rw.exit_code == 0, rw.output);
  BOOST_TEST(RunSamrad({"verify-log", "--data", Data(s)}).exit_code == 0);  // nothing inside can tell
  s.Restart();
  s.UserToken("resident");
  BOOST_REQUIRE(WaitForCheckpoint(s, n + 2) == n + 2);
  auto forked = Audit(s, state);
  BOOST_TEST(forked.exit_code == 1);
  BOOST_TEST(forked.output.find("FORK") != std::string::npos, forked.output);
}
