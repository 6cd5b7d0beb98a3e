// The words of notification e-mail: each kind's subject and lines in both
// languages, links back to the exact place, and digests that stay short.
#define BOOST_TEST_MODULE mail_composer
#include "server/mail/mail_composer.h"

#include <boost/test/unit_test.hpp>

#include "server/web/templates.h"

using namespace samrad;
using namespace samrad::server::mail;

namespace {

Notification Answer(int64_t id, int64_t consultation, const std::string& title) {
  Notification n;
  n.id = id;
  n.user_id = 5;
  n.kind = "official_answer";
  n.consultation_id = consultation;
  n.link = "/comments/" + std::to_string(100 + id);
  n.data = {{"consultation_title", title},
            {"excerpt", "Vi bygger <cykelbanan> 2027 & tackar."},
            {"author", "Stadsbyggnadskontoret"},
            {"author_kind", "public"},
            {"your_excerpt", "Bygg cykelbanan."}};
  return n;
}

MailFooter KindFooter() { return {false, "https://samrad.example.se/unsubscribe?t=abc", "kind"}; }

}  // namespace

BOOST_AUTO_TEST_CASE(every_kind_has_a_subject_and_a_line_in_both_languages) {
  for (const char* lang : {"sv", "en"}) {
    const auto& m = server::MessageCatalogue(lang);
    for (std::string_view kind : notify::kPersonalKinds) {
      BOOST_CHECK_MESSAGE(m.contains("mail_subject_" + std::string(kind)), lang << " subject " << kind);
      BOOST_CHECK_MESSAGE(m.contains("mail_line_" + std::string(kind)), lang << " line " << kind);
    }
    for (std::string_view kind : notify::kFollowedKinds) {
      BOOST_CHECK_MESSAGE(m.contains("mail_subject_" + std::string(kind)), lang << " subject " << kind);
      BOOST_CHECK_MESSAGE(m.contains("mail_line_" + std::string(kind)), lang << " line " << kind);
    }
  }
}

BOOST_AUTO_TEST_CASE(an_answer_names_the_consultation_quotes_the_answer_and_links_to_the_comment) {
  MailComposer composer("https://samrad.example.se");
  ComposedMail sv = composer.One(Answer(1, 7, "Cykelbana längs Älvgatan"), "sv", KindFooter());
  BOOST_CHECK_EQUAL(sv.subject, "Kommunen har svarat på din kommentar om ”Cykelbana längs Älvgatan”");
  BOOST_CHECK(sv.text.find("Stadsbyggnadskontoret svarade på din kommentar för kommunen.") != std::string::npos);
  BOOST_CHECK(sv.text.find("\"Vi bygger <cykelbanan> 2027 & tackar.\"") != std::string::npos);
  BOOST_CHECK(sv.text.find("Din kommentar: Bygg cykelbanan.") != std::string::npos);
  BOOST_CHECK(sv.text.find("https://samrad.example.se/comments/101") != std::string::npos);
  BOOST_CHECK(sv.text.find("Sluta få e-post av det här slaget: https://samrad.example.se/unsubscribe?t=abc") !=
              std::string::npos);
  // The HTML part escapes what people wrote.
  BOOST_CHECK(sv.html.find("Vi bygger &lt;cykelbanan&gt; 2027 &amp; tackar.") != std::string::npos);
  BOOST_CHECK(sv.html.find("<cykelbanan>") == std::string::npos);
  BOOST_CHECK(sv.html.find("href=\"https://samrad.example.se/comments/101\"") != std::string::npos);
  BOOST_CHECK(sv.html.find("<html lang=\"sv\">") != std::string::npos);
  ComposedMail en = composer.One(Answer(1, 7, "Cycle lane"), "en", KindFooter());
  BOOST_CHECK_EQUAL(en.subject, "The municipality answered your comment on “Cycle lane”");
  BOOST_CHECK(en.html.find("<html lang=\"en\">") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_deleted_author_is_named_as_such) {
  MailComposer composer("https://samrad.example.se");
  Notification n = Answer(1, 7, "Skolgården");
  n.kind = "reply";
  n.data["author"] = "";
  n.data["author_kind"] = "deleted";
  BOOST_CHECK(composer.One(n, "sv", KindFooter()).text.find("Ett raderat konto svarade på din kommentar.") !=
              std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_digest_groups_by_consultation_and_links_to_the_rest) {
  MailComposer composer("https://samrad.example.se");
  std::vector<Notification> items = {Answer(1, 7, "Skolgården"), Answer(2, 8, "Badplatsen"),
                                     Answer(3, 7, "Skolgården")};
  ComposedMail d = composer.Digest(items, 120, false, "/me/notifications", "sv",
                                   {false, "https://samrad.example.se/unsubscribe?t=u", "user"});
  BOOST_CHECK_EQUAL(d.subject, "Dagens nyheter från Samråd (120)");
  size_t school = d.text.find("== Skolgården ==");
  size_t bath = d.text.find("== Badplatsen ==");
  BOOST_REQUIRE(school != std::string::npos && bath != std::string::npos);
  BOOST_CHECK_LT(school, bath);
  BOOST_CHECK(d.text.find("== Skolgården ==", school + 1) == std::string::npos);
  BOOST_CHECK(d.text.find("https://samrad.example.se/comments/103") < bath);
  BOOST_CHECK(d.text.find("Se alla 120 nyheter på Samråd: https://samrad.example.se/me/notifications") !=
              std::string::npos);
  ComposedMail all = composer.Digest(items, 3, true, "/me/notifications", "en", {false, "", "user"});
  BOOST_CHECK_EQUAL(all.subject, "This week's news from Samråd (3)");
  BOOST_CHECK(all.text.find("See all") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(fill_replaces_known_names_and_drops_unknown_ones) {
  nlohmann::json d = {{"title", "Skolgården"}, {"version", 3}};
  BOOST_CHECK_EQUAL(MailComposer::Fill("”{title}” v{version}{missing}.", d), "”Skolgården” v3.");
  BOOST_CHECK_EQUAL(MailComposer::Fill("no {brace", d), "no {brace");
}
