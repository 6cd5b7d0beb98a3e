// The desk's consultation form: state, section buttons, request body, views.
#include "server/web/desk_forms.h"

#include <algorithm>
#include <sstream>

#include "core/clock.h"
#include "server/web/format.h"

namespace samrad::server {

using nlohmann::json;

namespace {
constexpr int kMaxSections = 50;
const std::vector<std::string> kTextFields = {"title", "summary", "body", "language", "area", "tags",
                                              "opens_at", "closes_at"};

// A Swedish calendar day as an RFC 3339 instant: its first or last second.
std::string LocalDay(const std::string& date, bool end_of_day) {
  auto t = ParseTime(date);
  if (!t || date.size() != 10) return date;
  int64_t at = *t + (end_of_day ? 86399 : 0);
  return FormatTime(at - StockholmOffset(at));
}

std::string Prefix(size_t i) { return "sections_" + std::to_string(i) + "_"; }

// The N of an op such as "move-up-N" when it starts with the prefix.
std::optional<size_t> OpIndex(const std::string& op, const std::string& prefix) {
  if (!op.starts_with(prefix)) return std::nullopt;
  std::string n = op.substr(prefix.size());
  if (n.empty() || n.size() > 3 || n.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  return static_cast<size_t>(std::stoi(n));
}
}  // namespace

std::string TrimSpace(const std::string& s) {
  size_t a = s.find_first_not_of(" \t\r\n");
  if (a == std::string::npos) return "";
  size_t b = s.find_last_not_of(" \t\r\n");
  return s.substr(a, b - a + 1);
}

json ConsultationState(const WebForm& form) {
  json s = json::object();
  for (const auto& f : kTextFields) s[f] = form.Get(f);
  json sections = json::array();
  for (int i = 0; i < kMaxSections; ++i) {
    std::string n = Prefix(i);
    if (form.All(n + "heading").empty() && form.All(n + "body").empty()) break;
    sections.push_back({{"id", form.Get(n + "id")}, {"heading", form.Get(n + "heading")}, {"body", form.Get(n + "body")}});
  }
  s["sections"] = sections;
  s["publish"] = !form.Get("publish").empty();
  s["reason"] = form.Get("desk_reason");
  return s;
}

json ConsultationState(const Consultation& k) {
  std::string tags;
  for (const auto& t : k.tags) tags += (tags.empty() ? "" : ", ") + t;
  json sections = json::array();
  for (const auto& sec : k.sections) {
    sections.push_back({{"id", std::to_string(sec.id)}, {"heading", sec.heading}, {"body", sec.body}});
  }
  return {{"title", k.title}, {"summary", k.summary}, {"body", k.body}, {"language", k.language},
          {"area", k.area.value_or("")}, {"tags", tags},
          {"opens_at", DateInputValue(ParseTime(k.opens_at).value_or(0))},
          {"closes_at", DateInputValue(ParseTime(k.closes_at).value_or(0))},
          {"sections", sections}, {"publish", false}, {"reason", ""}};
}

json NewConsultationState(const std::string& lang, int64_t now) {
  return {{"title", ""}, {"summary", ""}, {"body", ""}, {"language", lang}, {"area", ""}, {"tags", ""},
          {"opens_at", DateInputValue(now)}, {"closes_at", DateInputValue(now + 30 * 86400)},
          {"sections", json::array()}, {"publish", false}, {"reason", ""}};
}

bool ApplySectionOp(json& state, const std::string& op, std::string& focus) {
  json& sections = state["sections"];
  size_t n = sections.size();
  if (op == "add-section") {
    if (n >= kMaxSections) return true;
    sections.push_back({{"id", ""}, {"heading", ""}, {"body", ""}});
    focus = "f-" + Prefix(n) + "heading";
    return true;
  }
  if (auto i = OpIndex(op, "remove-section-"); i && *i < n) {
    sections.erase(sections.begin() + static_cast<long>(*i));
    focus = "sections";
    return true;
  }
  if (auto i = OpIndex(op, "move-up-"); i && *i > 0 && *i < n) {
    std::swap(sections[*i], sections[*i - 1]);
    focus = "f-" + Prefix(*i - 1) + "heading";
    return true;
  }
  if (auto i = OpIndex(op, "move-down-"); i && *i + 1 < n) {
    std::swap(sections[*i], sections[*i + 1]);
    focus = "f-" + Prefix(*i + 1) + "heading";
    return true;
  }
  return op.starts_with("remove-section-") || op.starts_with("move-");
}

json ConsultationBody(const json& state, bool with_ids) {
  auto text = [&](const char* f) { return TrimSpace(state.value(f, "")); };
  json j = {{"title", text("title")},
            {"summary", text("summary")},
            {"body", state.value("body", "")},
            {"language", state.value("language", "")},
            {"opens_at", LocalDay(text("opens_at"), false)},
            {"closes_at", LocalDay(text("closes_at"), true)}};
  std::string area = text("area");
  if (!area.empty()) j["area"] = area;
  else if (with_ids) j["area"] = nullptr;
  json tags = json::array();
  std::istringstream in(state.value("tags", ""));
  for (std::string tag; std::getline(in, tag, ',');) {
    tag = TrimSpace(tag);
    if (!tag.empty() && std::find(tags.begin(), tags.end(), tag) == tags.end()) tags.push_back(tag);
  }
  if (!tags.empty() || with_ids) j["tags"] = tags;
  json sections = json::array();
  for (const auto& s : state["sections"]) {
    std::string heading = TrimSpace(s.value("heading", ""));
    std::string body = s.value("body", "");
    std::string id = s.value("id", "");
    // A section left wholly empty is no section.
    if (heading.empty() && TrimSpace(body).empty()) continue;
    json sec = {{"heading", heading}, {"body", body}};
    if (with_ids && !id.empty() && id.size() < 18 && id.find_first_not_of("0123456789") == std::string::npos) {
      sec["id"] = std::stoll(id);
    }
    sections.push_back(sec);
  }
  if (!sections.empty() || with_ids) j["sections"] = sections;
  std::string reason = TrimSpace(state.value("reason", ""));
  if (with_ids && !reason.empty()) j["reason"] = reason;
  return j;
}

std::vector<std::string> ConsultationFieldNames(const json& state) {
  std::vector<std::string> names = kTextFields;
  for (size_t i = 0; i < state["sections"].size(); ++i) {
    names.push_back(Prefix(i) + "heading");
    names.push_back(Prefix(i) + "body");
  }
  names.push_back("desk_reason");
  return names;
}

json ConsultationFormView(WebContext& ctx, const json& state, const FormErrors& errors, bool published) {
  auto v = [&](const char* f) { return state.value(f, ""); };
  json langs = json::array();
  for (const char* l : {"sv", "en"}) {
    langs.push_back({{"value", l}, {"label", ctx.Text(std::string("language_name_") + l)},
                     {"selected", v("language") == l}});
  }
  json sections = json::array();
  size_t n = state["sections"].size();
  for (size_t i = 0; i < n; ++i) {
    const json& s = state["sections"][i];
    std::string p = Prefix(i);
    std::string number = std::to_string(i + 1);
    sections.push_back({{"number", number},
                        {"legend_id", "legend-section-" + number},
                        {"id_name", p + "id"},
                        {"id_value", s.value("id", "")},
                        {"heading", FieldView(ctx, p + "heading", s.value("heading", ""), errors,
                                              {{"label", ctx.Text("label_desk_section_heading")}})},
                        {"body", FieldView(ctx, p + "body", s.value("body", ""), errors,
                                           {{"rows", 4}, {"label", ctx.Text("label_desk_section_body")}})},
                        {"up", i > 0 ? json("move-up-" + std::to_string(i)) : json(nullptr)},
                        {"down", i + 1 < n ? json("move-down-" + std::to_string(i)) : json(nullptr)},
                        {"remove", "remove-section-" + std::to_string(i)}});
  }
  return {{"csrf", ctx.FormToken()},
          {"title", FieldView(ctx, "title", v("title"), errors, {{"required", true}})},
          {"summary", FieldView(ctx, "summary", v("summary"), errors, {{"required", true}, {"rows", 3}})},
          {"body", FieldView(ctx, "body", v("body"), errors, {{"required", true}, {"rows", 10}})},
          {"language", FieldView(ctx, "language", "", errors, {{"options", langs}})},
          {"area", FieldView(ctx, "area", v("area"), errors)},
          {"tags", FieldView(ctx, "tags", v("tags"), errors)},
          {"opens_at", FieldView(ctx, "opens_at", v("opens_at"), errors, {{"type", "date"}, {"required", true}})},
          {"closes_at", FieldView(ctx, "closes_at", v("closes_at"), errors, {{"type", "date"}, {"required", true}})},
          {"sections", sections},
          {"has_sections", n > 0},
          {"published", published},
          {"publish", state.value("publish", false)},
          {"reason", published ? FieldView(ctx, "desk_reason", v("reason"), errors, {{"required", true}, {"rows", 3}})
                               : json(nullptr)}};
}

}  // namespace samrad::server
