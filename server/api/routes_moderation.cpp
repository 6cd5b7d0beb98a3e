// /api/v1/comments/{id}/flags, /moderation and its undo, flags on free-text
// questionnaire answers and the undo of their moderation, the moderators'
// queue and the public moderation log.
#include "server/api/handler_util.h"
#include "server/api/routes.h"

namespace samrad::server {

using nlohmann::json;

void AddModerationRoutes(Router& r, std::shared_ptr<App> app) {
  r.Add("POST", "/api/v1/comments/{id}/flags", [app](ApiRequest& req) {
    auto id = IdParam(req);
    if (!id.ok()) return Problem(id.status());
    if (!req.actor) return Problem(Unauthenticated("sign in to flag a comment"));
    auto b = Body(req, *app, "flag_create");
    if (!b.ok()) return Problem(b.status());
    std::optional<std::string> note;
    if (b->contains("note")) note = b->at("note").get<std::string>();
    return Respond(app->moderation->FlagComment(req.actor, id.value(), b->at("reason"), note), 201,
                   [](const Flag& f) { return ModerationService::ToJson(f); });
  });

  r.Add("GET", "/api/v1/moderation/queue", [app](ApiRequest& req) {
    auto page = MakePage(req.Query("limit"), req.Query("cursor"), 4);
    if (!page.ok()) return Problem(page.status());
    auto q = app->moderation->Queue(req.actor, page.value());
    if (!q.ok()) return Problem(q.status());
    // Personal to the moderators: not cached by anyone.
    return Json(200, ListingJson(q.value(), [](const QueueItem& i) { return ModerationService::ToJson(i); }))
        .Header("Cache-Control", "private, no-store");
  });

  r.Add("POST", "/api/v1/comments/{id}/moderation", [app](ApiRequest& req) {
    auto id = IdParam(req);
    if (!id.ok()) return Problem(id.status());
    if (!req.actor) return Problem(Unauthenticated("sign in first"));
    auto b = Body(req, *app, "moderation_act");
    if (!b.ok()) return Problem(b.status());
    return Respond(app->moderation->Moderate(req.actor, id.value(), b->at("action"), b->at("reason")),
                   201, [](const ModerationAct& a) { return ModerationService::ToJson(a); });
  });

  r.Add("POST", "/api/v1/comments/{id}/moderation/undo", [app](ApiRequest& req) {
    auto id = IdParam(req);
    if (!id.ok()) return Problem(id.status());
    if (!req.actor) return Problem(Unauthenticated("sign in first"));
    auto b = Body(req, *app, "moderation_undo");
    if (!b.ok()) return Problem(b.status());
    return Respond(app->moderation->Undo(req.actor, id.value(), b->at("reason")), 201,
                   [](const ModerationAct& a) { return ModerationService::ToJson(a); });
  });

  r.Add("POST", "/api/v1/questionnaire-answers/{id}/questions/{qid}/flags", [app](ApiRequest& req) {
    auto id = IdParam(req);
    if (!id.ok()) return Problem(id.status());
    auto qid = IdParam(req, "qid");
    if (!qid.ok()) return Problem(qid.status());
    if (!req.actor) return Problem(Unauthenticated("sign in to flag an answer"));
    auto b = Body(req, *app, "flag_create");
    if (!b.ok()) return Problem(b.status());
    std::optional<std::string> note;
    if (b->contains("note")) note = b->at("note").get<std::string>();
    return Respond(app->questionnaires->FlagText(req.actor, id.value(), qid.value(), b->at("reason"), note), 201,
                   [](const Flag& f) { return ModerationService::ToJson(f); });
  });

  r.Add("POST", "/api/v1/questionnaire-answers/{id}/questions/{qid}/moderation/undo", [app](ApiRequest& req) {
    auto id = IdParam(req);
    if (!id.ok()) return Problem(id.status());
    auto qid = IdParam(req, "qid");
    if (!qid.ok()) return Problem(qid.status());
    if (!req.actor) return Problem(Unauthenticated("sign in first"));
    auto b = Body(req, *app, "moderation_undo");
    if (!b.ok()) return Problem(b.status());
    return Respond(app->questionnaires->UndoText(req.actor, id.value(), qid.value(), b->at("reason")), 201,
                   [](const ModerationAct& a) { return ModerationService::ToJson(a); });
  });

  r.Add("GET", "/api/v1/moderation-log", [app](ApiRequest& req) {
    auto page = MakePage(req.Query("limit"), req.Query("cursor"), 3);
    if (!page.ok()) return Problem(page.status());
    return Respond(app->moderation->Log(page.value()), 200, [](const Listing<ModerationAct>& l) {
      return ListingJson(l, [](const ModerationAct& a) { return ModerationService::ToJson(a); });
    });
  });
}

void AddPrivacyRoutes(Router& r, std::shared_ptr<App> app) {
  r.Add("PATCH", "/api/v1/me", [app](ApiRequest& req) {
    if (!req.actor) return Problem(Unauthenticated("sign in first"));
    auto b = Body(req, *app, "me_patch");
    if (!b.ok()) return Problem(b.status());
    return Respond(app->accounts->SetPublicName(req.actor, b->at("public_name").get<bool>()), 200,
                   [](const User& u) { return AccountService::ToJson(u, true); });
  });

  r.Add("DELETE", "/api/v1/me", [app](ApiRequest& req) {
    if (Status s = app->accounts->DeleteAccount(req.actor); !s.ok()) return Problem(s);
    return NoContent();
  });
}

}  // namespace samrad::server
