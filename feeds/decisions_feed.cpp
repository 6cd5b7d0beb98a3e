// Decisions feed builder: events decision.published and decision.amended.
#include "feeds/decisions_feed.h"

#include "core/clock.h"
#include "core/markdown.h"
#include "feeds/entry_text.h"
#include "feeds/archive_feed.h"

namespace samrad::feeds {

using nlohmann::json;

namespace {
const char* OutcomeSv(const std::string& o) {
  if (o == "approved") return "Bifall";
  if (o == "rejected") return "Avslag";
  if (o == "referred") return "Återremiss";
  if (o == "postponed") return "Bordlagt";
  if (o == "revoked") return "Upphävt";
  return "";
}

std::string ContentHtml(const json& p) {
  std::string html = "<p><strong>" + EscapeHtml(OutcomeSv(Str(p, "outcome"))) + "</strong> (" +
                     EscapeHtml(Str(p, "body_name")) + ", " + EscapeHtml(Str(p, "reference")) + ")</p>\n";
  if (auto v = p.find("votes"); v != p.end() && v->is_object()) {
    html += "<p>Ja " + std::to_string(v->value("for", 0)) + ", nej " + std::to_string(v->value("against", 0)) +
            ", avstår " + std::to_string(v->value("abstain", 0)) + ", frånvarande " +
            std::to_string(v->value("absent", 0)) + "</p>\n";
  }
  if (std::string reason = Str(p, "reason"); !reason.empty()) {
    html += "<p>Ändrat version " + std::to_string(p.value("version", 0)) + ": " + EscapeHtml(reason) + "</p>\n";
  }
  return html + RenderMarkdown(Str(p, "body"));
}

Entry MakeEntry(const FeedQuery& q, const EventHistory& history, const Event& e) {
  const json& p = e.payload;
  std::string id = e.subject.substr(e.subject.find('/') + 1);
  Entry entry;
  entry.id = TagUri(q.base_url, e.subject);
  entry.title = Str(p, "title");
  entry.links.push_back({q.base_url + "/decisions/" + id, "alternate", "text/html", ""});
  entry.links.push_back({q.base_url + "/api/v1/decisions/" + id, "related", "application/json", ""});
  entry.updated = ParseTime(e.at).value_or(0);
  entry.published = entry.updated;
  if (e.kind == "decision.amended") {
    auto first = history.First("decision.published", e.subject);
    if (first.ok() && first.value()) entry.published = ParseTime(first.value()->at).value_or(0);
  }
  if (std::string body = Str(p, "body_name"); !body.empty()) {
    entry.categories.push_back({body, TagUri(q.base_url, "body"), body});
  }
  if (std::string outcome = Str(p, "outcome"); !outcome.empty()) {
    entry.categories.push_back({outcome, TagUri(q.base_url, "outcome"), OutcomeSv(outcome)});
  }
  entry.summary = std::string(OutcomeSv(Str(p, "outcome"))) + ": " + Str(p, "title");
  entry.content_html = ContentHtml(p);
  entry.language = "sv";
  return entry;
}

Result<FeedPage> Build(ArchiveIndex& index, const FeedQuery& q) {
  Feed f;
  f.id = TagUri(q.base_url, "feeds/decisions");
  f.title = "Samråd: beslut";
  f.subtitle = "Kommunens beslut med röster och motiveringar, och varje ändring av dem, nyast först.";
  f.language = "sv";
  f.authors.push_back({"Samråd", q.base_url + "/"});
  f.links.push_back({q.base_url + "/decisions", "alternate", "text/html", ""});
  return BlockFromEvents(index, q, std::move(f), [&](const Event& e) {
    return std::optional<Entry>(MakeEntry(q, index.history(), e));
  });
}
}  // namespace

void RegisterDecisionsFeed(FeedRegistry& registry, std::shared_ptr<const EventHistory> history) {
  auto index = std::make_shared<ArchiveIndex>(
      std::move(history), std::vector<std::string>{"decision.published", "decision.amended"});
  registry.Register({"decisions", "/feeds/decisions",
                     [index](const FeedQuery& q) { return Build(*index, q); },
                     /*stable_pages=*/true});
}

}  // namespace samrad::feeds
