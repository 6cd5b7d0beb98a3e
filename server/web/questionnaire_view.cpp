// View models of the questionnaire form and results: see questionnaire_view.h.
#include "server/web/questionnaire_view.h"

#include <algorithm>
#include <cstdio>
#include <set>

#include "server/web/svg_chart.h"

namespace samrad::server {

using nlohmann::json;

namespace {

std::string Decimal(double v, const std::string& lang) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  std::string s = buf;
  if (lang == "sv") std::replace(s.begin(), s.end(), '.', ',');
  return s;
}

std::string WithNumber(std::string text, int n) {
  auto at = text.find("{n}");
  if (at != std::string::npos) text.replace(at, 3, std::to_string(n));
  return text;
}

std::optional<int> SmallNumber(const std::string& v) {
  if (v.empty() || v.size() > 3 || v.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  return std::stoi(v);
}

// The item of a question in {answers: [...]}, or null.
const json* ItemFor(const json& values, int64_t question_id) {
  if (!values.is_object() || !values.contains("answers")) return nullptr;
  for (const auto& i : values["answers"]) {
    if (i.value("question_id", int64_t{0}) == question_id) return &i;
  }
  return nullptr;
}

bool Holds(const json* item, const std::string& key, const std::string& label) {
  if (!item || !item->contains(key) || !(*item)[key].is_array()) return false;
  for (const auto& v : (*item)[key]) {
    if (v.is_string() && v.get<std::string>() == label) return true;
  }
  return false;
}

json ChoiceOptions(const Question& q, const std::string& field, const json* item) {
  json out = json::array();
  for (size_t k = 0; k < q.options.size(); ++k) {
    out.push_back({{"id", field + "-" + std::to_string(k)}, {"value", q.options[k]}, {"label", q.options[k]},
                   {"checked", Holds(item, "choices", q.options[k])}});
  }
  return out;
}

json ScaleOptions(const Question& q, const std::string& field, const json* item) {
  int chosen = item && item->contains("value") && (*item)["value"].is_number_integer() ? (*item)["value"].get<int>() : 0;
  json out = json::array();
  for (int v = 1; v <= q.scale_max; ++v) {
    out.push_back({{"id", field + "-" + std::to_string(v - 1)}, {"value", std::to_string(v)},
                   {"label", std::to_string(v)}, {"checked", v == chosen}});
  }
  return out;
}

json RankSelects(const WebContext& ctx, const Question& q, const std::string& field, const json* item) {
  std::vector<std::string> order;
  if (item && item->contains("ranking") && (*item)["ranking"].is_array()) {
    for (const auto& v : (*item)["ranking"]) order.push_back(v.is_string() ? v.get<std::string>() : "");
  }
  json out = json::array();
  for (size_t k = 0; k < q.options.size(); ++k) {
    auto at = std::find(order.begin(), order.end(), q.options[k]);
    size_t place = at == order.end() ? 0 : static_cast<size_t>(at - order.begin()) + 1;
    json places = json::array({{{"value", ""}, {"label", ctx.Text("questionnaire_rank_choose")}, {"selected", place == 0}}});
    for (size_t p = 1; p <= q.options.size(); ++p) {
      places.push_back({{"value", std::to_string(p)}, {"label", std::to_string(p)}, {"selected", p == place}});
    }
    out.push_back({{"id", field + "-" + std::to_string(k)}, {"name", field + "_r" + std::to_string(k)},
                   {"label", q.options[k]}, {"places", places}});
  }
  return out;
}

std::string Hint(const WebContext& ctx, const Question& q) {
  if (q.type == "single") return ctx.Text("questionnaire_hint_single");
  if (q.type == "multiple") {
    return q.max_choices ? WithNumber(ctx.Text("questionnaire_hint_multiple_max"), *q.max_choices)
                         : ctx.Text("questionnaire_hint_multiple");
  }
  if (q.type == "scale") {
    std::string h = WithNumber(ctx.Text("questionnaire_hint_scale"), q.scale_max);
    if (!q.low_label.empty()) h += " 1 = " + q.low_label + ".";
    if (!q.high_label.empty()) h += " " + std::to_string(q.scale_max) + " = " + q.high_label + ".";
    return h;
  }
  if (q.type == "ranking") return ctx.Text("questionnaire_hint_ranking");
  if (q.type == "text") return WithNumber(ctx.Text("questionnaire_hint_text"), q.max_length);
  return "";
}

std::string ChartDescription(const std::vector<ChartBar>& bars, const std::string& lang) {
  std::string d;
  for (const auto& b : bars) {
    if (!d.empty()) d += "; ";
    d += b.label + ": " + std::to_string(b.count) + " (" + PercentText(b.share, lang) + ")";
  }
  return d;
}

}  // namespace

std::string QuestionField(int64_t question_id) { return "q" + std::to_string(question_id); }

json AnswersFromForm(const WebContext& ctx, const std::vector<Question>& questions, const WebForm& form,
                     FormErrors& errors) {
  json items = json::array();
  for (const auto& q : questions) {
    std::string name = QuestionField(q.id);
    json item = {{"question_id", q.id}};
    if (q.type == "single") {
      std::string v = form.Get(name);
      item["choices"] = v.empty() ? json::array() : json::array({v});
    } else if (q.type == "multiple") {
      item["choices"] = form.All(name);
    } else if (q.type == "scale") {
      std::string v = form.Get(name);
      if (auto n = SmallNumber(v)) {
        item["value"] = *n;
      } else if (!v.empty()) {
        errors.Add(name, WithNumber(ctx.Text("questionnaire_error_scale"), q.scale_max));
      }
    } else if (q.type == "ranking") {
      std::vector<std::pair<int, std::string>> placed;
      std::set<int> used;
      bool any = false, bad = false;
      for (size_t k = 0; k < q.options.size(); ++k) {
        std::string v = form.Get(name + "_r" + std::to_string(k));
        any = any || !v.empty();
        auto place = SmallNumber(v);
        if (!place || *place < 1 || *place > static_cast<int>(q.options.size()) || !used.insert(*place).second) {
          bad = true;
        } else {
          placed.emplace_back(*place, q.options[k]);
        }
      }
      if (any && bad) {
        errors.Add(name, ctx.Text("questionnaire_error_ranking"));
      } else if (any) {
        std::sort(placed.begin(), placed.end());
        json ranking = json::array();
        for (const auto& [place, label] : placed) ranking.push_back(label);
        item["ranking"] = ranking;
      }
    } else {
      item["text"] = form.Get(name);
    }
    items.push_back(std::move(item));
  }
  return {{"answers", items}};
}

void AddAnswerErrors(const WebContext& ctx, const Status& s, const std::vector<Question>& questions,
                     FormErrors& errors) {
  for (const auto& e : s.errors()) {
    const std::string prefix = "/answers/";
    size_t i = e.field.starts_with(prefix) ? std::strtoul(e.field.c_str() + prefix.size(), nullptr, 10) : questions.size();
    if (i >= questions.size()) {
      errors.general.push_back(ctx.Text("questionnaire_error_empty"));
      continue;
    }
    const Question& q = questions[i];
    // The service words its errors for the API; the page says them in its language.
    std::string message;
    if (e.message.find("must be answered") != std::string::npos) {
      message = ctx.Text("questionnaire_error_required");
    } else {
      int n = q.type == "scale" ? q.scale_max
              : q.type == "text" ? q.max_length
                                 : q.max_choices.value_or(static_cast<int>(q.options.size()));
      message = WithNumber(ctx.Text("questionnaire_error_" + q.type), n);
    }
    errors.Add(QuestionField(q.id), message);
  }
}

json AnswerValues(const Answer& a) {
  json items = json::array();
  for (const auto& i : a.items) {
    json item = {{"question_id", i.question_id}};
    if (i.hidden) {
      item["hidden"] = true;
    } else if (i.value.is_number_integer()) {
      item["value"] = i.value;
    } else if (i.value.is_string()) {
      item["text"] = i.value;
    } else {
      // Choices and rankings are both label lists; each question reads its own key.
      item["choices"] = i.value;
      item["ranking"] = i.value;
    }
    items.push_back(std::move(item));
  }
  return {{"answers", items}};
}

json QuestionnaireFormView(const WebContext& ctx, const std::vector<Question>& questions, const json& values,
                           const FormErrors& errors) {
  json out = json::array();
  int number = 0;
  for (const auto& q : questions) {
    std::string field = QuestionField(q.id);
    const json* item = ItemFor(values, q.id);
    auto err = errors.fields.find(field);
    json v = {{"id", q.id},
              {"field", field},
              {"number", ++number},
              {"text", q.text},
              {"required", q.required},
              {"hint", Hint(ctx, q)},
              {"error", err == errors.fields.end() ? json(nullptr) : json(err->second)},
              {"first_input", q.type == "text" ? field : field + "-0"},
              {"is_" + q.type, true}};
    if (q.type == "single" || q.type == "multiple") v["options"] = ChoiceOptions(q, field, item);
    if (q.type == "scale") v["options"] = ScaleOptions(q, field, item);
    if (q.type == "ranking") v["ranks"] = RankSelects(ctx, q, field, item);
    if (q.type == "text") {
      bool hidden = item && item->value("hidden", false);
      v["value"] = item && item->contains("text") && (*item)["text"].is_string() ? (*item)["text"].get<std::string>() : "";
      v["hidden_text"] = hidden;
      v["max_length"] = q.max_length;
    }
    out.push_back(std::move(v));
  }
  return out;
}

json QuestionnaireResultsView(const WebContext& ctx, const std::vector<QuestionResult>& results,
                              const std::map<int64_t, std::vector<json>>& texts) {
  json out = json::array();
  int number = 0;
  for (const auto& r : results) {
    std::string id = "result-" + std::to_string(r.question_id);
    json v = {{"id", id},
              {"number", ++number},
              {"text", r.text},
              {"respondents", WithNumber(ctx.Text("questionnaire_respondents"), static_cast<int>(r.respondents))},
              {"is_" + r.type, true}};
    std::vector<ChartBar> bars;
    for (const auto& o : r.options) bars.push_back({o.label, o.count, o.share});
    json rows = json::array();
    for (const auto& b : bars) {
      rows.push_back({{"label", b.label}, {"count", b.count}, {"percent", PercentText(b.share, ctx.lang)}});
    }
    v["has_rows"] = !rows.empty() && r.type != "ranking";
    v["rows"] = rows;
    std::string title = std::to_string(number) + ". " + r.text;
    if (r.type == "single" || r.type == "multiple") {
      v["chart"] = SvgBarChart(id + "-chart", title, ChartDescription(bars, ctx.lang), bars);
    } else if (r.type == "scale") {
      v["chart"] = SvgScaleChart(id + "-chart", title, ChartDescription(bars, ctx.lang), bars, r.low_label, r.high_label);
      v["mean"] = r.mean ? json(Decimal(*r.mean, ctx.lang)) : json(nullptr);
      v["median"] = r.median ? json(Decimal(*r.median, ctx.lang)) : json(nullptr);
      std::string ends;
      if (!r.low_label.empty()) ends = "1 = " + r.low_label;
      if (!r.high_label.empty()) {
        ends += (ends.empty() ? "" : ", ") + std::to_string(r.options.size()) + " = " + r.high_label;
      }
      v["scale_ends"] = ends.empty() ? json(nullptr) : json(ends);
    } else if (r.type == "ranking") {
      json ranking = json::array();
      int place = 0;
      for (const auto& x : r.ranking) {
        ranking.push_back({{"place", ++place}, {"label", x.label}, {"average", Decimal(x.average_rank, ctx.lang)},
                           {"borda", x.borda}});
      }
      v["ranking"] = ranking;
    } else {
      v["text_answers"] = WithNumber(ctx.Text("questionnaire_text_answers"), static_cast<int>(r.text_answers_visible));
      auto shown = texts.find(r.question_id);
      v["texts"] = shown == texts.end() ? json::array() : json(shown->second);
      v["has_texts"] = !v["texts"].empty();
      v["texts_more"] = shown != texts.end() && static_cast<int64_t>(shown->second.size()) < r.text_answers_visible;
      v["text_hidden"] = r.text_answers_hidden
                             ? json(WithNumber(ctx.Text("questionnaire_text_hidden"), static_cast<int>(r.text_answers_hidden)))
                             : json(nullptr);
    }
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace samrad::server
