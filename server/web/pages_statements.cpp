// /accessibility (tillgänglighetsredogörelse, after DIGG's model) and
// /privacy (what Samråd stores about people, why, how long, and their
// rights). The municipality's name, e-mail and web address come from the
// serve flags --publisher-name, --publisher-email and --publisher-url.
#include "server/web/journalist_models.h"
#include "server/web/pages.h"

namespace samrad::server {

using nlohmann::json;

namespace {
struct Section {
  std::string id;
  std::vector<std::string> paragraphs;  // message keys after the heading key journalist_<id>
  std::vector<std::pair<std::string, std::string>> links = {};  // message key, address
};

const std::vector<Section> kAccessibility = {
    {"a11y_intro", {"journalist_a11y_intro_1", "journalist_a11y_intro_2"}},
    {"a11y_status", {"journalist_a11y_status_1"}},
    {"a11y_gaps", {"journalist_a11y_gaps_1", "journalist_a11y_gaps_2", "journalist_a11y_gaps_3",
                   "journalist_a11y_gaps_4"}},
    {"a11y_help", {"journalist_a11y_help_1"}},
    {"a11y_report", {"journalist_a11y_report_1"}},
    {"a11y_enforcement", {"journalist_a11y_enforcement_1"},
     {{"journalist_a11y_enforcement_link", "https://www.digg.se/tdosanmalan"}}},
    {"a11y_testing", {"journalist_a11y_testing_1", "journalist_a11y_testing_2"}},
};

const std::vector<Section> kPrivacy = {
    {"privacy_who", {"journalist_privacy_who_1"}},
    {"privacy_what", {"journalist_privacy_what_1", "journalist_privacy_what_2", "journalist_privacy_what_3",
                      "journalist_privacy_what_4"}},
    {"privacy_pseudonyms", {"journalist_privacy_pseudonyms_1", "journalist_privacy_pseudonyms_2"}},
    {"privacy_why", {"journalist_privacy_why_1"}},
    {"privacy_how_long", {"journalist_privacy_how_long_1", "journalist_privacy_how_long_2"}},
    {"privacy_public", {"journalist_privacy_public_1"}},
    {"privacy_cookies", {"journalist_privacy_cookies_1"}},
    {"privacy_rights", {"journalist_privacy_rights_1", "journalist_privacy_rights_2"},
     {{"journalist_privacy_me_link", "/me"}, {"journalist_privacy_imy_link", "https://www.imy.se"}}},
};

ApiResponse Statement(WebContext& ctx, const std::string& title_key, const std::vector<Section>& sections) {
  auto od = ctx.app.opendata->options();
  std::vector<std::pair<std::string, std::string>> values = {
      {"org", od.publisher_name}, {"email", od.publisher_email}, {"url", od.publisher_url}};
  json out = json::array();
  for (const auto& s : sections) {
    json paragraphs = json::array();
    for (const auto& key : s.paragraphs) paragraphs.push_back(FillMessage(ctx.Text(key), values));
    json links = json::array();
    for (const auto& [key, href] : s.links) links.push_back({{"label", ctx.Text(key)}, {"href", href}});
    out.push_back({{"id", "h-" + s.id}, {"heading", ctx.Text("journalist_" + s.id)},
                   {"paragraphs", paragraphs}, {"links", links}});
  }
  json model = {{"heading", ctx.Text(title_key)},
                {"sections", out},
                {"contact", {{"org", od.publisher_name}, {"email", od.publisher_email}, {"url", od.publisher_url}}}};
  return RenderPage(ctx, "statement", ctx.Text(title_key), model);
}
}  // namespace

void AddStatementPages(Router& r, std::shared_ptr<App> app) {
  r.Add("GET", "/accessibility", Web(app, [](WebContext& ctx) {
          return Statement(ctx, "journalist_a11y_title", kAccessibility);
        }));
  r.Add("GET", "/privacy", Web(app, [](WebContext& ctx) {
          return Statement(ctx, "journalist_privacy_title", kPrivacy);
        }));
}

}  // namespace samrad::server
