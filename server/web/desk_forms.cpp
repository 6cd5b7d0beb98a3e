// The desk's forms.
#include "server/web/desk_forms.h"

#include <algorithm>
#include <sstream>

#include "core/clock.h"
#include "server/web/format.h"

namespace samrad::server {

using nlohmann::json;

const std::vector<std::string> kConsultationFormFields = {
    "title", "summary", "body", "language", "area", "tags", "opens_at", "closes_at",
    "sections_0_heading", "sections_0_body", "sections_1_heading", "sections_1_body"};
const std::vector<std::string> kDecisionFormFields = {
    "title", "body", "body_name", "reference", "decided_at", "outcome", "consultation_ids",
    "answers_comment_ids", "votes_for", "votes_against", "votes_abstain", "votes_absent", "votes_roll_call"};

namespace {
constexpr int kSectionSlots = 2;
constexpr char kDecisionPrefix[] = "d-";
const std::vector<std::string> kVoteKinds = {"for", "against", "abstain", "absent"};

std::string Trim(const std::string& s) {
  size_t a = s.find_first_not_of(" \t\r\n");
  if (a == std::string::npos) return "";
  size_t b = s.find_last_not_of(" \t\r\n");
  return s.substr(a, b - a + 1);
}

// A Swedish calendar day as an RFC 3339 instant: its first or last second.
std::string LocalDay(const std::string& date, bool end_of_day) {
  auto t = ParseTime(date);
  if (!t || date.size() != 10) return date;
  int64_t at = *t + (end_of_day ? 86399 : 0);
  return FormatTime(at - StockholmOffset(at));
}

// The vote word of a roll-call line, in English or Swedish.
std::string VoteWord(std::string w) {
  for (auto& c : w) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (w == "ja" || w == "for") return "for";
  if (w == "nej" || w == "against") return "against";
  if (w == "avstår" || w == "avstar" || w == "abstain") return "abstain";
  if (w == "frånvarande" || w == "franvarande" || w == "absent") return "absent";
  return "";
}

json ParseRollCall(const std::string& text, bool* ok) {
  json roll = json::array();
  std::istringstream lines(text);
  std::string line;
  *ok = true;
  while (std::getline(lines, line)) {
    line = Trim(line);
    if (line.empty()) continue;
    char sep = line.find(';') != std::string::npos ? ';' : ',';
    std::vector<std::string> parts;
    std::istringstream cells(line);
    for (std::string cell; std::getline(cells, cell, sep);) parts.push_back(Trim(cell));
    std::string vote = parts.size() == 3 ? VoteWord(parts[2]) : "";
    if (vote.empty() || parts[0].empty()) {
      *ok = false;
      continue;
    }
    roll.push_back({{"name", parts[0]}, {"party", parts[1]}, {"vote", vote}});
  }
  return roll;
}
}  // namespace

json ConsultationFromForm(const WebForm& form) {
  json j = {{"title", Trim(form.Get("title"))},
            {"summary", Trim(form.Get("summary"))},
            {"body", form.Get("body")},
            {"language", form.Get("language")},
            {"opens_at", LocalDay(Trim(form.Get("opens_at")), false)},
            {"closes_at", LocalDay(Trim(form.Get("closes_at")), true)}};
  if (std::string area = Trim(form.Get("area")); !area.empty()) j["area"] = area;
  json tags = json::array();
  std::istringstream in(form.Get("tags"));
  for (std::string tag; std::getline(in, tag, ',');) {
    tag = Trim(tag);
    if (!tag.empty() && std::find(tags.begin(), tags.end(), tag) == tags.end()) tags.push_back(tag);
  }
  if (!tags.empty()) j["tags"] = tags;
  json sections = json::array();
  for (int i = 0; i < kSectionSlots; ++i) {
    std::string n = "sections_" + std::to_string(i) + "_";
    std::string heading = Trim(form.Get(n + "heading"));
    std::string body = form.Get(n + "body");
    if (heading.empty() && Trim(body).empty()) continue;
    sections.push_back({{"heading", heading}, {"body", body}});
  }
  if (!sections.empty()) j["sections"] = sections;
  return j;
}

json DecisionFromForm(const WebContext& ctx, const WebForm& form, FormErrors& errors) {
  json j = {{"title", Trim(form.Get("title"))},     {"body", form.Get("body")},
            {"body_name", Trim(form.Get("body_name"))}, {"reference", Trim(form.Get("reference"))},
            {"decided_at", Trim(form.Get("decided_at"))}, {"outcome", form.Get("outcome")}};
  json ids = json::array();
  for (const auto& v : form.All("consultation_ids")) {
    if (!v.empty() && v.size() < 18 && v.find_first_not_of("0123456789") == std::string::npos) {
      ids.push_back(std::stoll(v));
    }
  }
  if (!ids.empty()) j["consultation_ids"] = ids;
  // Answered comments: their numbers, separated by commas or spaces.
  json answers = json::array();
  std::string list = form.Get("answers_comment_ids");
  for (auto& c : list) {
    if (c == ',' || c == ';') c = ' ';
  }
  std::istringstream words(list);
  for (std::string w; words >> w;) {
    if (w.starts_with("#")) w = w.substr(1);
    if (w.empty() || w.size() > 17 || w.find_first_not_of("0123456789") != std::string::npos) {
      errors.Add("answers_comment_ids", ctx.Text("error_answers_comment_ids_format"));
      break;
    }
    answers.push_back(std::stoll(w));
  }
  if (!answers.empty()) j["answers_comment_ids"] = answers;
  bool any_votes = false;
  json votes = json::object();
  for (const auto& k : kVoteKinds) {
    std::string v = Trim(form.Get("votes_" + k));
    any_votes = any_votes || !v.empty();
    if (v.empty()) v = "0";
    if (v.size() > 6 || v.find_first_not_of("0123456789") != std::string::npos) {
      errors.Add("votes_" + k, ctx.Text("error_votes_count"));
    } else {
      votes[k] = std::stoi(v);
    }
  }
  std::string roll_text = form.Get("votes_roll_call");
  if (!Trim(roll_text).empty()) {
    any_votes = true;
    bool ok = true;
    votes["roll_call"] = ParseRollCall(roll_text, &ok);
    if (!ok) errors.Add("votes_roll_call", ctx.Text("error_votes_roll_call_format"));
  }
  if (any_votes) j["votes"] = votes;
  return j;
}

json ConsultationFormView(WebContext& ctx, const WebForm* form, const FormErrors& errors, int64_t now) {
  auto value = [&](const std::string& n, const std::string& fallback = "") {
    return form ? form->Get(n) : fallback;
  };
  json langs = json::array();
  for (const char* l : {"sv", "en"}) {
    langs.push_back({{"value", l}, {"label", ctx.Text(std::string("language_name_") + l)},
                     {"selected", value("language", ctx.lang) == l}});
  }
  json sections = json::array();
  for (int i = 0; i < kSectionSlots; ++i) {
    std::string n = "sections_" + std::to_string(i) + "_";
    sections.push_back({{"number", i + 1},
                        {"heading", FieldView(ctx, n + "heading", value(n + "heading"), errors)},
                        {"body", FieldView(ctx, n + "body", value(n + "body"), errors, {{"rows", 4}})}});
  }
  return {{"csrf", ctx.FormToken()},
          {"error_summary", ErrorSummary(ctx, errors, kConsultationFormFields, "consultation-form")},
          {"title", FieldView(ctx, "title", value("title"), errors, {{"required", true}})},
          {"summary", FieldView(ctx, "summary", value("summary"), errors, {{"required", true}, {"rows", 3}})},
          {"body", FieldView(ctx, "body", value("body"), errors, {{"required", true}, {"rows", 10}})},
          {"language", FieldView(ctx, "language", "", errors, {{"options", langs}})},
          {"area", FieldView(ctx, "area", value("area"), errors)},
          {"tags", FieldView(ctx, "tags", value("tags"), errors)},
          {"opens_at", FieldView(ctx, "opens_at", value("opens_at", DateInputValue(now)), errors,
                                 {{"type", "date"}, {"required", true}})},
          {"closes_at", FieldView(ctx, "closes_at", value("closes_at", DateInputValue(now + 30 * 86400)), errors,
                                  {{"type", "date"}, {"required", true}})},
          {"sections", sections},
          {"publish", !form || !form->Get("publish").empty()}};
}

json DecisionFormView(WebContext& ctx, const WebForm* form, const FormErrors& errors,
                      const std::vector<Consultation>& linkable, int64_t now) {
  auto value = [&](const std::string& n, const std::string& fallback = "") {
    return form ? form->Get(n) : fallback;
  };
  // The field of this form, its ids kept apart from the consultation form's.
  auto field = [&](const std::string& n, const std::string& v, json extra = json::object()) {
    extra["id_prefix"] = kDecisionPrefix;
    return FieldView(ctx, n, v, errors, extra);
  };
  std::vector<std::string> chosen = form ? form->All("consultation_ids") : std::vector<std::string>{};
  // "Answer with a decision" from a comment: its consultation comes ticked.
  if (std::string a = ctx.req.Query("answers").value_or(""); !form && !a.empty() && a.size() < 18 &&
                                                              a.find_first_not_of("0123456789") == std::string::npos) {
    if (auto k = ctx.app.comments->Get(std::stoll(a)); k.ok()) chosen.push_back(std::to_string(k->consultation_id));
  }
  json consultations = json::array();
  for (const auto& k : linkable) {
    std::string id = std::to_string(k.id);
    consultations.push_back({{"value", id}, {"id", "d-consultation-" + id}, {"label", k.title},
                             {"content_lang", k.language}, {"state_label", ctx.Text("state_" + k.state)},
                             {"checked", std::find(chosen.begin(), chosen.end(), id) != chosen.end()}});
  }
  json outcomes = json::array();
  for (const char* o : {"approved", "rejected", "referred", "postponed"}) {
    outcomes.push_back({{"value", o}, {"label", ctx.Text(std::string("outcome_") + o)},
                        {"selected", value("outcome", "approved") == o}});
  }
  json votes = json::array();
  for (const auto& k : kVoteKinds) {
    votes.push_back(field("votes_" + k, value("votes_" + k),
                              {{"type", "text"}, {"inputmode", "numeric"}}));
  }
  auto ids_error = errors.fields.find("consultation_ids");
  return {{"csrf", ctx.FormToken()},
          {"error_summary", ErrorSummary(ctx, errors, kDecisionFormFields, "decision-form", kDecisionPrefix)},
          {"title", field("title", value("title"), {{"required", true}})},
          {"body", field("body", value("body"), {{"required", true}, {"rows", 10}})},
          {"body_name", field("body_name", value("body_name"), {{"required", true}})},
          {"reference", field("reference", value("reference"), {{"required", true}})},
          {"decided_at", field("decided_at", value("decided_at", DateInputValue(now)),
                                   {{"type", "date"}, {"required", true}})},
          {"outcome", field("outcome", "", {{"options", outcomes}})},
          {"consultations", consultations},
          {"has_consultations", !consultations.empty()},
          {"answers_comment_ids", field("answers_comment_ids",
                                        value("answers_comment_ids", ctx.req.Query("answers").value_or("")))},
          {"consultation_ids_error", ids_error == errors.fields.end() ? json(nullptr) : json(ids_error->second)},
          {"votes", votes},
          {"roll_call", field("votes_roll_call", value("votes_roll_call"), {{"rows", 6}})}};
}

}  // namespace samrad::server
