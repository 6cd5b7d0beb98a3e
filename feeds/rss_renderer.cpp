// RSS 2.0 rendering with xmlTextWriter. RSS has no "updated": an item's
// pubDate is its first publication, so an edit does not make it look new;
// guid is the stable id (a tag URI, not a page: isPermaLink="false").
#include "feeds/rss_renderer.h"

#include "core/http_date.h"
#include "feeds/atom_renderer.h"
#include "feeds/xml_writer.h"

namespace samrad::feeds {

namespace {
const Link* FindLink(const std::vector<Link>& links, const std::string& rel) {
  for (const auto& l : links) {
    if (l.rel == rel) return &l;
  }
  return nullptr;
}

void WriteItem(XmlWriter& w, const Entry& e) {
  w.Start("item");
  w.Element("title", e.title);
  if (const Link* alt = FindLink(e.links, "alternate")) w.Element("link", alt->href);
  w.Element("description", e.removed                ? e.removed_note
                           : e.content_html.empty() ? e.summary
                                                    : e.content_html);
  w.Start("guid").Attr("isPermaLink", "false").Text(e.id).End();
  w.Element("pubDate", FormatHttpDate(e.published > 0 ? e.published : e.updated));
  for (const auto& a : e.authors) w.Element("dc:creator", a.name);
  for (const auto& c : e.categories) {
    w.Start("category");
    if (!c.scheme.empty()) w.Attr("domain", c.scheme);
    w.Text(c.term).End();
  }
  w.End();
}
}  // namespace

Result<std::string> RenderRss(const Feed& feed) {
  XmlWriter w;
  w.Start("rss").Attr("version", "2.0");
  w.Namespace("atom", kAtomNamespace).Namespace("dc", "http://purl.org/dc/elements/1.1/");
  w.Namespace("fh", kHistoryNamespace);
  w.Start("channel");
  w.Element("title", feed.title);
  const Link* alt = FindLink(feed.links, "alternate");
  w.Element("link", alt ? alt->href : feed.id);
  w.Element("description", feed.subtitle.empty() ? feed.title : feed.subtitle);
  if (!feed.language.empty()) w.Element("language", feed.language);
  w.Element("lastBuildDate", FormatHttpDate(feed.updated));
  w.Element("generator", kGeneratorName);
  w.Element("docs", "https://www.rssboard.org/rss-specification");
  for (const auto& l : feed.links) {
    if (l.rel == "alternate") continue;
    w.Start("atom:link").Attr("rel", l.rel).Attr("href", l.href);
    if (!l.type.empty()) w.Attr("type", l.type);
    w.End();
  }
  if (feed.archive) w.Start("fh:archive").End();
  for (const auto& e : feed.entries) WriteItem(w, e);
  return w.Finish();
}

}  // namespace samrad::feeds
