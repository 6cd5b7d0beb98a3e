// The report's PDF is typeset on its own worker: while a render is in
// progress (held by the test through SAMRAD_TEST_RENDER_GATE), a CSV export
// and /healthz are answered, concurrent requests for the PDF either wait for
// it or get 503 with Retry-After at once (problem+json, or a small page for a
// browser), and once the render ends every waiting request gets the PDF.
#define BOOST_TEST_MODULE report_render_e2e
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <future>
#include <vector>

#include "tests/support/comment_fixtures.h"
#include "tests/support/test_server.h"

using namespace samrad::testing;
using namespace std::chrono_literals;

namespace {
// Renders start only once this file exists; set before the server starts.
struct Gate {
  TempDir dir;
  std::string file = dir.path() + "/open";
  Gate() { setenv("SAMRAD_TEST_RENDER_GATE", file.c_str(), 1); }
  void Open() const { std::ofstream(file) << "open\n"; }
};

struct Fixture {
  Gate gate;
  TestServer s{true};
  std::string official = s.UserToken("official");
  int64_t k = 0;

  Fixture() {
    std::string resident = s.ResidentToken();
    k = PublishConsultation(s, official);
    for (int i = 0; i < 3; ++i) PostComment(s, k, resident, "Synpunkt nummer " + std::to_string(i) + " om parken");
  }
  std::string Pdf() const { return "/consultations/" + std::to_string(k) + "/report.pdf"; }
  std::future<HttpResult> GetLater(const std::string& path, std::map<std::string, std::string> headers = {}) {
    return std::async(std::launch::async, [this, path, headers] { return s.Get(path, official, headers); });
  }
};

bool Ready(std::future<HttpResult>& f) { return f.wait_for(0s) == std::future_status::ready; }

// Waits until one of the requests has its answer (a hang ends the test).
size_t FirstAnswered(std::vector<std::future<HttpResult>>& requests) {
  for (int tries = 0; tries < 6000; ++tries) {
    for (size_t i = 0; i < requests.size(); ++i) {
      if (Ready(requests[i])) return i;
    }
    std::this_thread::sleep_for(10ms);
  }
  BOOST_FAIL("no request for the PDF was answered while its render was held");
  return 0;
}

void RequireBusy(const HttpResult& r) {
  BOOST_TEST(r.status == 503);
  BOOST_TEST(r.header("retry-after").find_first_not_of("0123456789") == std::string::npos);
  BOOST_TEST(std::atoi(r.header("retry-after").c_str()) >= 1);
}
}  // namespace

BOOST_FIXTURE_TEST_CASE(a_pdf_render_in_progress_blocks_nothing_else_and_never_hangs_a_request, Fixture) {
  // Three at once for a PDF not made yet: two may wait for the render, so at
  // least one is told at once to come back later.
  std::vector<std::future<HttpResult>> pdfs;
  for (int i = 0; i < 3; ++i) pdfs.push_back(GetLater(Pdf()));
  size_t told = FirstAnswered(pdfs);
  HttpResult busy = pdfs[told].get();
  RequireBusy(busy);
  BOOST_TEST(busy.header("content-type") == "application/problem+json");
  BOOST_TEST(busy.json()["status"] == 503);
  pdfs.erase(pdfs.begin() + static_cast<long>(told));

  // The render is still held: other downloads and the health check are answered meanwhile.
  auto csv = s.Get("/opendata/consultations.csv");
  BOOST_TEST(csv.status == 200);
  BOOST_TEST(csv.body.find("Ny park vid Kvarnholmen") != std::string::npos);
  auto health = s.Get("/healthz");
  BOOST_TEST(health.status == 200);
  auto page = s.Get("/consultations/" + std::to_string(k));
  BOOST_TEST(page.status == 200);
  // Both waiting requests are still pending: they wait for the held render.
  int pending = 0;
  for (auto& p : pdfs) pending += !Ready(p);
  BOOST_TEST(pending == 2);
  // A browser asking while both waiting places are taken gets a small page.
  auto html = s.Get(Pdf(), official, {{"Accept", "text/html,application/xhtml+xml"}});
  RequireBusy(html);
  BOOST_TEST(html.header("content-type").starts_with("text/html"));
  BOOST_TEST(html.body.find("Rapporten sätts just nu") != std::string::npos);

  gate.Open();
  for (auto& p : pdfs) {
    HttpResult r = p.get();
    BOOST_TEST(r.status == 200);
    BOOST_TEST(r.header("content-type") == "application/pdf");
    BOOST_TEST(r.body.starts_with("%PDF-"));
  }
  // Made once, then kept: the next request gets it at once.
  auto again = s.Get(Pdf(), official);
  BOOST_TEST(again.status == 200);
  BOOST_TEST(again.body.starts_with("%PDF-"));
}

BOOST_FIXTURE_TEST_CASE(a_request_for_another_language_queues_its_own_render, Fixture) {
  auto sv = GetLater(Pdf());
  auto en = GetLater(Pdf() + "?lang=en");
  BOOST_TEST(s.Get("/healthz").status == 200);
  gate.Open();
  // Two waiting places: both wait for their own render and get it.
  for (auto* f : {&sv, &en}) {
    HttpResult r = f->get();
    BOOST_TEST(r.status == 200);
    BOOST_TEST(r.body.starts_with("%PDF-"));
  }
  auto en_again = s.Get(Pdf() + "?lang=en", official);
  BOOST_TEST(en_again.status == 200);
  BOOST_TEST(en_again.body.starts_with("%PDF-"));
}
