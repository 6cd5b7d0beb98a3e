// The desk's decision form: state, roll-call rows, request body with the
// roll call checked against the counts.
#include <algorithm>
#include <map>

#include "core/clock.h"
#include "server/web/desk_forms.h"
#include "server/web/format.h"

namespace samrad::server {

using nlohmann::json;

namespace {
constexpr int kMaxRows = 1000;
const std::vector<std::string> kVoteKinds = {"for", "against", "abstain", "absent"};
const std::vector<std::string> kTextFields = {"title", "body", "body_name", "reference", "decided_at", "outcome"};

std::string Row(size_t i) { return "roll_" + std::to_string(i) + "_"; }

bool IsNumber(const std::string& v, size_t max_digits) {
  return !v.empty() && v.size() <= max_digits && v.find_first_not_of("0123456789") == std::string::npos;
}

bool Has(const json& list, int64_t id) { return std::find(list.begin(), list.end(), id) != list.end(); }

json Ids(const std::vector<int64_t>& ids) {
  json out = json::array();
  for (int64_t id : ids) out.push_back(std::to_string(id));
  return out;
}
}  // namespace

json DecisionState(const WebForm& form) {
  json s = json::object();
  for (const auto& f : kTextFields) s[f] = form.Get(f);
  s["consultation_ids"] = form.All("consultation_ids");
  s["answers_comment_ids"] = form.All("answers_comment_ids");
  json votes = json::object();
  for (const auto& k : kVoteKinds) votes[k] = form.Get("votes_" + k);
  s["votes"] = votes;
  json rows = json::array();
  for (int i = 0; i < kMaxRows; ++i) {
    std::string p = Row(i);
    if (form.All(p + "name").empty()) break;
    rows.push_back({{"name", form.Get(p + "name")}, {"party", form.Get(p + "party")}, {"vote", form.Get(p + "vote")}});
  }
  s["roll_call"] = rows;
  s["reason"] = form.Get("desk_reason");
  // What becomes of each ticked consultation that still takes comments.
  json closing = json::object();
  for (const auto& id : s["consultation_ids"]) {
    std::string choice = form.Get("close_" + id.get<std::string>());
    if (choice == "now" || choice == "as_planned") closing[id.get<std::string>()] = choice;
  }
  s["open_consultations"] = closing;
  return s;
}

json DecisionState(const DecisionVersion& v) {
  json votes = {{"for", ""}, {"against", ""}, {"abstain", ""}, {"absent", ""}};
  json rows = json::array();
  if (v.votes.is_object()) {
    for (const auto& k : kVoteKinds) votes[k] = std::to_string(v.votes.value(k, 0));
    for (const auto& r : v.votes.value("roll_call", json::array())) {
      rows.push_back({{"name", r.value("name", "")}, {"party", r.value("party", "")}, {"vote", r.value("vote", "")}});
    }
  }
  auto decided = ParseTime(v.decided_at);
  return {{"title", v.title}, {"body", v.body}, {"body_name", v.body_name}, {"reference", v.reference},
          {"decided_at", decided ? DateInputValue(*decided) : v.decided_at}, {"outcome", v.outcome},
          {"consultation_ids", Ids(v.consultation_ids)}, {"answers_comment_ids", Ids(v.answers_comment_ids)},
          {"votes", votes}, {"roll_call", rows}, {"reason", ""}, {"open_consultations", json::object()}};
}

json NewDecisionState(int64_t now) {
  return {{"title", ""}, {"body", ""}, {"body_name", ""}, {"reference", ""}, {"decided_at", DateInputValue(now)},
          {"outcome", "approved"}, {"consultation_ids", json::array()}, {"answers_comment_ids", json::array()},
          {"votes", {{"for", ""}, {"against", ""}, {"abstain", ""}, {"absent", ""}}}, {"roll_call", json::array()},
          {"reason", ""}, {"open_consultations", json::object()}};
}

bool ApplyRollCallOp(json& state, const std::string& op, std::string& focus) {
  json& rows = state["roll_call"];
  if (op == "add-row") {
    if (rows.size() < kMaxRows) rows.push_back({{"name", ""}, {"party", ""}, {"vote", "for"}});
    focus = "f-" + Row(rows.size() - 1) + "name";
    return true;
  }
  if (op.starts_with("remove-row-")) {
    std::string n = op.substr(11);
    if (IsNumber(n, 4) && std::stoul(n) < rows.size()) rows.erase(rows.begin() + static_cast<long>(std::stoul(n)));
    focus = "roll-call";
    return true;
  }
  return false;
}

json DecisionBody(const WebContext& ctx, const json& state, FormErrors& errors) {
  json j = json::object();
  for (const auto& f : kTextFields) j[f] = f == "body" ? state.value(f, "") : TrimSpace(state.value(f, ""));
  for (const char* list : {"consultation_ids", "answers_comment_ids"}) {
    json ids = json::array();
    for (const auto& v : state[list]) {
      std::string s = v.get<std::string>();
      if (IsNumber(s, 17) && !Has(ids, std::stoll(s))) ids.push_back(std::stoll(s));
    }
    j[list] = ids;
  }
  json open = json::array();
  for (const auto& [id, choice] : state["open_consultations"].items()) {
    if (IsNumber(id, 17) && Has(j["consultation_ids"], std::stoll(id))) open.push_back({{"id", std::stoll(id)}, {"close", choice}});
  }
  if (!open.empty()) j["open_consultations"] = open;
  bool any_votes = false;
  json votes = json::object();
  for (const auto& k : kVoteKinds) {
    std::string v = TrimSpace(state["votes"].value(k, ""));
    any_votes = any_votes || !v.empty();
    if (v.empty()) v = "0";
    if (!IsNumber(v, 6)) {
      errors.Add("votes_" + k, ctx.Text("error_votes_count"));
    } else {
      votes[k] = std::stoi(v);
    }
  }
  json roll = json::array();
  std::map<std::string, int> counted;
  const json& rows = state["roll_call"];
  for (size_t i = 0; i < rows.size(); ++i) {
    std::string name = TrimSpace(rows[i].value("name", ""));
    std::string party = TrimSpace(rows[i].value("party", ""));
    std::string vote = rows[i].value("vote", "");
    if (name.empty() && party.empty()) continue;  // an empty row is no row
    if (name.empty()) errors.Add(Row(i) + "name", ctx.Text("error_desk_roll_name"));
    if (std::find(kVoteKinds.begin(), kVoteKinds.end(), vote) == kVoteKinds.end()) {
      errors.Add(Row(i) + "vote", ctx.Text("error_desk_roll_vote"));
      continue;
    }
    roll.push_back({{"name", name}, {"party", party}, {"vote", vote}});
    counted[vote]++;
  }
  if (!roll.empty()) {
    any_votes = true;
    votes["roll_call"] = roll;
    // Name both numbers at the count that disagrees with the roll call.
    for (const auto& k : kVoteKinds) {
      if (!votes.contains(k) || votes[k].get<int>() == counted[k]) continue;
      errors.Add("votes_" + k, ctx.Text("vote_" + k) + ": " + std::to_string(votes[k].get<int>()) + " " +
                                   ctx.Text("desk_in_counts") + ", " + std::to_string(counted[k]) + " " +
                                   ctx.Text("desk_in_roll_call"));
    }
  }
  j["votes"] = any_votes ? votes : json(nullptr);
  return j;
}

std::vector<std::string> DecisionFieldNames(const json& state) {
  std::vector<std::string> names = kTextFields;
  names.insert(names.end(), {"consultation_ids", "answers_comment_ids", "votes_for", "votes_against",
                             "votes_abstain", "votes_absent"});
  for (size_t i = 0; i < state["roll_call"].size(); ++i) {
    names.push_back(Row(i) + "name");
    names.push_back(Row(i) + "vote");
  }
  names.push_back("desk_reason");
  return names;
}

}  // namespace samrad::server
