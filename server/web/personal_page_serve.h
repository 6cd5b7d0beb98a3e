// A signed-in reader's request for a personal page (personal_page.h): the
// reader the shared page is made for, and the way through the cache: the
// entry made at the current data version, the reader's own parts, the fill.
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "server/web/page.h"
#include "server/web/personal_page_cache.h"

namespace samrad::server {

// The id a shared page is made for: no comment's author, no subscriber.
inline constexpr int64_t kNobody = std::numeric_limits<int64_t>::min();

// The reader a shared page is made for: signed in with the role and
// language of the real reader, but no id and no session, with placeholders
// for the form token and the header's unread count (slot 0 of slots).
// Not copyable: ctx() refers to the request held here.
class SharedReader {
 public:
  explicit SharedReader(const WebContext& reader);
  SharedReader(const SharedReader&) = delete;
  SharedReader& operator=(const SharedReader&) = delete;

  WebContext& ctx() { return ctx_; }
  // The page's regions; more are added after the header's unread badge.
  std::vector<SlotInfo> slots;

 private:
  ApiRequest req_;
  WebContext ctx_;
};

// The entry for a page rendered for shared: its head, and the page made of
// its body with the slots and the regions' forms in variants. No page (each
// reader's is rendered whole) when the render set a cookie or its marks do
// not add up.
std::shared_ptr<const PersonalEntry> SharedEntry(SharedReader& shared, ApiResponse rendered,
                                                 const std::string& variants);

// How one kind of page is shared.
struct PersonalPageSource {
  // The entry for the reader's role and language; null when a read failed.
  std::function<std::shared_ptr<const PersonalEntry>(const WebContext& reader)> make;
  // The reader's parts beyond the unread count (reactions, following);
  // false when a read failed. Empty for pages with none.
  std::function<bool(WebContext& reader, const PersonalPage& page, PersonalParts& parts)> read;
};

// The page for a signed-in reader from the entry shared by every reader of
// their role and language (made by source.make when cache has none current),
// filled with the reader's own parts; nullopt when the page is not one to
// share (signed out, a banner cookie, ?lang=, a failed read, a render that
// cannot be shared), for the caller to render it whole. Thread-safe.
std::optional<ApiResponse> ServePersonalPage(WebContext& ctx, PersonalPageCache& cache,
                                             const PersonalPageSource& source);

// The same for a page whose only personal parts are the layout's (the form
// token and the unread count): render makes the page for any reader's ctx.
std::optional<ApiResponse> PersonalLayoutPage(WebContext& ctx, PersonalPageCache& cache,
                                              const std::function<ApiResponse(WebContext&)>& render);

// The one cache of personal pages of app, made with app's budget on first
// use (while routes are added, before serving).
std::shared_ptr<PersonalPageCache> SharedPersonalPages(App& app);

}  // namespace samrad::server
