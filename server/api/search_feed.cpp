// Search feed builder: the newest matches of q, one entry per hit, with the
// highlighted snippet as content. `before` is the offset of an older page.
#include "server/api/search_feed.h"

#include "search/search_request.h"
#include "core/url_codec.h"

namespace samrad::server {

namespace {
Result<feeds::FeedPage> Build(search::SearchIndex& index, const feeds::FeedQuery& q) {
  std::map<std::string, std::string> params = {{"q", q.q}, {"sort", "newest"}};
  auto parsed = search::ParseSearchRequest(params);
  if (!parsed.ok()) return parsed.status();
  search::SearchRequest request = parsed.value();
  request.limit = q.limit;
  request.offset = static_cast<int>(std::min<int64_t>(q.before.value_or(0), search::kMaxOffset));
  auto result = index.Search(request);
  if (!result.ok()) return result.status();
  feeds::FeedPage page;
  feeds::Feed& f = page.feed;
  f.id = feeds::TagUri(q.base_url, "feeds/search?q=" + PercentEncode(q.q));
  f.title = q.q.empty() ? "Samråd: allt nytt" : "Samråd: sökning efter " + q.q;
  f.subtitle = "Sökträffar, nyast först.";
  f.language = "sv";
  f.authors.push_back({"Samråd", q.base_url + "/"});
  for (const auto& hit : result->hits) {
    feeds::Entry e;
    std::string subject = hit.type + "/" + std::to_string(hit.id);
    e.id = feeds::TagUri(q.base_url, subject);
    e.title = hit.title;
    e.links.push_back({q.base_url + hit.url, "alternate", "text/html", ""});
    e.updated = e.published = hit.date;
    e.categories.push_back({hit.type, feeds::TagUri(q.base_url, "type"), ""});
    e.content_html = hit.snippet;
    f.entries.push_back(std::move(e));
  }
  int64_t next = request.offset + static_cast<int64_t>(result->hits.size());
  if (next < result->total && next <= search::kMaxOffset && !result->hits.empty()) page.older = next;
  return page;
}
}  // namespace

void RegisterSearchFeed(feeds::FeedRegistry& registry, std::shared_ptr<search::SearchIndex> index) {
  feeds::FeedKind kind{"search", "/feeds/search",
                       [index](const feeds::FeedQuery& q) { return Build(*index, q); },
                       /*stable_pages=*/false};
  kind.cached = false;
  registry.Register(std::move(kind));
}

}  // namespace samrad::server
