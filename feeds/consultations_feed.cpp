// Consultations feed builder: events consultation.published and
// consultation.updated (of published consultations) become entries.
#include "feeds/consultations_feed.h"

#include "core/clock.h"
#include "core/markdown.h"
#include "feeds/entry_text.h"
#include "feeds/archive_feed.h"

namespace samrad::feeds {

using nlohmann::json;

namespace {
// The consultation's content as the event recorded it, or null for an edit
// of a draft (whose content is not public).
const json* Content(const Event& e) {
  if (e.kind == "consultation.published") return &e.payload;
  auto it = e.payload.find("content");
  return it != e.payload.end() && it->is_object() ? &*it : nullptr;
}

std::string BodyHtml(const json& c) {
  std::string html = RenderMarkdown(Str(c, "body"));
  if (auto it = c.find("sections"); it != c.end() && it->is_array()) {
    for (const auto& s : *it) {
      html += "<h2>" + EscapeHtml(Str(s, "heading")) + "</h2>\n" + RenderMarkdown(Str(s, "body"));
    }
  }
  return html;
}

Entry MakeEntry(const FeedQuery& q, const EventHistory& history, const Event& e, const json& c) {
  std::string id = e.subject.substr(e.subject.find('/') + 1);
  Entry entry;
  entry.id = TagUri(q.base_url, e.subject);
  entry.title = Str(c, "title");
  entry.links.push_back({q.base_url + "/consultations/" + id, "alternate", "text/html", ""});
  entry.links.push_back(
      {q.base_url + "/api/v1/consultations/" + id, "related", "application/json", ""});
  entry.updated = ParseTime(e.at).value_or(0);
  entry.published = entry.updated;
  if (e.kind != "consultation.published") {
    auto first = history.First("consultation.published", e.subject);
    if (first.ok() && first.value()) entry.published = ParseTime(first.value()->at).value_or(0);
  }
  if (std::string area = Str(c, "area"); !area.empty()) {
    entry.categories.push_back({area, TagUri(q.base_url, "area"), area});
  }
  if (auto tags = c.find("tags"); tags != c.end() && tags->is_array()) {
    for (const auto& t : *tags) {
      if (t.is_string())
        entry.categories.push_back({t.get<std::string>(), TagUri(q.base_url, "tag"), ""});
    }
  }
  entry.summary = Str(c, "summary");
  entry.content_html = BodyHtml(c);
  entry.language = Str(c, "language");
  return entry;
}

Result<FeedPage> Build(ArchiveIndex& index, const FeedQuery& q) {
  const EventHistory& history = index.history();
  Feed f;
  f.id = TagUri(q.base_url, "feeds/consultations");
  f.title = "Samråd: nya och ändrade samråd";
  f.subtitle = "Samråd som kommunen har publicerat eller ändrat, nyast först.";
  f.language = "sv";
  f.authors.push_back({"Samråd", q.base_url + "/"});
  f.links.push_back({q.base_url + "/consultations", "alternate", "text/html", ""});
  return BlockFromEvents(index, q, std::move(f), [&](const Event& e) -> std::optional<Entry> {
    const json* c = Content(e);
    if (!c) return std::nullopt;
    return MakeEntry(q, history, e, *c);
  });
}
}  // namespace

void RegisterConsultationsFeed(FeedRegistry& registry,
                               std::shared_ptr<const EventHistory> history) {
  auto index = std::make_shared<ArchiveIndex>(
      std::move(history), std::vector<std::string>{"consultation.published", "consultation.updated"});
  registry.Register({"consultations", "/feeds/consultations",
                     [index](const FeedQuery& q) { return Build(*index, q); },
                     /*stable_pages=*/true});
}

}  // namespace samrad::feeds
