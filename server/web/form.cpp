// Web forms.
#include "server/web/form.h"

#include <algorithm>

#include "core/text_rules.h"
#include "core/url_codec.h"
#include "server/web/log_link.h"

namespace samrad::server {

using nlohmann::json;

WebForm::WebForm(const ApiRequest& req) : fields_(ParseForm(req.body)) {}

std::string WebForm::Get(const std::string& name) const {
  auto it = fields_.find(name);
  return it == fields_.end() ? std::string() : it->second;
}

std::vector<std::string> WebForm::All(const std::string& name) const {
  std::vector<std::string> out;
  auto [a, b] = fields_.equal_range(name);
  for (auto it = a; it != b; ++it) out.push_back(it->second);
  return out;
}

namespace {
// The longest single-line field of the API is 2000 characters, the longest
// text (a decision's body) 200000; the services check each field's own.
constexpr size_t kMaxLineField = 4 * 2000;
constexpr size_t kMaxTextField = 4 * 200000;

// A questionnaire's answer to one question ("q12"): a free-text answer is a textarea.
bool QuestionnaireAnswerField(const std::string& name) {
  return name.size() > 1 && name[0] == 'q' && name.find_first_not_of("0123456789", 1) == std::string::npos;
}

// Fields drawn as a textarea, which may hold line breaks and tabs.
bool MultiLine(const std::string& name) {
  return name.ends_with("body") || name == "summary" || name.ends_with("reason") || name == "flag_note" ||
         name == "votes_roll_call" || name == "questionnaire_options" || QuestionnaireAnswerField(name);
}

bool Storable(const std::string& name, const std::string& value) {
  bool multi = MultiLine(name);
  if (value.size() > (multi ? kMaxTextField : kMaxLineField)) return false;
  // Valid UTF-8 without C1 controls is exactly what CleanXmlText keeps.
  return !FindControlChar(value, multi) && CleanXmlText(value) == value;
}

bool HasControlOrSpace(const std::string& s) {
  return std::any_of(s.begin(), s.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return u <= 0x20 || u == 0x7f || c == '\\';
  });
}
}  // namespace

std::vector<std::string> WebForm::BadFields() const {
  std::vector<std::string> out;
  for (const auto& [name, value] : fields_) {
    if ((!Storable(name, value) || !Storable("", name)) &&
        std::find(out.begin(), out.end(), name) == out.end()) {
      out.push_back(name);
    }
  }
  return out;
}

std::optional<ApiResponse> CheckPost(WebContext& ctx, const WebForm& form, bool need_csrf) {
  std::string type = ctx.req.Header("content-type");
  if (!ctx.req.body.empty() && !type.starts_with("application/x-www-form-urlencoded")) {
    return ErrorPage(ctx, 415, "error_title_media", "error_media");
  }
  if (need_csrf && !ctx.FormTokenOk(form.Get("csrf"))) return ErrorPage(ctx, 403, "error_title_csrf", "error_csrf");
  if (auto bad = form.BadFields(); !bad.empty()) {
    std::string names;
    for (const auto& n : bad) {
      // A field's own label; the raw name may itself be the bad text.
      std::string label = Storable("", n) ? ctx.Text("label_" + n) : "?";
      if (label == "label_" + n) label = n;
      names += (names.empty() ? " " : ", ") + label;
    }
    std::string title = ctx.Text("error_title_form_text");
    return RenderPage(ctx, "error", title, {{"heading", title}, {"message", ctx.Text("error_form_text") + names}},
                      400);
  }
  return std::nullopt;
}

bool IsSafeLocalPath(const std::string& next) {
  for (const std::string& p : {next, PercentDecode(next, false)}) {
    if (p.empty() || p.size() > 500 || p[0] != '/' || HasControlOrSpace(p)) return false;
    if (p.size() > 1 && p[1] == '/') return false;
  }
  return true;
}

FormErrors ErrorsFrom(const WebContext& ctx, const Status& s, const std::vector<std::string>& names) {
  FormErrors out;
  for (const auto& e : s.errors()) {
    std::string key = e.field.empty() ? "" : e.field.substr(1);
    for (auto& c : key) {
      if (c == '/') c = '_';
    }
    while (!key.empty() && std::find(names.begin(), names.end(), key) == names.end()) {
      size_t cut = key.rfind('_');
      key = cut == std::string::npos ? "" : key.substr(0, cut);
    }
    if (key.empty()) {
      out.general.push_back(EntryTooLargeText(ctx, e.message).value_or(e.message));
      continue;
    }
    auto own = ctx.t.find("error_" + key);
    if (auto sized = EntryTooLargeText(ctx, e.message)) {
      out.fields.emplace(key, *sized);  // the field's own error would say what is missing
    } else {
      out.fields.emplace(key, own != ctx.t.end() ? own->get<std::string>() : e.message);
    }
  }
  if (out.empty() && !s.ok()) out.general.push_back(s.message());
  return out;
}

json FieldView(const WebContext& ctx, const std::string& name, const std::string& value,
               const FormErrors& errors, json extra) {
  std::string id = extra.value("id_prefix", std::string("f-")) + name;
  json f = {{"id", id}, {"name", name}, {"label", ctx.Text("label_" + name)}, {"value", value},
            {"type", "text"}, {"hint", nullptr}, {"error", nullptr}, {"describedby", nullptr},
            {"required", false}, {"autocomplete", nullptr}, {"inputmode", nullptr}};
  // Which control the field partial draws.
  f["select"] = extra.contains("options");
  f["textarea"] = extra.contains("rows");
  f["input"] = !extra.contains("options") && !extra.contains("rows");
  std::string describedby;
  if (auto hint = ctx.t.find("hint_" + name); hint != ctx.t.end()) {
    f["hint"] = *hint;
    describedby = id + "-hint";
  }
  if (auto it = errors.fields.find(name); it != errors.fields.end()) {
    f["error"] = it->second;
    describedby += (describedby.empty() ? "" : " ") + id + "-error";
  }
  if (!describedby.empty()) f["describedby"] = describedby;
  for (const auto& [k, v] : extra.items()) f[k] = v;
  return f;
}

json ErrorSummary(const WebContext& ctx, const FormErrors& errors, const std::vector<std::string>& names,
                  const std::string& form_id, const std::string& id_prefix) {
  if (errors.empty()) return nullptr;
  json items = json::array();
  for (const auto& g : errors.general) items.push_back({{"href", "#" + form_id}, {"message", g}});
  for (const auto& n : names) {
    auto it = errors.fields.find(n);
    if (it == errors.fields.end()) continue;
    items.push_back({{"href", "#" + id_prefix + n}, {"message", ctx.Text("label_" + n) + ": " + it->second}});
  }
  return {{"items", items}};
}

}  // namespace samrad::server
