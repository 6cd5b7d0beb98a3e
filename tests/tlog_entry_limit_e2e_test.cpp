// Texts go whole into log entries, and an entry holds at most 65,535 bytes:
// a change that would not fit is refused with 422 at the field that takes
// the most bytes, naming its size and the limit in bytes, in the API and in
// the staff desk's forms, and nothing of it is stored.
#define BOOST_TEST_MODULE tlog_entry_limit_e2e
#include <boost/test/unit_test.hpp>

#include "tests/support/comment_fixtures.h"
#include "tests/support/web_forms.h"

using namespace samrad::testing;
using nlohmann::json;
using Fields = std::vector<std::pair<std::string, std::string>>;

namespace {
bool Has(const std::string& html, const std::string& part) { return html.find(part) != std::string::npos; }

json Decision(const std::string& body) {
  return {{"title", "Ny cykelbana"}, {"body", body}, {"body_name", "Kommunstyrelsen"},
          {"reference", "KS 2027/7"}, {"decided_at", "2027-01-10"}, {"outcome", "approved"}};
}

int64_t Entries(TestServer& s) { return s.Get("/api/v1/log/verify").json()["entries"]; }

// The one field error of a 422 problem: its pointer and message.
std::pair<std::string, std::string> FieldError(const HttpResult& r) {
  BOOST_REQUIRE_MESSAGE(r.status == 422, r.status << " " << r.body);
  BOOST_TEST(r.header("content-type").starts_with("application/problem+json"));
  auto errors = r.json()["errors"];
  BOOST_REQUIRE(errors.size() == 1u);
  return {errors[0]["field"], errors[0]["message"]};
}
}  // namespace

BOOST_AUTO_TEST_CASE(the_api_refuses_a_decision_or_amendment_too_large_for_one_entry_with_422_at_its_field) {
  TestServer s;
  std::string official = s.UserToken("official");
  int64_t head = Entries(s);
  auto [field, message] = FieldError(s.Post("/api/v1/decisions", Decision(std::string(70000, 'a')), official));
  BOOST_TEST(field == "/body");
  BOOST_TEST(Has(message, "at most 65535 bytes fit"), message);
  BOOST_TEST(Has(message, "it takes 70"), message);  // the entry's size: the body and the rest
  BOOST_TEST(Entries(s) == head);
  BOOST_TEST(s.Get("/api/v1/decisions").json()["items"].empty());

  // A decision that fits, then an amendment whose entry holds the old and
  // the new text besides the decision: refused at /changes/body.
  auto made = s.Post("/api/v1/decisions", Decision(std::string(25000, 'a')), official);
  BOOST_REQUIRE_MESSAGE(made.status == 201, made.body);
  std::string id = std::to_string(made.json()["id"].get<int64_t>());
  head = Entries(s);
  json amend = {{"changes", {{"body", std::string(25000, 'b')}}}, {"reason", "Ny text"}};
  auto refused = FieldError(s.Post("/api/v1/decisions/" + id + "/amendments", amend, official));
  BOOST_TEST(refused.first == "/changes/body");
  BOOST_TEST(Has(refused.second, "at most 65535 bytes fit"), refused.second);
  BOOST_TEST(Entries(s) == head);
  BOOST_TEST(s.Get("/api/v1/decisions/" + id).json()["version"] == 1);
  // A shorter new text fits.
  amend["changes"]["body"] = std::string(5000, 'b');
  BOOST_TEST(s.Post("/api/v1/decisions/" + id + "/amendments", amend, official).status == 201);
}

BOOST_AUTO_TEST_CASE(the_api_refuses_a_consultation_whose_texts_would_not_fit_with_the_limit_in_bytes) {
  TestServer s;
  std::string official = s.UserToken("official");
  json d = {{"title", "Stor text"}, {"summary", "Sammanfattning"}, {"body", std::string(60000, 'x')},
            {"language", "sv"}, {"opens_at", "2026-12-01"}, {"closes_at", "2027-01-20"}};
  auto [field, message] = FieldError(s.Post("/api/v1/consultations", d, official));
  BOOST_TEST(field == "/body");
  BOOST_TEST(Has(message, "at most 57343 bytes fit"), message);
}

BOOST_AUTO_TEST_CASE(the_desk_forms_show_the_refusal_at_the_field_in_swedish_and_english) {
  TestServer s(true);
  std::string official = s.UserToken("official");
  Browser olga = SignedIn(s, official);
  Fields decision = {{"title", "Parken byggs"}, {"body", std::string(70000, 'a')}, {"body_name", "Kommunstyrelsen"},
                     {"reference", "KS 2027/1"}, {"decided_at", "2027-01-01"}, {"outcome", "approved"},
                     {"op", "save"}};
  int64_t head = Entries(s);
  auto page = olga.Post(s, "/desk/decisions", decision);
  BOOST_TEST(page.status == 422);
  BOOST_TEST(Has(page.body, "href=\"#f-body\""));
  BOOST_TEST(Has(page.body, "Texten får inte plats i den offentliga loggen: den tar 70"), page.body.substr(0, 3000));
  BOOST_TEST(Has(page.body, "och högst 65535 byte ryms."));
  BOOST_TEST(Entries(s) == head);
  auto en = olga.Post(s, "/desk/decisions?lang=en", decision);
  BOOST_TEST(en.status == 422);
  BOOST_TEST(Has(en.body, "The text does not fit the public log"));

  Fields consultation = {{"title", "Stor text"}, {"summary", "Kort"}, {"body", std::string(60000, 'x')},
                         {"language", "sv"}, {"opens_at", "2026-12-20"}, {"closes_at", "2027-02-01"}};
  auto draft = olga.Post(s, "/desk/consultations", consultation);
  BOOST_TEST(draft.status == 422);
  BOOST_TEST(Has(draft.body, "href=\"#f-body\""));
  BOOST_TEST(Has(draft.body, "och högst 57343 byte ryms."));
}
