// The start page: open consultations, closing soon, latest decisions,
// search, data and feeds.
#include <algorithm>

#include "core/clock.h"
#include "server/web/journalist_models.h"
#include "server/web/models.h"
#include "server/web/pages.h"
#include "server/web/personal_page_serve.h"

namespace samrad::server {

using nlohmann::json;

namespace {
constexpr int64_t kClosingSoonSeconds = 14 * 24 * 3600;
constexpr size_t kShown = 5;
constexpr size_t kOpenShown = 10;

json Home(WebContext& ctx) {
  App& app = ctx.app;
  ConsultationFilter open_filter{"open", std::nullopt, std::nullopt, Page{200, std::nullopt}, std::nullopt};
  auto open = app.consultations->List(ctx.req.actor, open_filter);
  json open_cards = json::array();
  json closing = json::array();
  json more = nullptr;
  if (open.ok()) {
    // Soonest closing first: what a reader can still take part in.
    std::vector<Consultation> by_closing = open->items;
    std::stable_sort(by_closing.begin(), by_closing.end(), [](const Consultation& a, const Consultation& b) {
      return ParseTime(a.closes_at) < ParseTime(b.closes_at);
    });
    for (size_t i = 0; i < by_closing.size() && i < kOpenShown; ++i) {
      open_cards.push_back(ConsultationCard(ctx, by_closing[i]));
    }
    if (by_closing.size() > kOpenShown || open->next_cursor) {
      std::string n = std::to_string(by_closing.size() - kOpenShown) + (open->next_cursor ? "+" : "");
      more = {{"text", FillMessage(ctx.Text("journalist_home_more_open"), {{"n", n}})},
              {"url", "/consultations?state=open"}};
    }
    int64_t now = app.clock->Now();
    for (const auto& k : by_closing) {
      auto closes = ParseTime(k.closes_at);
      if (closes && *closes - now <= kClosingSoonSeconds && closing.size() < kShown) {
        closing.push_back(ConsultationCard(ctx, k));
      }
    }
  }
  json decisions = json::array();
  auto latest = app.decisions->List(DecisionFilter{{}, {}, {}, {}, Page{static_cast<int>(kShown), std::nullopt}});
  if (latest.ok()) {
    for (const auto& v : latest->items) decisions.push_back(DecisionCard(ctx, v));
  }
  json feeds = FeedLinks(ctx, {"consultations", "decisions"});
  return {{"open", open_cards}, {"closing", closing}, {"decisions", decisions},
          {"feeds", feeds}, {"head_feeds", feeds},
          {"any_open", !open_cards.empty()}, {"more_open", more}, {"any_closing", !closing.empty()},
          {"any_decisions", !decisions.empty()}};
}
}  // namespace

void AddHomePages(Router& r, std::shared_ptr<App> app) {
  auto render = [](WebContext& ctx) { return RenderPage(ctx, "home", ctx.Text("site_name"), Home(ctx)); };
  // Signed in: made once per role and language, each reader's parts filled in.
  r.Add("GET", "/", Web(app, [render, cache = SharedPersonalPages(*app)](WebContext& ctx) {
          if (auto page = PersonalLayoutPage(ctx, *cache, render)) return std::move(*page);
          return render(ctx);
        }));
}

}  // namespace samrad::server
