// Atom and RSS renderers: well-formed documents whatever the content, HTML
// escaped, dates in RFC 3339 and RFC 822, removed entries without bodies.
#define BOOST_TEST_MODULE renderers
#include <libxml/parser.h>

#include <boost/test/unit_test.hpp>

#include "feeds/atom_renderer.h"
#include "feeds/rss_renderer.h"

using namespace samrad::feeds;

namespace {
constexpr int64_t kWhen = 1798761600;  // 2027-01-01T00:00:00Z, a Friday

Feed Sample(const std::string& title, const std::string& html) {
  Feed f;
  f.id = "tag:example.org,2026:feeds/test";
  f.title = title;
  f.subtitle = "Test";
  f.links.push_back({"https://example.org/x", "alternate", "text/html", ""});
  f.links.push_back(
      {"https://example.org/feeds/test.atom?a=1&b=2", "self", "application/atom+xml", ""});
  f.updated = kWhen;
  f.authors.push_back({"Kommunen", "https://example.org/"});
  Entry e;
  e.id = "tag:example.org,2026:consultation/1";
  e.title = title;
  e.links.push_back({"https://example.org/consultations/1", "alternate", "text/html", ""});
  e.published = kWhen - 3600;
  e.updated = kWhen;
  e.categories.push_back({"Sickla", "tag:example.org,2026:area", "Sickla"});
  e.summary = title;
  e.content_html = html;
  e.language = "en";
  f.entries.push_back(e);
  return f;
}

// The document parsed strictly: null when it is not well-formed.
xmlDocPtr Parse(const std::string& doc) {
  return xmlReadMemory(doc.data(), static_cast<int>(doc.size()), "feed.xml", nullptr,
                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
}

std::string TextOf(xmlDocPtr doc, const char* element) {
  for (xmlNodePtr n = xmlDocGetRootElement(doc); n;) {
    if (n->type == XML_ELEMENT_NODE &&
        std::string(reinterpret_cast<const char*>(n->name)) == element) {
      xmlChar* t = xmlNodeGetContent(n);
      std::string out(reinterpret_cast<char*>(t));
      xmlFree(t);
      return out;
    }
    // Depth-first walk.
    if (n->children) {
      n = n->children;
    } else {
      while (n && !n->next) n = n->parent;
      if (n) n = n->next;
    }
  }
  return "";
}

const std::string kHostileTitle =
    std::string("Bad ]]> <script>alert(1)</script> \x01\x1B\xFF\xC0 & \"q\"");
const std::string kHostileHtml = "<p>x</p><script>alert('x')</script>]]>&amp;\x0B\xED\xA0\x80";
}  // namespace

BOOST_AUTO_TEST_CASE(atom_with_hostile_content_is_well_formed_and_escaped) {
  auto doc = RenderAtom(Sample(kHostileTitle, kHostileHtml));
  BOOST_REQUIRE(doc.ok());
  BOOST_TEST(doc.value().find("<script>") == std::string::npos);
  BOOST_TEST(doc.value().find("&lt;script&gt;") != std::string::npos);
  xmlDocPtr x = Parse(doc.value());
  BOOST_REQUIRE(x != nullptr);
  // What a reader sees: the original text, minus what XML cannot carry.
  BOOST_TEST(TextOf(x, "title") ==
             "Bad ]]> <script>alert(1)</script> \xEF\xBF\xBD\xEF\xBF\xBD & \"q\"");
  std::string content = TextOf(x, "content");
  BOOST_TEST(content.find("<script>alert('x')</script>]]>&amp;") == 8);
  xmlFreeDoc(x);
}

BOOST_AUTO_TEST_CASE(rss_with_hostile_content_is_well_formed_and_escaped) {
  auto doc = RenderRss(Sample(kHostileTitle, kHostileHtml));
  BOOST_REQUIRE(doc.ok());
  BOOST_TEST(doc.value().find("<script>") == std::string::npos);
  xmlDocPtr x = Parse(doc.value());
  BOOST_REQUIRE(x != nullptr);
  BOOST_TEST(TextOf(x, "item").find("<script>alert('x')</script>") != std::string::npos);
  xmlFreeDoc(x);
}

BOOST_AUTO_TEST_CASE(atom_dates_are_rfc3339_and_rss_dates_rfc822) {
  auto atom = RenderAtom(Sample("t", "<p>b</p>"));
  BOOST_TEST(atom.value().find("<updated>2027-01-01T00:00:00Z</updated>") != std::string::npos);
  BOOST_TEST(atom.value().find("<published>2026-12-31T23:00:00Z</published>") != std::string::npos);
  auto rss = RenderRss(Sample("t", "<p>b</p>"));
  // pubDate is the first publication, not the last edit.
  BOOST_TEST(rss.value().find("<pubDate>Thu, 31 Dec 2026 23:00:00 GMT</pubDate>") !=
             std::string::npos);
  BOOST_TEST(rss.value().find("<lastBuildDate>Fri, 01 Jan 2027 00:00:00 GMT</lastBuildDate>") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(atom_carries_language_links_authors_and_categories) {
  Feed f = Sample("t", "<p>b</p>");
  f.archive = true;
  std::string a = RenderAtom(f).value();
  BOOST_TEST(a.find("xml:lang=\"sv\"") != std::string::npos);
  BOOST_TEST(a.find("<entry xml:lang=\"en\">") != std::string::npos);
  BOOST_TEST(
      a.find("<link rel=\"self\" href=\"https://example.org/feeds/test.atom?a=1&amp;b=2\"") !=
      std::string::npos);
  BOOST_TEST(a.find("<name>Kommunen</name>") != std::string::npos);
  BOOST_TEST(
      a.find("<category term=\"Sickla\" scheme=\"tag:example.org,2026:area\" label=\"Sickla\"/>") !=
      std::string::npos);
  BOOST_TEST(a.find("<fh:archive/>") != std::string::npos);
  BOOST_TEST(a.find("<content type=\"html\">&lt;p&gt;b&lt;/p&gt;</content>") != std::string::npos);
  std::string r = RenderRss(f).value();
  BOOST_TEST(r.find("<guid isPermaLink=\"false\">tag:example.org,2026:consultation/1</guid>") !=
             std::string::npos);
  BOOST_TEST(r.find("<category domain=\"tag:example.org,2026:area\">Sickla</category>") !=
             std::string::npos);
  BOOST_TEST(r.find("<atom:link rel=\"self\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(removed_entry_never_shows_its_body) {
  Feed f = Sample("Kommentar", "<p>secret words</p>");
  f.entries[0].summary = "secret summary";
  f.entries[0].removed = true;
  f.entries[0].removed_note = "Dold av moderator: personuppgifter";
  for (const auto& doc : {RenderAtom(f).value(), RenderRss(f).value()}) {
    BOOST_TEST(doc.find("secret") == std::string::npos);
    BOOST_TEST(doc.find("Dold av moderator: personuppgifter") != std::string::npos);
    BOOST_TEST(doc.find("tag:example.org,2026:consultation/1") != std::string::npos);
  }
}
