// Consultations feed builder: events consultation.published and
// consultation.updated (of published consultations) become entries.
#include "feeds/consultations_feed.h"

#include <set>

#include "core/clock.h"
#include "core/markdown.h"

namespace samrad::feeds {

using nlohmann::json;

namespace {
constexpr int kBatch = 200;

std::string EscapeHtml(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string Str(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

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

Result<FeedPage> Build(const EventHistory& history, const FeedQuery& q) {
  static const std::vector<std::string> kKinds = {"consultation.published", "consultation.updated"};
  FeedPage page;
  Feed& f = page.feed;
  f.id = TagUri(q.base_url, "feeds/consultations");
  f.title = "Samråd: nya och ändrade samråd";
  f.subtitle = "Samråd som kommunen har publicerat eller ändrat, nyast först.";
  f.language = "sv";
  f.authors.push_back({"Samråd", q.base_url + "/"});
  f.links.push_back({q.base_url + "/consultations", "alternate", "text/html", ""});
  // Only the newest version of a consultation on one page: the older ones it
  // supersedes add nothing (RFC 5005 readers keep the newest per id anyway).
  std::set<std::string> seen;
  int64_t before = q.before.value_or(INT64_MAX);
  while (true) {
    auto events = history.Before(before, kKinds, kBatch);
    if (!events.ok()) return events.status();
    for (const auto& e : events.value()) {
      before = e.seq;
      const json* c = Content(e);
      if (!c || seen.count(e.subject)) continue;
      if (static_cast<int>(f.entries.size()) == q.limit) {
        page.older = e.seq + 1;
        return page;
      }
      seen.insert(e.subject);
      f.entries.push_back(MakeEntry(q, history, e, *c));
    }
    if (static_cast<int>(events.value().size()) < kBatch) return page;
  }
}
}  // namespace

void RegisterConsultationsFeed(FeedRegistry& registry,
                               std::shared_ptr<const EventHistory> history) {
  registry.Register({"consultations", "/feeds/consultations",
                     [history](const FeedQuery& q) { return Build(*history, q); },
                     /*stable_pages=*/true});
}

}  // namespace samrad::feeds
