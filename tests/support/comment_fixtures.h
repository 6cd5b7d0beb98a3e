// Shared set-up for the comment and moderation end-to-end tests: a server
// on the fixed clock with a consultation open at its start, and short calls.
#pragma once

#include <boost/test/unit_test.hpp>
#include <string>

#include "tests/support/test_server.h"

namespace samrad::testing {

constexpr int64_t kClockStart = 1798761600;  // the fixed clock's start, 2027-01-01T00:00:00Z
constexpr int64_t kMinute = 60;
constexpr int64_t kDay = 24 * 3600;

// Publishes a consultation (two sections) between the given dates; returns
// its id. Sessions last 30 days, so tests close it by moving time 25 days.
inline int64_t PublishConsultation(TestServer& s, const std::string& official,
                                   const std::string& opens = "2026-12-01",
                                   const std::string& closes = "2027-01-20",
                                   const std::string& title = "Ny park vid Kvarnholmen") {
  nlohmann::json d = {{"title", title},         {"summary", "Sammanfattning"},
                      {"body", "Förslaget"},    {"language", "sv"},
                      {"opens_at", opens},      {"closes_at", closes},
                      {"sections", {{{"heading", "Lek"}, {"body", "Lekplats"}},
                                    {{"heading", "Träd"}, {"body", "Ekar"}}}}};
  auto c = s.Post("/api/v1/consultations", d, official);
  BOOST_REQUIRE_MESSAGE(c.status == 201, c.body);
  int64_t id = c.json()["id"];
  BOOST_REQUIRE(s.Post("/api/v1/consultations/" + std::to_string(id) + "/publish",
                       nlohmann::json::object(), official).status == 200);
  return id;
}

inline std::string CommentsPath(int64_t consultation) {
  return "/api/v1/consultations/" + std::to_string(consultation) + "/comments";
}
inline std::string CommentPath(int64_t comment) {
  return "/api/v1/comments/" + std::to_string(comment);
}

// Posts and requires 201; returns the new comment's id.
inline int64_t PostComment(TestServer& s, int64_t consultation, const std::string& token,
                           const std::string& body, nlohmann::json extra = nlohmann::json::object()) {
  extra["body"] = body;
  auto r = s.Post(CommentsPath(consultation), extra, token);
  BOOST_REQUIRE_MESSAGE(r.status == 201, r.body);
  return r.json()["id"];
}

}  // namespace samrad::testing
