// The start page: open consultations, closing soon, latest decisions,
// search, data and feeds.
#include <algorithm>

#include "core/clock.h"
#include "server/web/models.h"
#include "server/web/pages.h"

namespace samrad::server {

using nlohmann::json;

namespace {
constexpr int64_t kClosingSoonSeconds = 14 * 24 * 3600;
constexpr size_t kShown = 5;

json Home(WebContext& ctx) {
  App& app = ctx.app;
  ConsultationFilter open_filter{"open", std::nullopt, std::nullopt, Page{200, std::nullopt}};
  auto open = app.consultations->List(ctx.req.actor, open_filter);
  json open_cards = json::array();
  json closing = json::array();
  if (open.ok()) {
    for (size_t i = 0; i < open->items.size() && i < kShown; ++i) {
      open_cards.push_back(ConsultationCard(ctx, open->items[i]));
    }
    std::vector<Consultation> soon;
    int64_t now = app.clock->Now();
    for (const auto& k : open->items) {
      auto closes = ParseTime(k.closes_at);
      if (closes && *closes - now <= kClosingSoonSeconds) soon.push_back(k);
    }
    std::sort(soon.begin(), soon.end(),
              [](const Consultation& a, const Consultation& b) { return ParseTime(a.closes_at) < ParseTime(b.closes_at); });
    for (size_t i = 0; i < soon.size() && i < kShown; ++i) closing.push_back(ConsultationCard(ctx, soon[i]));
  }
  json decisions = json::array();
  auto latest = app.decisions->List(DecisionFilter{{}, {}, {}, {}, Page{static_cast<int>(kShown), std::nullopt}});
  if (latest.ok()) {
    for (const auto& v : latest->items) decisions.push_back(DecisionCard(ctx, v));
  }
  json feeds = FeedLinks(ctx, {"consultations", "decisions"});
  return {{"open", open_cards}, {"closing", closing}, {"decisions", decisions},
          {"feeds", feeds}, {"head_feeds", feeds},
          {"any_open", !open_cards.empty()}, {"any_closing", !closing.empty()},
          {"any_decisions", !decisions.empty()}};
}
}  // namespace

void AddHomePages(Router& r, std::shared_ptr<App> app) {
  r.Add("GET", "/", Web(app, [](WebContext& ctx) {
          return RenderPage(ctx, "home", ctx.Text("site_name"), Home(ctx));
        }));
}

}  // namespace samrad::server
