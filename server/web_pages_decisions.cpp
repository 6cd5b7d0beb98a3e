// /decisions (list with filters) and /decisions/{id}.
#include "server/handler_util.h"
#include "server/web_models.h"
#include "server/web_pages.h"

namespace samrad::server {

using nlohmann::json;

namespace {
const std::vector<std::string> kOutcomes = {"approved", "rejected", "referred", "postponed", "revoked"};

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
  return RenderPage(ctx, "decisions", ctx.Text("decisions_title"), model);
}

ApiResponse Show(WebContext& ctx) {
  auto id = IdParam(ctx.req);
  if (!id.ok()) return StatusPage(ctx, id.status());
  auto d = ctx.app.decisions->Get(id.value());
  if (!d.ok()) return StatusPage(ctx, d.status());
  std::map<int64_t, std::string> titles;
  for (int64_t cid : d->current.consultation_ids) {
    if (auto k = ctx.app.consultations->Get(ctx.req.actor, cid); k.ok()) titles[cid] = k->title;
  }
  return RenderPage(ctx, "decision", d->current.title, DecisionView(ctx, d.value(), titles));
}
}  // namespace

void AddDecisionPages(Router& r, std::shared_ptr<App> app) {
  r.Add("GET", "/decisions", Web(app, List));
  r.Add("GET", "/decisions/{id}", Web(app, Show));
}

}  // namespace samrad::server
