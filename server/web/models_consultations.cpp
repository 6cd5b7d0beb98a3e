// View models of consultations.
#include "core/clock.h"
#include "core/markdown.h"
#include "core/url_codec.h"
#include "server/web/format.h"
#include "server/web/journalist_models.h"
#include "server/web/models.h"

namespace samrad::server {

using nlohmann::json;

namespace {
// What a card says of the consultation's dates: "Öppnar" before it opens,
// "Stänger" while open, "Stängde" after, with the day comments really
// stopped (a decision may have come before the closing date).
json When(const WebContext& ctx, const Consultation& k) {
  if (k.state == "draft" || k.state == "upcoming") {
    json t = TimeView(k.opens_at, ctx.lang);
    if (t.is_object()) t["label"] = ctx.Text("opens");
    return t;
  }
  std::string end = k.closes_at;
  if (k.decided_at && ParseTime(*k.decided_at) < ParseTime(k.closes_at)) end = *k.decided_at;
  json t = TimeView(end, ctx.lang);
  if (t.is_object()) t["label"] = ctx.Text(k.state == "open" ? "closes" : "journalist_card_closed");
  return t;
}
}  // namespace

json ConsultationCard(const WebContext& ctx, const Consultation& k) {
  json tags = json::array();
  for (const auto& t : k.tags) tags.push_back({{"name", t}, {"url", "/consultations?tag=" + PercentEncode(t)}});
  return {{"id", k.id},
          {"url", "/consultations/" + std::to_string(k.id)},
          {"title", k.title},
          {"summary", k.summary},
          {"content_lang", k.language},
          {"state", k.state},
          {"state_label", ctx.Text("state_" + k.state)},
          {"is_open", k.state == "open"},
          {"opens", TimeView(k.opens_at, ctx.lang)},
          {"closes", TimeView(k.closes_at, ctx.lang)},
          {"when", When(ctx, k)},
          {"area", k.area ? json(*k.area) : json(nullptr)},
          {"area_url", k.area ? json("/consultations?area=" + PercentEncode(*k.area)) : json(nullptr)},
          {"tags", tags},
          {"has_tags", !k.tags.empty()},
          {"comment_count", k.comment_count}};
}

json ConsultationView(const WebContext& ctx, const Consultation& k) {
  json v = ConsultationCard(ctx, k);
  v["body_html"] = RenderMarkdown(k.body);  // safe mode: no raw HTML survives
  json sections = json::array();
  for (const auto& s : k.sections) {
    sections.push_back({{"id", s.id}, {"anchor", "section-" + std::to_string(s.id)},
                        {"heading", s.heading}, {"body_html", RenderMarkdown(s.body)}});
  }
  v["sections"] = sections;
  json decisions = json::array();
  for (const auto& d : k.decisions) {
    decisions.push_back({{"id", d.id}, {"url", "/decisions/" + std::to_string(d.id)}, {"title", d.title},
                         {"reference", d.reference}, {"outcome_label", ctx.Text("outcome_" + d.outcome)},
                         {"answers", d.answers_comment_ids.size()}});
  }
  v["decisions"] = decisions;
  v["published"] = k.published_at ? TimeView(*k.published_at, ctx.lang) : json(nullptr);
  v["updated"] = TimeView(k.updated_at, ctx.lang);
  v["version"] = k.version;
  v["versions_url"] = "/api/v1/consultations/" + std::to_string(k.id) + "/versions";
  bool reported = k.state == "closed" || k.state == "decided";  // the report is public from then on
  v["report_url"] = reported ? json("/consultations/" + std::to_string(k.id) + "/report") : json(nullptr);
  v["closing_note"] = ClosingNote(ctx, k);
  v["comments"] = nullptr;  // filled by the page once comments are taken or read
  v["feeds"] = FeedLinks(ctx, {"consultations", "decisions"});
  return v;
}

json Pager(const std::string& path, std::vector<std::pair<std::string, std::string>> filters,
           const std::optional<std::string>& next_cursor) {
  if (!next_cursor) return nullptr;
  filters.emplace_back("cursor", *next_cursor);
  return {{"next_url", path + "?" + QueryString(filters)}};
}

json Options(const WebContext& ctx, const std::vector<std::string>& values, const std::string& label_prefix,
             const std::string& selected, bool with_any) {
  json out = json::array();
  if (with_any) out.push_back({{"value", ""}, {"label", ctx.Text("filter_any")}, {"selected", selected.empty()}});
  for (const auto& v : values) {
    out.push_back({{"value", v}, {"label", ctx.Text(label_prefix + v)}, {"selected", v == selected}});
  }
  return out;
}

}  // namespace samrad::server
