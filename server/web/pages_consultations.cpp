// /consultations: the list with filters (the page of one consultation is in
// web_pages_comments.cpp, with its threads).
#include <algorithm>

#include "server/http/router.h"
#include "server/web/consultation_choices.h"
#include "server/web/models.h"
#include "server/web/pages.h"
#include "server/web/personal_page_serve.h"

namespace samrad::server {

using nlohmann::json;

namespace {
const std::vector<std::string> kStates = {"upcoming", "open", "closed", "decided"};

// <option>s of values that are their own labels, "Alla" first; a chosen
// value no consultation uses stays chosen.
json ChoiceOptions(const WebContext& ctx, std::vector<std::string> values, const std::string& selected) {
  if (!selected.empty() && std::find(values.begin(), values.end(), selected) == values.end()) {
    values.push_back(selected);
  }
  json out = json::array({{{"value", ""}, {"label", ctx.Text("filter_any")}, {"selected", selected.empty()}}});
  for (const auto& v : values) out.push_back({{"value", v}, {"label", v}, {"selected", v == selected}});
  return out;
}

ApiResponse List(WebContext& ctx) {
  const ApiRequest& req = ctx.req;
  std::string state = req.Query("state").value_or("");
  ConsultationChoices choices = CurrentChoices(ctx.app);
  // A value in another case finds the spelling the consultations use.
  std::string area = req.Query("area").value_or("");
  area = MatchChoice(choices.areas, area).value_or(area);
  std::string tag = req.Query("tag").value_or("");
  tag = MatchChoice(choices.tags, tag).value_or(tag);
  auto page = MakePage(std::nullopt, req.Query("cursor"), 1);
  if (!page.ok()) return StatusPage(ctx, page.status());
  ConsultationFilter f{NonEmpty(state), NonEmpty(area), NonEmpty(tag), page.value(), std::nullopt};
  auto list = ctx.app.consultations->List(req.actor, f);
  if (!list.ok()) return StatusPage(ctx, list.status());
  json items = json::array();
  for (const auto& k : list->items) items.push_back(ConsultationCard(ctx, k));
  std::vector<std::string> states = kStates;
  if (req.actor && req.actor->IsOfficial()) states.insert(states.begin(), "draft");
  json model = {{"items", items},
                {"empty", items.empty()},
                {"filters", {{"areas", ChoiceOptions(ctx, choices.areas, area)},
                             {"tags", ChoiceOptions(ctx, choices.tags, tag)},
                             {"states", Options(ctx, states, "state_", state, true)},
                             {"active", !state.empty() || !area.empty() || !tag.empty()}}},
                {"pager", Pager("/consultations", {{"state", state}, {"area", area}, {"tag", tag}}, list->next_cursor)}};
  model["head_feeds"] = FeedLinks(ctx, {"consultations"});
  return RenderPage(ctx, "consultations", ctx.Text("consultations_title"), model);
}

}  // namespace

void AddConsultationPages(Router& r, std::shared_ptr<App> app) {
  // Signed in: made once per role, language and query, each reader's parts filled in.
  r.Add("GET", "/consultations", Web(app, [cache = SharedPersonalPages(*app)](WebContext& ctx) {
          if (auto page = PersonalLayoutPage(ctx, *cache, List)) return std::move(*page);
          return List(ctx);
        }));
}

}  // namespace samrad::server
