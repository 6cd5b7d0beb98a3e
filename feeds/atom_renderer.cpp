// Atom 1.0 rendering with xmlTextWriter.
#include "feeds/atom_renderer.h"

#include "core/clock.h"
#include "feeds/xml_writer.h"

namespace samrad::feeds {

namespace {
void WriteLink(XmlWriter& w, const Link& l) {
  w.Start("link").Attr("rel", l.rel).Attr("href", l.href);
  if (!l.type.empty()) w.Attr("type", l.type);
  if (!l.title.empty()) w.Attr("title", l.title);
  w.End();
}

void WritePerson(XmlWriter& w, const char* element, const Person& p) {
  w.Start(element).Element("name", p.name);
  if (!p.uri.empty()) w.Element("uri", p.uri);
  w.End();
}

void WriteText(XmlWriter& w, const char* element, const std::string& text, const char* type) {
  w.Start(element).Attr("type", type).Text(text).End();
}

void WriteEntry(XmlWriter& w, const Entry& e) {
  w.Start("entry");
  if (!e.language.empty()) w.Attr("xml:lang", e.language);
  w.Element("id", e.id);
  WriteText(w, "title", e.title, "text");
  for (const auto& l : e.links) WriteLink(w, l);
  if (e.published > 0) w.Element("published", FormatTime(e.published));
  w.Element("updated", FormatTime(e.updated));
  for (const auto& a : e.authors) WritePerson(w, "author", a);
  for (const auto& c : e.categories) {
    w.Start("category").Attr("term", c.term);
    if (!c.scheme.empty()) w.Attr("scheme", c.scheme);
    if (!c.label.empty()) w.Attr("label", c.label);
    w.End();
  }
  if (e.removed) {
    // Only the note: whatever else the entry carries stays out.
    WriteText(w, "content", e.removed_note, "text");
  } else {
    if (!e.summary.empty()) WriteText(w, "summary", e.summary, "text");
    if (!e.content_html.empty()) WriteText(w, "content", e.content_html, "html");
  }
  w.End();
}
}  // namespace

Result<std::string> RenderAtom(const Feed& feed) {
  XmlWriter w;
  w.Start("feed").Namespace(nullptr, kAtomNamespace).Namespace("fh", kHistoryNamespace);
  if (!feed.language.empty()) w.Attr("xml:lang", feed.language);
  w.Element("id", feed.id);
  WriteText(w, "title", feed.title, "text");
  if (!feed.subtitle.empty()) WriteText(w, "subtitle", feed.subtitle, "text");
  w.Element("updated", FormatTime(feed.updated));
  for (const auto& a : feed.authors) WritePerson(w, "author", a);
  for (const auto& l : feed.links) WriteLink(w, l);
  w.Element("generator", kGeneratorName);
  if (feed.archive) w.Start("fh:archive").End();
  for (const auto& e : feed.entries) WriteEntry(w, e);
  return w.Finish();
}

}  // namespace samrad::feeds
