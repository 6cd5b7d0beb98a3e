// Reads served from memory are never older than a commit the reader could
// know of: answers to signed-out visitors (pages, JSON, lists, feeds) after
// writes through the API and after writes by other processes on the same
// data folder (the sqlite3 tool); hidden comments leave
// every answer at once; signed-in pages stay personal; pages are gzipped
// for browsers that accept it.
#define BOOST_TEST_MODULE read_caching_e2e
#include <boost/test/unit_test.hpp>

#include "tests/support/comment_fixtures.h"
#include "tests/support/gunzip.h"
#include "tests/support/raw_socket.h"

using namespace samrad::testing;
using nlohmann::json;

namespace {

struct Unlimited {
  Unlimited() { setenv("SAMRAD_COMMENTS_PER_MINUTE", "1000000", 1); }
};
BOOST_TEST_GLOBAL_FIXTURE(Unlimited);

// A GET as the bytes arrive (the HTTP library would undo the gzip).
RawResponse RawGet(const TestServer& s, const std::string& path, const std::string& extra = "") {
  int fd = Connect(s.port());
  Send(fd, "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + extra + "\r\n");
  auto r = ReadResponse(fd);
  close(fd);
  return r;
}

bool HasLine(const RawResponse& r, const std::string& line) {
  return r.head.find("\r\n" + line + "\r\n") != std::string::npos;
}

std::string Id(int64_t id) { return std::to_string(id); }

// The public reads of one consultation a signed-out visitor makes.
std::vector<std::string> PublicReads(int64_t consultation) {
  std::string id = Id(consultation);
  return {"/",
          "/consultations",
          "/consultations/" + id,
          "/api/v1/consultations",
          "/api/v1/consultations?limit=20",
          "/api/v1/consultations/" + id,
          CommentsPath(consultation),
          "/feeds/consultations.atom",
          "/feeds/consultations/" + id + "/comments.atom"};
}

// Every read twice, so that the second comes from memory where it can.
void Warm(TestServer& s, const std::vector<std::string>& paths) {
  for (const auto& path : paths) {
    for (int i = 0; i < 2; ++i) BOOST_REQUIRE_MESSAGE(s.Get(path).status == 200, path);
  }
}

void ExpectEverywhere(TestServer& s, const std::vector<std::string>& paths, const std::string& text,
                      bool present) {
  for (const auto& path : paths) {
    auto r = s.Get(path);
    BOOST_REQUIRE_EQUAL(r.status, 200);
    BOOST_TEST((r.body.find(text) != std::string::npos) == present,
               path << (present ? " lacks " : " still shows ") << text);
  }
}

std::string SessionCookie(const std::string& token) { return "samrad_session=" + token; }

}  // namespace

BOOST_AUTO_TEST_CASE(a_comment_shows_in_every_signed_out_read_right_after_its_commit) {
  TestServer s;
  int64_t id = PublishConsultation(s, s.UserToken("official"), "2026-01-01", "2099-01-01");
  std::string resident = s.ResidentToken();
  auto reads = PublicReads(id);
  std::vector<std::string> thread_reads = {"/consultations/" + Id(id), CommentsPath(id),
                                           "/feeds/consultations/" + Id(id) + "/comments.atom"};
  for (int round = 0; round < 3; ++round) {
    Warm(s, reads);
    std::string text = "Gångfartsområde vid torget, förslag " + std::to_string(round);
    ExpectEverywhere(s, thread_reads, text, false);
    PostComment(s, id, resident, text);
    ExpectEverywhere(s, thread_reads, text, true);
  }
  auto count = s.Get("/api/v1/consultations/" + Id(id)).json()["comment_count"];
  BOOST_TEST(count == 3);
}

BOOST_AUTO_TEST_CASE(a_new_consultation_shows_in_lists_feeds_and_pages_at_once) {
  TestServer s;
  std::string official = s.UserToken("official");
  int64_t first = PublishConsultation(s, official, "2026-01-01", "2099-01-01");
  std::vector<std::string> lists = {"/", "/consultations", "/api/v1/consultations", "/feeds/consultations.atom"};
  Warm(s, PublicReads(first));
  PublishConsultation(s, official, "2026-01-01", "2099-01-01", "Solceller på simhallens tak");
  ExpectEverywhere(s, lists, "Solceller på simhallens tak", true);
}

BOOST_AUTO_TEST_CASE(writes_by_other_processes_on_the_data_folder_are_seen_at_once) {
  TestServer s;
  int64_t id = PublishConsultation(s, s.UserToken("official"), "2026-01-01", "2099-01-01");
  std::vector<std::string> reads = {"/consultations", "/consultations/" + Id(id), "/api/v1/consultations",
                                    "/api/v1/consultations/" + Id(id), "/feeds/consultations.atom"};
  std::string db = s.data_dir() + "/data/samrad.db";
  for (const std::string title : {"Ny titel från sqlite3", "Andra titeln från sqlite3"}) {
    Warm(s, reads);
    ExpectEverywhere(s, reads, title, false);
    auto r = RunCommand({"sqlite3", db, "UPDATE consultations SET title = '" + title + "' WHERE id = " + Id(id)});
    BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.output);
    // The JSON, the pages and the feed (whose entry carries the title).
    ExpectEverywhere(s, {"/consultations", "/consultations/" + Id(id), "/api/v1/consultations",
                         "/api/v1/consultations/" + Id(id)},
                     title, true);
  }
}

BOOST_AUTO_TEST_CASE(a_hidden_comment_leaves_every_cached_answer_at_once) {
  TestServer s;
  int64_t id = PublishConsultation(s, s.UserToken("official"), "2026-01-01", "2099-01-01");
  std::string moderator = s.UserToken("moderator");
  std::string resident = s.ResidentToken();
  std::string secret = "Ring mig på 070-1234567 om parken";
  int64_t bad = PostComment(s, id, resident, secret);
  PostComment(s, id, resident, "Fler bänkar i parken");
  std::vector<std::string> reads = {"/consultations/" + Id(id), CommentsPath(id), CommentPath(bad),
                                    "/comments/" + Id(bad), "/feeds/consultations/" + Id(id) + "/comments.atom"};
  Warm(s, reads);
  ExpectEverywhere(s, reads, secret, true);
  auto hide = s.Post(CommentPath(bad) + "/moderation", {{"action", "hide"}, {"reason", "Personuppgifter"}}, moderator);
  BOOST_REQUIRE_MESSAGE(hide.status == 201, hide.body);
  ExpectEverywhere(s, reads, secret, false);
  // Also in the gzip form a browser gets.
  auto gz = RawGet(s, "/consultations/" + Id(id), "Accept-Encoding: gzip\r\n");
  BOOST_REQUIRE(HasLine(gz, "Content-Encoding: gzip"));
  BOOST_TEST(Gunzip(gz.body).find(secret) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(signed_in_pages_never_show_one_users_parts_to_another) {
  TestServer s;
  int64_t id = PublishConsultation(s, s.UserToken("official"), "2026-01-01", "2099-01-01");
  std::string anna = s.ResidentToken("Anna Andersson");
  std::string bo = s.ResidentToken("Bo Berglund");
  PostComment(s, id, anna, "Annas kommentar om parken");
  std::string page = "/consultations/" + Id(id);
  for (int round = 0; round < 4; ++round) {
    auto as_anna = s.Get(page, "", {{"Cookie", SessionCookie(anna)}});
    auto as_bo = s.Get(page, "", {{"Cookie", SessionCookie(bo)}});
    auto signed_out = s.Get(page);
    BOOST_REQUIRE_EQUAL(as_anna.status, 200);
    BOOST_REQUIRE_EQUAL(as_bo.status, 200);
    BOOST_REQUIRE_EQUAL(signed_out.status, 200);
    // Each signed-in page carries its own user's form token and sign-out
    // form; the signed-out page carries neither.
    BOOST_TEST(as_anna.body.find("action=\"/logout\"") != std::string::npos);
    BOOST_TEST(as_bo.body.find("action=\"/logout\"") != std::string::npos);
    BOOST_TEST(signed_out.body.find("action=\"/logout\"") == std::string::npos);
    BOOST_TEST(signed_out.body.find("name=\"csrf\"") == std::string::npos);
    BOOST_TEST(as_anna.body != as_bo.body);
    BOOST_TEST(as_anna.header("cache-control") == "no-store");
    // A page asked for with a session cookie is never answered from what
    // another user, or nobody, was given: the token differs per user.
    auto token_of = [](const std::string& body) {
      size_t at = body.find("name=\"csrf\" value=\"");
      return at == std::string::npos ? std::string() : body.substr(at + 19, body.find('"', at + 19) - at - 19);
    };
    BOOST_TEST(!token_of(as_anna.body).empty());
    BOOST_TEST(token_of(as_anna.body) != token_of(as_bo.body));
  }
}

BOOST_AUTO_TEST_CASE(pages_are_gzipped_for_browsers_that_accept_it) {
  TestServer s;
  int64_t id = PublishConsultation(s, s.UserToken("official"), "2026-01-01", "2099-01-01");
  PostComment(s, id, s.ResidentToken(), "En kommentar som gör sidan lite längre");
  for (const std::string& path : std::vector<std::string>{"/", "/consultations", "/consultations/" + Id(id)}) {
    auto plain = RawGet(s, path);
    auto gz = RawGet(s, path, "Accept-Encoding: gzip\r\n");
    BOOST_REQUIRE_MESSAGE(gz.head.starts_with("HTTP/1.1 200"), gz.head);
    BOOST_TEST(HasLine(gz, "Content-Encoding: gzip"), path);
    BOOST_TEST(gz.head.find("Accept-Encoding") != std::string::npos, path);  // in Vary
    BOOST_TEST(gz.body.size() < plain.body.size(), path);
    BOOST_TEST(Gunzip(gz.body) == plain.body, path);
  }
}

BOOST_AUTO_TEST_CASE(the_cache_can_be_turned_off_and_answers_stay_the_same) {
  TestServer s(false, {"--cache-mb", "0"});
  int64_t id = PublishConsultation(s, s.UserToken("official"), "2026-01-01", "2099-01-01");
  std::string resident = s.ResidentToken();
  Warm(s, PublicReads(id));
  PostComment(s, id, resident, "Utan cache syns den också");
  ExpectEverywhere(s, {"/consultations/" + Id(id), CommentsPath(id)}, "Utan cache syns den också", true);
}
