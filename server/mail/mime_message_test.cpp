// The e-mail's MIME form: headers, encodings, line rules.
#define BOOST_TEST_MODULE mime_message
#include "server/mail/mime_message.h"

#include <boost/test/unit_test.hpp>

#include "core/crypto.h"

using namespace samrad::server::mail;

namespace {

MimeParts Sample() {
  MimeParts p;
  p.from = ParseMailAddress("Samråd <noreply@samrad.example.se>");
  p.to = "anna@example.se";
  p.subject = "Kommunen har svarat på din synpunkt om Cykelbanan längs Storgatan";
  p.date = 1796392800;  // 2026-12-04 14:00:00 UTC
  p.message_id = "<0123456789abcdef0123456789abcdef@samrad.example.se>";
  p.text_body = "Hej!\nKommunen svarade:\n\n\"Vi bygger den 2027.\"\n" + std::string(200, 'x') + "\n";
  p.html_body = "<!doctype html><html lang=\"sv\"><body><p>Hej!</p></body></html>";
  p.unsubscribe_url = "https://samrad.example.se/unsubscribe?t=abc.def";
  return p;
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_line_ends_in_crlf_and_stays_within_998_octets) {
  samrad::crypto::InitCrypto();
  std::string m = BuildMimeMessage(Sample());
  size_t start = 0;
  while (start < m.size()) {
    size_t end = m.find("\r\n", start);
    BOOST_REQUIRE(end != std::string::npos);
    std::string line = m.substr(start, end - start);
    BOOST_CHECK(line.find('\n') == std::string::npos);
    BOOST_CHECK(line.find('\r') == std::string::npos);
    BOOST_CHECK_LE(line.size(), 998u);
    start = end + 2;
  }
}

BOOST_AUTO_TEST_CASE(carries_the_headers_a_mail_client_and_a_list_filter_need) {
  samrad::crypto::InitCrypto();
  std::string m = BuildMimeMessage(Sample());
  BOOST_CHECK(m.find("Date: Fri, 04 Dec 2026 14:00:00 +0000\r\n") == 0);
  BOOST_CHECK(m.find("\r\nFrom: =?UTF-8?B?U2FtcsOlZA==?= <noreply@samrad.example.se>\r\n") != std::string::npos);
  BOOST_CHECK(m.find("\r\nTo: anna@example.se\r\n") != std::string::npos);
  BOOST_CHECK(m.find("\r\nMessage-ID: <0123456789abcdef0123456789abcdef@samrad.example.se>\r\n") !=
              std::string::npos);
  BOOST_CHECK(m.find("\r\nAuto-Submitted: auto-generated\r\n") != std::string::npos);
  BOOST_CHECK(m.find("\r\nList-Unsubscribe: <https://samrad.example.se/unsubscribe?t=abc.def>\r\n") !=
              std::string::npos);
  BOOST_CHECK(m.find("\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n") != std::string::npos);
  BOOST_CHECK(m.find("multipart/alternative; boundary=\"=_samrad_") != std::string::npos);
  BOOST_CHECK(m.find("Content-Type: text/plain; charset=UTF-8") != std::string::npos);
  BOOST_CHECK(m.find("Content-Type: text/html; charset=UTF-8") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_message_without_an_unsubscribe_link_has_no_list_headers) {
  samrad::crypto::InitCrypto();
  MimeParts p = Sample();
  p.unsubscribe_url.clear();
  std::string m = BuildMimeMessage(p);
  BOOST_CHECK(m.find("List-Unsubscribe") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(swedish_subjects_become_encoded_words_split_between_characters) {
  std::string enc = EncodeHeaderWords("Beslut om din synpunkt: Fördjupad översiktsplan för Ålö", false);
  BOOST_CHECK(enc.starts_with("=?UTF-8?B?"));
  // Each word is at most 75 characters and decodes on its own (whole characters).
  size_t start = 0;
  int words = 0;
  while (start < enc.size()) {
    size_t end = enc.find("\r\n ", start);
    std::string word = enc.substr(start, end == std::string::npos ? std::string::npos : end - start);
    BOOST_CHECK_LE(word.size(), 75u);
    BOOST_CHECK(word.starts_with("=?UTF-8?B?") && word.ends_with("?="));
    ++words;
    if (end == std::string::npos) break;
    start = end + 3;
  }
  BOOST_CHECK_GE(words, 2);
  BOOST_CHECK_EQUAL(EncodeHeaderWords("Reply to your comment", false), "Reply to your comment");
  BOOST_CHECK_EQUAL(EncodeHeaderWords("Samrad, Nacka", true), "\"Samrad, Nacka\"");
}

BOOST_AUTO_TEST_CASE(quoted_printable_escapes_non_ascii_and_breaks_long_lines_softly) {
  BOOST_CHECK_EQUAL(QuotedPrintable("Hälsningar"), "H=C3=A4lsningar");
  BOOST_CHECK_EQUAL(QuotedPrintable("a=b \nslut "), "a=3Db=20\r\nslut=20");
  std::string qp = QuotedPrintable(std::string(100, 'a') + "ö");
  BOOST_CHECK_EQUAL(qp.substr(0, 78), std::string(75, 'a') + "=\r\n");
  BOOST_CHECK(qp.ends_with("=C3=B6"));
  // Never cuts an escape in two.
  std::string many = QuotedPrintable(std::string(60, 'a') + std::string(20, '\xC3'));
  for (size_t pos = many.find("=\r\n"); pos != std::string::npos; pos = many.find("=\r\n", pos + 1)) {
    BOOST_CHECK(pos >= 3);
    BOOST_CHECK_NE(many[pos - 1], '=');
    BOOST_CHECK_NE(many[pos - 2], '=');
  }
}

BOOST_AUTO_TEST_CASE(reads_a_from_address_with_or_without_a_display_name) {
  auto a = ParseMailAddress("\"Samråd Nacka\" <noreply@nacka.se>");
  BOOST_CHECK_EQUAL(a.name, "Samråd Nacka");
  BOOST_CHECK_EQUAL(a.address, "noreply@nacka.se");
  auto b = ParseMailAddress(" noreply@nacka.se ");
  BOOST_CHECK_EQUAL(b.name, "");
  BOOST_CHECK_EQUAL(b.address, "noreply@nacka.se");
}
