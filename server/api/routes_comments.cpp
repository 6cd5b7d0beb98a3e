// /api/v1/consultations/{id}/comments, /api/v1/comments/{id} with its
// replies, versions and the caller's reaction.
#include "server/api/handler_util.h"
#include "server/http/response_cache.h"
#include "server/api/routes.h"

namespace samrad::server {

using nlohmann::json;

namespace {
json One(const Comment& k) { return ToJson(k); }
json Thread(const Listing<Comment>& l) { return ListingJson(l, One); }
json Reaction(const ReactionState& r) {
  return {{"comment_id", r.comment_id},
          {"kind", r.kind ? json(*r.kind) : json(nullptr)},
          {"support", r.support},
          {"oppose", r.oppose}};
}
}  // namespace

void AddCommentRoutes(Router& r, std::shared_ptr<App> app) {
  r.Add("POST", "/api/v1/consultations/{id}/comments", [app](ApiRequest& req) {
    auto id = IdParam(req);
    if (!id.ok()) return Problem(id.status());
    if (!req.actor) return Problem(Unauthenticated("sign in to comment"));
    auto b = Body(req, *app, "comment_create");
    if (!b.ok()) return Problem(b.status());
    NewComment n;
    n.body = b->at("body");
    if (b->contains("parent_id")) n.parent_id = b->at("parent_id").get<int64_t>();
    if (b->contains("section_id")) n.section_id = b->at("section_id").get<int64_t>();
    auto k = app->comments->Post(req.actor, id.value(), n);
    if (!k.ok() && k.status().code() == Code::kTooManyRequests) {
      return Problem(k.status()).Header("Retry-After",
                                        std::to_string(app->comments->PostRetryAfter(req.actor)));
    }
    return Respond(k, 201, One);
  });

  // Thread pages are the hottest read: rendered once per committed change.
  auto cache = std::make_shared<ResponseCache>();
  r.Add("GET", "/api/v1/consultations/{id}/comments", [app, cache](ApiRequest& req) {
    auto id = IdParam(req);
    if (!id.ok()) return Problem(id.status());
    auto page = MakePage(req.Query("limit"), req.Query("cursor"), 2);
    if (!page.ok()) return Problem(page.status());
    std::string sort = req.Query("sort").value_or("oldest");
    std::string key = std::to_string(id.value()) + "|" + sort + "|" + std::to_string(page->limit) +
                      "|" + req.Query("cursor").value_or("");
    uint64_t version = app->data_version->Current();
    if (auto hit = cache->Get(key, version)) return *hit;
    return cache->Put(key, version, Respond(app->comments->Thread(id.value(), sort, page.value()), 200, Thread));
  });

  r.Add("GET", "/api/v1/comments/{id}", [app](ApiRequest& req) {
    auto id = IdParam(req);
    if (!id.ok()) return Problem(id.status());
    return RespondModified(app->comments->Get(id.value()), One,
                           [](const Comment& k) { return k.edited_at.value_or(k.created_at); }, false);
  });

  r.Add("GET", "/api/v1/comments/{id}/replies", [app](ApiRequest& req) {
    auto id = IdParam(req);
    if (!id.ok()) return Problem(id.status());
    auto page = MakePage(req.Query("limit"), req.Query("cursor"), 1);
    if (!page.ok()) return Problem(page.status());
    return Respond(app->comments->Replies(id.value(), page.value()), 200, Thread);
  });

  r.Add("PATCH", "/api/v1/comments/{id}", [app](ApiRequest& req) {
    auto id = IdParam(req);
    if (!id.ok()) return Problem(id.status());
    if (!req.actor) return Problem(Unauthenticated("sign in first"));
    auto b = Body(req, *app, "comment_patch");
    if (!b.ok()) return Problem(b.status());
    return Respond(app->comments->Edit(req.actor, id.value(), b->at("body")), 200, One);
  });

  r.Add("GET", "/api/v1/comments/{id}/versions", [app](ApiRequest& req) {
    auto id = IdParam(req);
    if (!id.ok()) return Problem(id.status());
    return Respond(app->comments->Versions(id.value()), 200,
                   [](const auto& kv) { return VersionsJson(kv.first, kv.second); });
  });

  r.Add("PUT", "/api/v1/comments/{id}/reaction", [app](ApiRequest& req) {
    auto id = IdParam(req);
    if (!id.ok()) return Problem(id.status());
    if (!req.actor) return Problem(Unauthenticated("sign in to react"));
    auto b = Body(req, *app, "reaction_put");
    if (!b.ok()) return Problem(b.status());
    auto state = app->comments->React(req.actor, id.value(), b->at("kind").get<std::string>());
    return state.ok() ? Json(200, Reaction(state.value())) : Problem(state.status());
  });

  r.Add("DELETE", "/api/v1/comments/{id}/reaction", [app](ApiRequest& req) {
    auto id = IdParam(req);
    if (!id.ok()) return Problem(id.status());
    auto state = app->comments->React(req.actor, id.value(), std::nullopt);
    return state.ok() ? NoContent() : Problem(state.status());
  });
}

}  // namespace samrad::server
