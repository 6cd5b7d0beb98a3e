// /decisions (list with filters), /decisions/{id} with the comments it
// answers, /decisions/{id}/versions/{n}, and the amendment form officials
// see on a decision's page.
#include "server/http/router.h"
#include "server/web/form.h"
#include "server/web/journalist_models.h"
#include "server/web/models.h"
#include "server/web/follow_form.h"
#include "server/web/pages.h"

namespace samrad::server {

using nlohmann::json;

namespace {
const std::vector<std::string> kOutcomes = {"approved", "rejected", "referred", "postponed", "revoked"};
constexpr size_t kMaxAnswered = 200;

ApiResponse List(WebContext& ctx) {
  const ApiRequest& req = ctx.req;
  std::string body_name = req.Query("body_name").value_or("");
  std::string outcome = req.Query("outcome").value_or("");
  std::string from = req.Query("from").value_or("");
  std::string to = req.Query("to").value_or("");
  auto page = MakePage(std::nullopt, req.Query("cursor"), 2);
  if (!page.ok()) return StatusPage(ctx, page.status());
  DecisionFilter f{NonEmpty(body_name), NonEmpty(from), NonEmpty(to), NonEmpty(outcome),
                   page.value()};
  auto list = ctx.app.decisions->List(f);
  if (!list.ok()) return StatusPage(ctx, list.status());
  json items = json::array();
  for (const auto& v : list->items) items.push_back(DecisionCard(ctx, v));
  json model = {
      {"items", items},
      {"empty", items.empty()},
      {"filters", {{"body_name", body_name}, {"from", from}, {"to", to},
                   {"outcomes", Options(ctx, kOutcomes, "outcome_", outcome, true)}}},
      {"pager", Pager("/decisions", {{"body_name", body_name}, {"outcome", outcome}, {"from", from}, {"to", to}},
                      list->next_cursor)}};
  model["head_feeds"] = model["feeds"] = FeedLinks(ctx, {"decisions"});
  return RenderPage(ctx, "decisions", ctx.Text("decisions_title"), model);
}

const std::vector<std::string> kAmendFields = {"outcome", "title", "body", "reason"};
constexpr char kAmendPrefix[] = "a-";

// The amendment form, filled with the current version or the post.
json AmendForm(WebContext& ctx, const DecisionVersion& v, const WebForm* form, const FormErrors& errors) {
  auto value = [&](const std::string& n, const std::string& current) { return form ? form->Get(n) : current; };
  auto field = [&](const std::string& n, const std::string& current, json extra = json::object()) {
    extra["id_prefix"] = kAmendPrefix;
    return FieldView(ctx, n, value(n, current), errors, extra);
  };
  json outcomes = json::array();
  for (const auto& o : kOutcomes) {
    outcomes.push_back({{"value", o}, {"label", ctx.Text("outcome_" + o)}, {"selected", value("outcome", v.outcome) == o}});
  }
  return {{"action", "/decisions/" + std::to_string(v.decision_id) + "/amendments"},
          {"csrf", ctx.FormToken()},
          {"open", form != nullptr},
          {"error_summary", ErrorSummary(ctx, errors, kAmendFields, "amend-form", kAmendPrefix)},
          {"outcome", field("outcome", "", {{"options", outcomes}})},
          {"title", field("title", v.title, {{"required", true}})},
          {"body", field("body", v.body, {{"required", true}, {"rows", 8}})},
          {"reason", field("reason", "", {{"required", true}, {"rows", 3}})}};
}

// The decision's consultations that the reader may see, in its order.
std::vector<Consultation> Linked(WebContext& ctx, const DecisionVersion& v) {
  std::vector<Consultation> out;
  for (int64_t cid : v.consultation_ids) {
    if (auto k = ctx.app.consultations->Get(ctx.req.actor, cid); k.ok()) out.push_back(std::move(k.value()));
  }
  return out;
}

// The comments the decision answers, at most kMaxAnswered of them.
std::vector<Comment> AnsweredComments(WebContext& ctx, const DecisionVersion& v) {
  std::vector<Comment> out;
  for (int64_t id : v.answers_comment_ids) {
    if (out.size() == kMaxAnswered) break;
    if (auto c = ctx.app.comments->Get(id); c.ok()) out.push_back(std::move(c.value()));
  }
  return out;
}

ApiResponse Show(WebContext& ctx, const WebForm* form = nullptr, const FormErrors& errors = {}, int status = 200) {
  auto id = IdParam(ctx.req);
  if (!id.ok()) return StatusPage(ctx, id.status());
  auto d = ctx.app.decisions->Get(id.value());
  if (!d.ok()) return StatusPage(ctx, d.status());
  std::map<int64_t, std::string> titles;
  std::vector<Consultation> linked = Linked(ctx, d->current);
  for (const auto& k : linked) titles[k.id] = k.title;
  json model = DecisionView(ctx, d.value(), titles);
  for (auto& item : model["consultations"]) {
    for (const auto& k : linked) {
      if (item["url"] == "/consultations/" + std::to_string(k.id)) item["closing_note"] = ClosingNote(ctx, k);
    }
  }
  model["answered"] = AnsweredGroups(ctx, AnsweredComments(ctx, d->current), linked);
  if (ctx.req.actor && ctx.req.actor->IsOfficial() && d->current.outcome != "revoked") {
    model["amend_form"] = AmendForm(ctx, d->current, form, errors);
  }
  model["head_feeds"] = model["feeds"] = FeedLinks(ctx, {"decisions"});
  model["follow_form"] = FollowFormView(ctx, "body", d->current.body_name, d->current.body_name);
  return RenderPage(ctx, "decision", d->current.title, model, status);
}

// /decisions/{id}/versions/{n}: one version, what changed in it and why.
ApiResponse VersionPage(WebContext& ctx) {
  auto id = IdParam(ctx.req);
  if (!id.ok()) return StatusPage(ctx, id.status());
  const std::string& n_text = ctx.req.params.at("n");
  int n = n_text.size() <= 6 && !n_text.empty() && n_text.find_first_not_of("0123456789") == std::string::npos
              ? std::stoi(n_text)
              : 0;
  auto d = ctx.app.decisions->Get(id.value());
  if (!d.ok()) return StatusPage(ctx, d.status());
  json model = DecisionVersionView(ctx, d.value(), n);
  if (model.is_null()) return StatusPage(ctx, NotFound("no such version"));
  std::string title = FillMessage(ctx.Text("journalist_version_title"),
                                  {{"title", d->current.title}, {"n", std::to_string(n)}});
  return RenderPage(ctx, "decision_version", title, model);
}

// Sends only the fields that differ from the current version.
ApiResponse Amend(WebContext& ctx) {
  WebForm form(ctx.req);
  if (auto refused = CheckPost(ctx, form)) return *refused;
  auto id = IdParam(ctx.req);
  if (!id.ok()) return StatusPage(ctx, id.status());
  auto d = ctx.app.decisions->Get(id.value());
  if (!d.ok()) return StatusPage(ctx, d.status());
  const DecisionVersion& v = d->current;
  json changes = json::object();
  if (form.Get("outcome") != v.outcome) changes["outcome"] = form.Get("outcome");
  if (form.Get("title") != v.title) changes["title"] = form.Get("title");
  if (form.Get("body") != v.body) changes["body"] = form.Get("body");
  json body = {{"changes", changes}, {"reason", form.Get("reason")}};
  Status valid = ctx.app.validator->Validate("decision_amend", body);
  Result<DecisionVersion> made = valid.ok() ? ctx.app.decisions->Amend(ctx.req.actor, id.value(), body)
                                            : Result<DecisionVersion>(valid);
  if (made.ok()) return Redirect(ctx, "/decisions/" + std::to_string(id.value()) + "#h-versions");
  if (made.status().code() != Code::kInvalidArgument) return StatusPage(ctx, made.status());
  // Errors name /changes/<field>: tie them to the form's own fields.
  Status failed = made.status();
  std::vector<FieldError> fields;
  for (auto e : failed.errors()) {
    if (e.field.starts_with("/changes/")) e.field = e.field.substr(8);
    if (e.field == "/changes") e.message = ctx.Text("error_no_change");
    fields.push_back(e);
  }
  return Show(ctx, &form, ErrorsFrom(ctx, Invalid(failed.message(), fields), kAmendFields), 422);
}
}  // namespace

void AddDecisionPages(Router& r, std::shared_ptr<App> app) {
  r.Add("GET", "/decisions", Web(app, List));
  r.Add("GET", "/decisions/{id}", Web(app, [](WebContext& ctx) { return Show(ctx); }));
  r.Add("POST", "/decisions/{id}/amendments", Web(app, Amend));
  r.Add("GET", "/decisions/{id}/versions/{n}", Web(app, VersionPage));
}

}  // namespace samrad::server
