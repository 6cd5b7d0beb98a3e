// /desk/consultations/{id}/questions: officials build a consultation's
// questionnaire without JavaScript: add a question by type (options one per
// line), edit a question's text, options and section, move questions up or
// down, remove them, require an answer, and choose when results show. Once
// the consultation is published every change asks for a reason, and answers
// keep the version they answered.
#include "server/web/desk_pages.h"
#include "server/web/pages.h"

namespace samrad::server {

using nlohmann::json;

namespace {

const std::vector<std::string> kTypes = {"single", "multiple", "scale", "ranking", "text"};
const std::vector<std::string> kFields = {"questionnaire_type",      "questionnaire_text",       "questionnaire_options",
                                          "questionnaire_max_choices", "questionnaire_scale_max", "questionnaire_low_label",
                                          "questionnaire_high_label", "questionnaire_max_length", "questionnaire_reason",
                                          "questionnaire_section_id"};

std::string PagePath(int64_t id) { return "/desk/consultations/" + std::to_string(id) + "/questions"; }

struct Reshown {
  const WebForm* form = nullptr;  // the add form re-shown
  FormErrors errors;
  int64_t row = 0;                // the question whose row form failed
};

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    size_t first = line.find_first_not_of(' ');
    if (first != std::string::npos) out.push_back(line.substr(first));
    start = end + 1;
  }
  return out;
}

// The request body the service takes, from the add form.
json QuestionBody(const WebForm& f) {
  json b = {{"type", f.Get("questionnaire_type")},
            {"text", f.Get("questionnaire_text")},
            {"required", f.Get("questionnaire_required") == "1"}};
  std::string type = b["type"];
  if (type == "single" || type == "multiple" || type == "ranking") b["options"] = Lines(f.Get("questionnaire_options"));
  auto number = [&](const char* field, const char* key) {
    std::string v = f.Get(field);
    if (!v.empty() && v.size() < 7 && v.find_first_not_of("0123456789") == std::string::npos) b[key] = std::stoi(v);
  };
  if (type == "multiple") number("questionnaire_max_choices", "max_choices");
  if (type == "scale") {
    number("questionnaire_scale_max", "scale_max");
    b["low_label"] = f.Get("questionnaire_low_label");
    b["high_label"] = f.Get("questionnaire_high_label");
  }
  if (type == "text") number("questionnaire_max_length", "max_length");
  if (!f.Get("questionnaire_reason").empty()) b["reason"] = f.Get("questionnaire_reason");
  return b;
}

// The body of an edit from a question's row form: its text, its options
// when it has some, and its section (empty: the whole consultation).
json EditBody(const WebForm& f, const Question& x) {
  json b = {{"text", f.Get("questionnaire_text")}};
  if (!x.options.empty()) b["options"] = Lines(f.Get("questionnaire_options"));
  std::string section = f.Get("questionnaire_section_id");
  if (section.empty()) {
    b["section_id"] = nullptr;
  } else if (section.size() < 19 && section.find_first_not_of("0123456789") == std::string::npos) {
    b["section_id"] = std::stoll(section);
  } else {
    b["section_id"] = -1;  // no such section: the service names the field
  }
  if (!f.Get("questionnaire_reason").empty()) b["reason"] = f.Get("questionnaire_reason");
  return b;
}

json SectionOptions(const WebContext& ctx, const Consultation& k, const std::string& selected) {
  json out = json::array({{{"value", ""}, {"label", ctx.Text("desk_questions_no_section")}, {"selected", selected.empty()}}});
  for (const auto& sec : k.sections) {
    std::string v = std::to_string(sec.id);
    out.push_back({{"value", v}, {"label", sec.heading}, {"selected", v == selected}});
  }
  return out;
}

// The service's errors (/options/3, /reason ...) under the form's field
// names, in the page's words.
FormErrors ErrorsOf(const WebContext& ctx, const Status& s) {
  FormErrors out;
  for (const auto& e : s.errors()) {
    std::string segment = e.field.substr(1, e.field.find('/', 1) == std::string::npos ? std::string::npos : e.field.find('/', 1) - 1);
    std::string name = "questionnaire_" + segment;
    if (std::find(kFields.begin(), kFields.end(), name) == kFields.end()) name = "questionnaire_text";
    out.fields.emplace(name, ctx.Text("desk_questions_error_" + segment));
  }
  if (out.empty()) out.general.push_back(s.message());
  return out;
}

json TypeOptions(const WebContext& ctx, const std::string& selected) {
  json out = json::array();
  for (const auto& t : kTypes) {
    out.push_back({{"value", t}, {"label", ctx.Text("desk_questions_type_" + t)}, {"selected", t == selected}});
  }
  return out;
}

json AddForm(WebContext& ctx, const Reshown& r, bool published) {
  const WebForm* f = r.row == 0 ? r.form : nullptr;
  FormErrors none;
  const FormErrors& e = f ? r.errors : none;
  auto get = [&](const char* name, const std::string& fallback = "") { return f ? f->Get(name) : fallback; };
  std::string scale = get("questionnaire_scale_max", "5");
  json scales = json::array({{{"value", "5"}, {"label", "1–5"}, {"selected", scale != "10"}},
                             {{"value", "10"}, {"label", "1–10"}, {"selected", scale == "10"}}});
  json form = {{"type", FieldView(ctx, "questionnaire_type", "", e, {{"select", true}, {"options", TypeOptions(ctx, get("questionnaire_type", "single"))}})},
               {"text", FieldView(ctx, "questionnaire_text", get("questionnaire_text"), e, {{"textarea", true}, {"rows", 2}, {"required", true}})},
               {"options", FieldView(ctx, "questionnaire_options", get("questionnaire_options"), e, {{"textarea", true}, {"rows", 5}})},
               {"max_choices", FieldView(ctx, "questionnaire_max_choices", get("questionnaire_max_choices"), e, {{"input", true}, {"type", "text"}, {"inputmode", "numeric"}})},
               {"scale_max", FieldView(ctx, "questionnaire_scale_max", "", e, {{"select", true}, {"options", scales}})},
               {"low_label", FieldView(ctx, "questionnaire_low_label", get("questionnaire_low_label"), e, {{"input", true}, {"type", "text"}})},
               {"high_label", FieldView(ctx, "questionnaire_high_label", get("questionnaire_high_label"), e, {{"input", true}, {"type", "text"}})},
               {"max_length", FieldView(ctx, "questionnaire_max_length", get("questionnaire_max_length"), e, {{"input", true}, {"type", "text"}, {"inputmode", "numeric"}})},
               {"required_checked", get("questionnaire_required") == "1"}};
  if (published) {
    form["reason"] = FieldView(ctx, "questionnaire_reason", get("questionnaire_reason"), e, {{"input", true}, {"type", "text"}, {"required", true}});
  }
  return form;
}

json Rows(WebContext& ctx, const Questionnaire& q, const Consultation& k, const Reshown& r, bool published) {
  json out = json::array();
  for (size_t i = 0; i < q.questions.size(); ++i) {
    const Question& x = q.questions[i];
    std::string qid = std::to_string(x.id);
    json options = json::array();
    for (const auto& o : x.options) options.push_back(o);
    std::string details;
    if (x.type == "scale") details = "1–" + std::to_string(x.scale_max);
    if (x.type == "multiple" && x.max_choices) details = ctx.Text("desk_questions_at_most") + " " + std::to_string(*x.max_choices);
    if (x.type == "text") details = ctx.Text("desk_questions_at_most") + " " + std::to_string(x.max_length);
    json row = {{"id", qid},
                {"number", i + 1},
                {"text", x.text},
                {"type_label", ctx.Text("desk_questions_type_" + x.type)},
                {"details", details},
                {"options", options},
                {"has_options", !options.empty()},
                {"required", x.required},
                {"version", x.version},
                {"action", PagePath(q.consultation_id) + "/" + qid},
                {"first", i == 0},
                {"last", i + 1 == q.questions.size()}};
    FormErrors none;
    bool failed = r.row == x.id && r.form;
    const FormErrors& e = failed ? r.errors : none;
    auto get = [&](const char* name, const std::string& current) { return failed ? r.form->Get(name) : current; };
    std::string lines;
    for (const auto& o : x.options) lines += (lines.empty() ? "" : "\n") + o;
    std::string section = x.section_id ? std::to_string(*x.section_id) : "";
    std::string prefix = "e" + qid + "-";  // the edit form's own ids: the row's reason field is "q<id>-"
    row["edit"] = {
        {"open", failed && r.form->Get("op") == "edit"},
        {"text", FieldView(ctx, "questionnaire_text", get("questionnaire_text", x.text), e,
                           {{"textarea", true}, {"rows", 2}, {"required", true}, {"id_prefix", prefix}})},
        {"section", FieldView(ctx, "questionnaire_section_id", "", e,
                              {{"select", true}, {"options", SectionOptions(ctx, k, get("questionnaire_section_id", section))},
                               {"id_prefix", prefix}})}};
    if (!x.options.empty()) {
      row["edit"]["options"] = FieldView(ctx, "questionnaire_options", get("questionnaire_options", lines), e,
                                         {{"textarea", true}, {"rows", 5}, {"id_prefix", prefix}});
    }
    if (published) {
      bool editing = failed && r.form->Get("op") == "edit";
      std::string reason = failed ? r.form->Get("questionnaire_reason") : "";
      row["reason"] = FieldView(ctx, "questionnaire_reason", editing ? "" : reason, editing ? none : e,
                                {{"input", true}, {"type", "text"}, {"required", false}, {"id_prefix", "q" + qid + "-"}});
      row["edit"]["reason"] = FieldView(ctx, "questionnaire_reason", editing ? reason : "", editing ? e : none,
                                        {{"input", true}, {"type", "text"}, {"required", true}, {"id_prefix", prefix}});
    }
    out.push_back(std::move(row));
  }
  return out;
}

ApiResponse QuestionsDesk(WebContext& ctx, int64_t id, const Reshown& r, int status = 200) {
  if (auto refused = DeskRefusal(ctx, DeskRole::kOfficial)) return *refused;
  auto k = ctx.app.consultations->Get(ctx.req.actor, id);
  if (!k.ok()) return StatusPage(ctx, k.status());
  auto q = ctx.app.questionnaires->Get(ctx.req.actor, id);
  if (!q.ok()) return StatusPage(ctx, q.status());
  bool published = q->state != "draft";
  bool changeable = q->state == "draft" || q->state == "upcoming" || q->state == "open";
  json visibility = json::array();
  for (const std::string v : {"after_close", "during"}) {
    visibility.push_back({{"value", v}, {"id", "visibility-" + v}, {"label", ctx.Text("desk_questions_visibility_" + v)},
                          {"checked", q->results_visibility == v}});
  }
  json model = {{"consultation", {{"title", k->title}, {"content_lang", k->language},
                                  {"url", "/consultations/" + std::to_string(id)},
                                  {"edit_url", "/desk/consultations/" + std::to_string(id)}}},
                {"state_label", ctx.Text("state_" + q->state)},
                {"published", published},
                {"changeable", changeable},
                {"questions", Rows(ctx, *q, *k, r, published && changeable)},
                {"empty", q->questions.empty()},
                {"add", AddForm(ctx, r, published)},
                {"add_action", PagePath(id)},
                {"visibility", visibility},
                {"visibility_action", "/desk/consultations/" + std::to_string(id) + "/questionnaire"},
                {"public_url", "/consultations/" + std::to_string(id) + "/questionnaire"},
                {"csrf", ctx.FormToken()}};
  if (r.form) {
    std::vector<std::string> names = kFields;
    std::string row_prefix = (r.form->Get("op") == "edit" ? "e" : "q") + std::to_string(r.row) + "-";
    model["error_summary"] = r.row ? ErrorSummary(ctx, r.errors, names, "question-" + std::to_string(r.row), row_prefix)
                                   : ErrorSummary(ctx, r.errors, names, "add-question");
  }
  return RenderDeskPage(ctx, "desk_questions", "desk_questions_title", model, status);
}

ApiResponse Show(WebContext& ctx) {
  auto id = IdParam(ctx.req);
  if (!id.ok()) return StatusPage(ctx, id.status());
  return QuestionsDesk(ctx, id.value(), Reshown());
}

// Shows a refusal with field errors on the form again; anything else as a page.
ApiResponse Failed(WebContext& ctx, int64_t id, const WebForm& form, const Status& s, int64_t row) {
  if (s.code() != Code::kInvalidArgument) return StatusPage(ctx, s);
  return QuestionsDesk(ctx, id, Reshown{&form, ErrorsOf(ctx, s), row}, 422);
}

ApiResponse Add(WebContext& ctx) {
  WebForm form(ctx.req);
  if (auto refused = CheckPost(ctx, form)) return *refused;
  if (auto refused = DeskRefusal(ctx, DeskRole::kOfficial)) return *refused;
  auto id = IdParam(ctx.req);
  if (!id.ok()) return StatusPage(ctx, id.status());
  auto q = ctx.app.questionnaires->Add(ctx.req.actor, id.value(), QuestionBody(form));
  if (!q.ok()) return Failed(ctx, id.value(), form, q.status(), 0);
  return Redirect(ctx, PagePath(id.value()) + "?done=question_added#question-" + std::to_string(q->id));
}

// One form per question: its buttons move it up or down or remove it.
ApiResponse Change(WebContext& ctx) {
  WebForm form(ctx.req);
  if (auto refused = CheckPost(ctx, form)) return *refused;
  if (auto refused = DeskRefusal(ctx, DeskRole::kOfficial)) return *refused;
  auto id = IdParam(ctx.req);
  if (!id.ok()) return StatusPage(ctx, id.status());
  auto qid = IdParam(ctx.req, "qid");
  if (!qid.ok()) return StatusPage(ctx, qid.status());
  std::string op = form.Get("op");
  std::string reason = form.Get("questionnaire_reason");
  Status s;
  if (op == "up" || op == "down") {
    s = ctx.app.questionnaires->Move(ctx.req.actor, id.value(), qid.value(), op == "up" ? -1 : 1, reason);
  } else if (op == "edit") {
    auto q = ctx.app.questionnaires->Get(ctx.req.actor, id.value());
    if (!q.ok()) return StatusPage(ctx, q.status());
    auto x = std::find_if(q->questions.begin(), q->questions.end(), [&](const Question& y) { return y.id == qid.value(); });
    if (x == q->questions.end()) return StatusPage(ctx, Status(Code::kNotFound, "no such question"));
    s = ctx.app.questionnaires->Edit(ctx.req.actor, id.value(), qid.value(), EditBody(form, *x)).status();
  } else if (op == "remove") {
    s = ctx.app.questionnaires->Remove(ctx.req.actor, id.value(), qid.value(), reason);
  } else {
    s = Status(Code::kMalformed, "unknown op");
  }
  if (!s.ok()) return Failed(ctx, id.value(), form, s, qid.value());
  std::string done = op == "remove" ? "question_removed" : op == "edit" ? "question_edited" : "question_moved";
  return Redirect(ctx, PagePath(id.value()) + "?done=" + done + (op == "remove" ? "#banner" : "#question-" + std::to_string(qid.value())));
}

ApiResponse Visibility(WebContext& ctx) {
  WebForm form(ctx.req);
  if (auto refused = CheckPost(ctx, form)) return *refused;
  if (auto refused = DeskRefusal(ctx, DeskRole::kOfficial)) return *refused;
  auto id = IdParam(ctx.req);
  if (!id.ok()) return StatusPage(ctx, id.status());
  Status s = ctx.app.questionnaires->SetVisibility(ctx.req.actor, id.value(), form.Get("results_visibility"));
  if (!s.ok()) return StatusPage(ctx, s);
  return Redirect(ctx, PagePath(id.value()) + "?done=questionnaire_visibility#banner");
}

}  // namespace

void AddDeskQuestionPages(Router& r, std::shared_ptr<App> app) {
  r.Add("GET", "/desk/consultations/{id}/questions", Web(app, Show));
  r.Add("POST", "/desk/consultations/{id}/questions", Web(app, Add));
  r.Add("POST", "/desk/consultations/{id}/questions/{qid}", Web(app, Change));
  r.Add("POST", "/desk/consultations/{id}/questionnaire", Web(app, Visibility));
}

}  // namespace samrad::server
