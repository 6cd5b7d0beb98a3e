// /api/v1/consultations/{id}/questions (officials build them), /answer (a
// resident's own answer) and /results; and moderation of free-text answers.
#include "server/api/handler_util.h"
#include "server/api/routes.h"

namespace samrad::server {

using nlohmann::json;

namespace {

json QuestionnaireJson(const Questionnaire& q) {
  json items = json::array();
  for (const auto& x : q.questions) items.push_back(ToJson(x));
  return {{"consultation_id", q.consultation_id},
          {"state", q.state},
          {"results_visibility", q.results_visibility},
          {"questions", std::move(items)}};
}

json OptNumber(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

json ResultJson(const QuestionResult& r) {
  json j = {{"question_id", r.question_id},
            {"position", r.position},
            {"section_id", r.section_id ? json(*r.section_id) : json(nullptr)},
            {"type", r.type},
            {"text", r.text},
            {"required", r.required},
            {"respondents", r.respondents}};
  if (r.type == "text") {
    j["text_answers_visible"] = r.text_answers_visible;
    j["text_answers_hidden"] = r.text_answers_hidden;
    return j;
  }
  if (r.type == "ranking") {
    json ranking = json::array();
    for (const auto& x : r.ranking) {
      ranking.push_back({{"label", x.label}, {"average_rank", x.average_rank}, {"borda", x.borda}});
    }
    j["ranking"] = std::move(ranking);
    return j;
  }
  json options = json::array();
  for (const auto& o : r.options) options.push_back({{"label", o.label}, {"count", o.count}, {"share", o.share}});
  j["options"] = std::move(options);
  if (r.type == "scale") {
    j["mean"] = OptNumber(r.mean);
    j["median"] = OptNumber(r.median);
    j["low_label"] = r.low_label;
    j["high_label"] = r.high_label;
  }
  return j;
}

Result<int64_t> QuestionParam(const ApiRequest& req) { return IdParam(req, "qid"); }

}  // namespace

void AddQuestionnaireRoutes(Router& r, std::shared_ptr<App> app) {
  r.Add("GET", "/api/v1/consultations/{id}/questions", [app](ApiRequest& req) {
    auto id = IdParam(req);
    if (!id.ok()) return Problem(id.status());
    return Respond(app->questionnaires->Get(req.actor, id.value()), 200, QuestionnaireJson);
  });

  r.Add("PUT", "/api/v1/consultations/{id}/questions", [app](ApiRequest& req) {
    auto id = IdParam(req);
    if (!id.ok()) return Problem(id.status());
    if (!req.actor) return Problem(Unauthenticated("sign in first"));
    auto b = Body(req, *app, "questionnaire_put");
    if (!b.ok()) return Problem(b.status());
    Status s = app->questionnaires->SetVisibility(req.actor, id.value(), b->at("results_visibility"));
    if (!s.ok()) return Problem(s);
    return Json(200, QuestionnaireJson(app->questionnaires->Get(req.actor, id.value()).value()));
  });

  r.Add("POST", "/api/v1/consultations/{id}/questions", [app](ApiRequest& req) {
    auto id = IdParam(req);
    if (!id.ok()) return Problem(id.status());
    if (!req.actor) return Problem(Unauthenticated("sign in first"));
    auto b = Body(req, *app, "question_create");
    if (!b.ok()) return Problem(b.status());
    auto q = app->questionnaires->Add(req.actor, id.value(), b.value());
    if (!q.ok()) return Problem(q.status());
    return Json(201, ToJson(q.value()))
        .Header("Location", "/api/v1/consultations/" + std::to_string(id.value()) + "/questions/" +
                                std::to_string(q->id));
  });

  r.Add("GET", "/api/v1/consultations/{id}/questions/{qid}", [app](ApiRequest& req) {
    auto id = IdParam(req);
    if (!id.ok()) return Problem(id.status());
    auto qid = QuestionParam(req);
    if (!qid.ok()) return Problem(qid.status());
    auto q = app->questionnaires->Get(req.actor, id.value());
    if (!q.ok()) return Problem(q.status());
    for (const auto& x : q->questions) {
      if (x.id == qid.value()) return Read(ToJson(x));
    }
    return Problem(NotFound("no question " + std::to_string(qid.value()) + " in this consultation"));
  });

  // An edit of the content, or with {move: up|down} a move one place.
  r.Add("PUT", "/api/v1/consultations/{id}/questions/{qid}", [app](ApiRequest& req) {
    auto id = IdParam(req);
    if (!id.ok()) return Problem(id.status());
    auto qid = QuestionParam(req);
    if (!qid.ok()) return Problem(qid.status());
    if (!req.actor) return Problem(Unauthenticated("sign in first"));
    auto b = Body(req, *app, "question_put");
    if (!b.ok()) return Problem(b.status());
    if (b->contains("move")) {
      if (b->size() > (b->contains("reason") ? 2u : 1u)) {
        return Problem(InvalidField("/move", "a move carries only a reason"));
      }
      Status s = app->questionnaires->Move(req.actor, id.value(), qid.value(), b->at("move") == "up" ? -1 : 1,
                                           b->value("reason", ""));
      if (!s.ok()) return Problem(s);
      auto q = app->questionnaires->Get(req.actor, id.value());
      if (!q.ok()) return Problem(q.status());
      for (const auto& x : q->questions) {
        if (x.id == qid.value()) return Json(200, ToJson(x));
      }
      return Problem(Internal("the question was lost"));
    }
    auto q = app->questionnaires->Edit(req.actor, id.value(), qid.value(), b.value());
    if (!q.ok()) return Problem(q.status());
    return Json(200, ToJson(q.value()));
  });

  r.Add("DELETE", "/api/v1/consultations/{id}/questions/{qid}", [app](ApiRequest& req) {
    auto id = IdParam(req);
    if (!id.ok()) return Problem(id.status());
    auto qid = QuestionParam(req);
    if (!qid.ok()) return Problem(qid.status());
    Status s = app->questionnaires->Remove(req.actor, id.value(), qid.value(), req.Query("reason").value_or(""));
    if (!s.ok()) return Problem(s);
    return NoContent();
  });

  r.Add("GET", "/api/v1/consultations/{id}/answer", [app](ApiRequest& req) {
    auto id = IdParam(req);
    if (!id.ok()) return Problem(id.status());
    auto mine = app->questionnaires->Mine(req.actor, id.value());
    if (!mine.ok()) return Problem(mine.status());
    if (!mine.value()) return Problem(NotFound("you have no answer here"));
    return Json(200, ToJson(*mine.value())).Header("Cache-Control", "private, no-store");
  });

  r.Add("PUT", "/api/v1/consultations/{id}/answer", [app](ApiRequest& req) {
    auto id = IdParam(req);
    if (!id.ok()) return Problem(id.status());
    if (!req.actor) return Problem(Unauthenticated("sign in to answer"));
    auto b = Body(req, *app, "answer_put");
    if (!b.ok()) return Problem(b.status());
    auto a = app->questionnaires->Submit(req.actor, id.value(), b.value());
    if (!a.ok()) return Problem(a.status());
    return Json(200, ToJson(a.value())).Header("Cache-Control", "private, no-store");
  });

  r.Add("DELETE", "/api/v1/consultations/{id}/answer", [app](ApiRequest& req) {
    auto id = IdParam(req);
    if (!id.ok()) return Problem(id.status());
    Status s = app->questionnaires->Withdraw(req.actor, id.value());
    if (!s.ok()) return Problem(s);
    return NoContent();
  });

  r.Add("GET", "/api/v1/consultations/{id}/results", [app](ApiRequest& req) {
    auto id = IdParam(req);
    if (!id.ok()) return Problem(id.status());
    auto q = app->questionnaires->Get(req.actor, id.value());
    if (!q.ok()) return Problem(q.status());
    auto results = app->questionnaires->Results(req.actor, id.value());
    if (!results.ok()) return Problem(results.status());
    json items = json::array();
    for (const auto& x : results.value()) items.push_back(ResultJson(x));
    return Read({{"consultation_id", id.value()},
                 {"state", q->state},
                 {"results_visibility", q->results_visibility},
                 {"questions", std::move(items)}});
  });

  r.Add("POST", "/api/v1/questionnaire-answers/{id}/questions/{qid}/moderation", [app](ApiRequest& req) {
    auto id = IdParam(req);
    if (!id.ok()) return Problem(id.status());
    auto qid = QuestionParam(req);
    if (!qid.ok()) return Problem(qid.status());
    if (!req.actor) return Problem(Unauthenticated("sign in first"));
    auto b = Body(req, *app, "questionnaire_moderation");
    if (!b.ok()) return Problem(b.status());
    std::string action = b->at("action");
    auto act = app->questionnaires->ActOnText(req.actor, id.value(), qid.value(), action, b->at("reason"), false);
    if (!act.ok()) return Problem(act.status());
    return Json(200, {{"answer_id", id.value()}, {"question_id", qid.value()}, {"hidden", action == "hide"},
                      {"reason", b->at("reason")}, {"act", ModerationService::ToJson(act.value())}});
  });
}

}  // namespace samrad::server
