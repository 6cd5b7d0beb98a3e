// Serving personal pages: the key and version of the shared page, the
// reader's parts read once per entry, and the fill.
#include "server/web/personal_page_serve.h"

#include <chrono>
#include <iostream>
#include <mutex>

#include "server/web/session.h"

namespace samrad::server {

namespace {
int64_t SteadyMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// What the shared page depends on besides the data: the path and query as
// asked, the language, the scheme and the reader's role.
std::string PageKey(const WebContext& ctx) {
  std::string key = ctx.req.raw_path.empty() ? ctx.req.path : ctx.req.raw_path;
  for (const auto& [k, v] : ctx.req.query) {
    key.append(1, '\n').append(std::to_string(k.size())).append(1, ':').append(k).append(v);
  }
  key.append("\n\n").append(ctx.lang).append(ctx.secure ? " https " : " http ");
  return key.append(RoleName(ctx.req.actor->role));
}

ApiRequest NobodysRequest(const WebContext& reader) {
  ApiRequest req = reader.req;
  User nobody;
  nobody.id = kNobody;
  nobody.role = reader.req.actor->role;
  req.actor = nobody;
  req.token.clear();
  return req;
}
}  // namespace

SharedReader::SharedReader(const WebContext& reader)
    : slots{{SlotKind::kUnread}}, req_(NobodysRequest(reader)), ctx_(MakeWebContext(req_, reader.app)) {
  ctx_.form_token_ = PersonalMarks::Token();
  ctx_.personal_user = {{"unread", PersonalMarks::Unread()},
                        {"unread_begin", PersonalMarks::Begin(0)},
                        {"unread_end", PersonalMarks::End()}};
}

std::shared_ptr<const PersonalEntry> SharedEntry(SharedReader& shared, ApiResponse rendered,
                                                 const std::string& variants) {
  auto entry = std::make_shared<PersonalEntry>();
  entry->head = std::move(rendered);
  if (!shared.ctx().set_cookies.empty()) return entry;
  auto page = PersonalPage::Make(entry->head.body, std::move(shared.slots), variants);
  entry->head.body.clear();
  if (!page) {
    static std::once_flag told;
    std::call_once(told, [&] {
      std::cerr << "personal pages: " << shared.ctx().req.path << " not shared: its marks do not add up" << std::endl;
    });
    return entry;
  }
  entry->page = std::make_shared<const PersonalPage>(std::move(*page));
  return entry;
}

std::optional<ApiResponse> ServePersonalPage(WebContext& ctx, PersonalPageCache& cache,
                                             const PersonalPageSource& source) {
  // Without a cache a shared page would be made for every request: dearer than the whole render.
  if (cache.max_bytes() == 0) return std::nullopt;
  if (!ctx.req.actor || ctx.req.Query("lang") || !ctx.set_cookies.empty()) return std::nullopt;
  // A banner carried in a cookie is shown once, and the cookie deleted.
  if (RequestCookies(ctx.req).count(kDoneCookie)) return std::nullopt;
  std::string key = PageKey(ctx);
  // Read before the data is: an entry is never older than its version.
  PageVersion version{ctx.app.data_version->Current(), ctx.app.clock->Now()};
  int64_t now_ms = SteadyMs();
  auto entry = cache.Get(key, version, now_ms);
  if (!entry) {
    entry = source.make(ctx);
    if (!entry) return std::nullopt;
    cache.Put(key, version, now_ms, entry);
  }
  if (!entry->page) return std::nullopt;
  // Read at the entry's version or later, so as fresh as the page.
  auto parts = entry->PartsOf(ctx.req.actor->id, ctx.req.token);
  if (!parts) {
    parts.emplace();
    parts->user_id = ctx.req.actor->id;
    parts->unread = ctx.app.notifications->UnreadCount(ctx.req.actor);
    if (source.read && !source.read(ctx, *entry->page, *parts)) return std::nullopt;
  }
  // The form token is an HMAC of the session: computed once per session and
  // entry, and kept with the reader's parts (for a new session, in place of
  // the old one's).
  if (parts->token.empty()) {
    parts->token = ctx.FormToken();
    cache.Keep(key, entry, *parts, ctx.req.token);
  }
  ApiResponse resp = entry->head;
  resp.body = entry->page->Fill(*parts);
  return resp;
}

std::optional<ApiResponse> PersonalLayoutPage(WebContext& ctx, PersonalPageCache& cache,
                                              const std::function<ApiResponse(WebContext&)>& render) {
  PersonalPageSource source;
  source.make = [&render](const WebContext& reader) {
    SharedReader shared(reader);
    ApiResponse page = render(shared.ctx());
    return SharedEntry(shared, std::move(page), "");
  };
  return ServePersonalPage(ctx, cache, source);
}

std::shared_ptr<PersonalPageCache> SharedPersonalPages(App& app) {
  if (!app.personal_pages) app.personal_pages = std::make_shared<PersonalPageCache>(app.PersonalCacheBytes());
  return app.personal_pages;
}

}  // namespace samrad::server
