// View models of decisions: votes, roll call, versions and verification.
#include "core/markdown.h"
#include "server/web/format.h"
#include "server/web/models.h"

namespace samrad::server {

using nlohmann::json;

namespace {
std::string Shown(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_null()) return "";
  return value.dump();
}

json Votes(const WebContext& ctx, const json& votes) {
  if (!votes.is_object()) return nullptr;
  json counts = json::array();
  for (const char* k : {"for", "against", "abstain", "absent"}) {
    counts.push_back({{"label", ctx.Text(std::string("vote_") + k)}, {"count", votes.value(k, 0)}});
  }
  json roll = json::array();
  for (const auto& m : votes.value("roll_call", json::array())) {
    roll.push_back({{"name", m.value("name", "")}, {"party", m.value("party", "")},
                    {"vote_label", ctx.Text("vote_" + m.value("vote", std::string()))}});
  }
  return {{"counts", counts}, {"roll_call", roll}, {"has_roll_call", !roll.empty()}};
}

json Changes(const WebContext& ctx, const json& changes) {
  json out = json::array();
  if (!changes.is_object()) return out;
  for (const auto& [field, change] : changes.items()) {
    std::string from = Shown(change.value("from", json()));
    std::string to = Shown(change.value("to", json()));
    if (field == "outcome") {
      from = ctx.Text("outcome_" + from);
      to = ctx.Text("outcome_" + to);
    }
    out.push_back({{"field_label", ctx.Text("field_" + field)}, {"from", from}, {"to", to}});
  }
  return out;
}
}  // namespace

json DecisionCard(const WebContext& ctx, const DecisionVersion& v) {
  return {{"id", v.decision_id},
          {"url", "/decisions/" + std::to_string(v.decision_id)},
          {"title", v.title},
          {"reference", v.reference},
          {"body_name", v.body_name},
          {"outcome", v.outcome},
          {"outcome_label", ctx.Text("outcome_" + v.outcome)},
          {"decided", TimeView(v.decided_at, ctx.lang)},
          {"version", v.version},
          {"amended", v.version > 1}};
}

json DecisionView(const WebContext& ctx, const Decision& d, const std::map<int64_t, std::string>& titles) {
  const DecisionVersion& v = d.current;
  json view = DecisionCard(ctx, v);
  view["body_html"] = RenderMarkdown(v.body);
  view["votes"] = Votes(ctx, v.votes);
  json consultations = json::array();
  for (int64_t id : v.consultation_ids) {
    auto it = titles.find(id);
    consultations.push_back({{"url", "/consultations/" + std::to_string(id)},
                             {"title", it == titles.end() ? "#" + std::to_string(id) : it->second}});
  }
  view["consultations"] = consultations;
  json versions = json::array();
  for (auto it = d.versions.rbegin(); it != d.versions.rend(); ++it) {
    versions.push_back({{"version", it->version},
                        {"published", TimeView(it->published_at, ctx.lang)},
                        {"outcome_label", ctx.Text("outcome_" + it->outcome)},
                        {"reason", it->reason ? json(*it->reason) : json(nullptr)},
                        {"changes", Changes(ctx, it->changes)},
                        {"log_seq", it->log_seq},
                        {"entry_hash", it->entry_hash},
                        {"api_url", "/api/v1/decisions/" + std::to_string(it->decision_id) + "/versions/" +
                                        std::to_string(it->version)}});
  }
  view["versions"] = versions;
  view["verification"] = {{"log_seq", v.log_seq},
                          {"entry_hash", v.entry_hash},
                          {"entry_url", "/api/v1/log?after=" + std::to_string(v.log_seq - 1) + "&limit=1"},
                          {"verify_url", "/api/v1/log/verify"}};
  view["published"] = TimeView(v.published_at, ctx.lang);
  return view;
}

}  // namespace samrad::server
