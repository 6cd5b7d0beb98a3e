// View models of decisions: votes, roll call, versions and verification.
#include "core/markdown.h"
#include "server/web/format.h"
#include "server/web/journalist_models.h"
#include "server/web/models.h"

namespace samrad::server {

using nlohmann::json;

namespace {
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

// The labels of the fields a version changed ("Rubrik, Beslutstext").
std::string ChangedFields(const WebContext& ctx, const json& changes) {
  std::string out;
  if (!changes.is_object()) return out;
  for (const auto& [field, change] : changes.items()) out += (out.empty() ? "" : ", ") + ctx.Text("field_" + field);
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
    json item = VersionLinks(*it);
    std::string changed = ChangedFields(ctx, it->changes);
    item.update({{"version", it->version},
                 {"label", VersionLabel(ctx, *it)},
                 {"published", TimeView(it->published_at, ctx.lang)},
                 {"outcome_label", ctx.Text("outcome_" + it->outcome)},
                 {"changed_fields", changed.empty() ? json(nullptr) : json(changed)},
                 {"log_seq", it->log_seq},
                 {"entry_hash", it->entry_hash}});
    versions.push_back(item);
  }
  view["versions"] = versions;
  view["verification"] = {{"log_seq", v.log_seq},
                          {"entry_hash", v.entry_hash},
                          {"entry_url", "/log/" + std::to_string(v.log_seq)},
                          {"entry_api_url", "/api/v1/log?after=" + std::to_string(v.log_seq - 1) + "&limit=1"},
                          {"verify_url", "/api/v1/log/verify"}};
  view["published"] = TimeView(v.published_at, ctx.lang);
  return view;
}

}  // namespace samrad::server
