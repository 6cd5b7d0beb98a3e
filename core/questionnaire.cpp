// Questionnaire questions and answers: JSON forms and content rules.
#include "core/questionnaire.h"

#include <set>

#include "core/text_rules.h"

namespace samrad {

using nlohmann::json;

namespace {

// Characters, not bytes: UTF-8 continuation bytes are not counted.
size_t CharCount(const std::string& s) {
  size_t n = 0;
  for (unsigned char ch : s) n += (ch & 0xC0) != 0x80;
  return n;
}

bool IsBlank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

bool HasOptions(const std::string& type) {
  return type == "single" || type == "multiple" || type == "ranking";
}

void CheckLabel(std::vector<FieldError>& errors, const std::string& field, const std::string& text,
                size_t max, bool may_be_empty) {
  if (!may_be_empty && IsBlank(text)) {
    errors.push_back({field, "must not be empty"});
  } else if (CharCount(text) > max) {
    errors.push_back({field, "must be at most " + std::to_string(max) + " characters"});
  } else if (Status s = CheckNoControlChars(field, text, false); !s.ok()) {
    errors.push_back({field, s.message()});
  }
}

std::optional<int> IntField(const json& body, const char* name) {
  if (!body.contains(name) || body[name].is_null()) return std::nullopt;
  if (!body[name].is_number_integer()) return std::nullopt;
  return body[name].get<int>();
}

// The labels of a choices or ranking item when every entry is a string.
std::optional<std::vector<std::string>> Labels(const json& v) {
  if (!v.is_array()) return std::nullopt;
  std::vector<std::string> out;
  for (const auto& e : v) {
    if (!e.is_string()) return std::nullopt;
    out.push_back(e.get<std::string>());
  }
  return out;
}

bool Contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// Checks one item's value against its question; "" when it is valid,
// otherwise the message. blank is set when the item carries no answer.
std::string CheckValue(const Question& q, const json& item, bool& blank) {
  const std::string field = AnswerField(q.type);
  blank = !item.contains(field) || item[field].is_null();
  if (blank) return "";
  const json& v = item[field];
  if (q.type == "scale") {
    if (!v.is_number_integer()) return "must be a whole number";
    int64_t n = v.get<int64_t>();
    if (n < 1 || n > q.scale_max) return "must be from 1 to " + std::to_string(q.scale_max);
    return "";
  }
  if (q.type == "text") {
    if (!v.is_string()) return "must be text";
    std::string t = v.get<std::string>();
    blank = IsBlank(t);
    if (static_cast<int>(CharCount(t)) > q.max_length) {
      return "must be at most " + std::to_string(q.max_length) + " characters";
    }
    if (Status s = CheckNoControlChars("", t, true); !s.ok()) return s.message();
    return "";
  }
  auto labels = Labels(v);
  if (!labels) return "must be a list of option labels";
  if (labels->size() > q.options.size()) return "names more options than the question has";
  blank = labels->empty();
  std::set<std::string> seen;
  for (const auto& l : *labels) {
    if (!Contains(q.options, l)) return "not an option of this question: " + l.substr(0, 80);
    if (!seen.insert(l).second) return "names an option twice";
  }
  if (blank) return "";
  if (q.type == "single" && labels->size() != 1) return "choose one option";
  if (q.type == "multiple" && q.max_choices && static_cast<int>(labels->size()) > *q.max_choices) {
    return "choose at most " + std::to_string(*q.max_choices) + " options";
  }
  if (q.type == "ranking" && labels->size() != q.options.size()) {
    return "must rank every option once";
  }
  return "";
}

}  // namespace

std::string AnswerField(const std::string& type) {
  if (type == "scale") return "value";
  if (type == "ranking") return "ranking";
  if (type == "text") return "text";
  return "choices";
}

json DefinitionJson(const Question& q) {
  json d = {{"type", q.type},
            {"text", q.text},
            {"section_id", q.section_id ? json(*q.section_id) : json(nullptr)},
            {"required", q.required}};
  if (HasOptions(q.type)) d["options"] = q.options;
  if (q.type == "multiple") d["max_choices"] = q.max_choices ? json(*q.max_choices) : json(nullptr);
  if (q.type == "scale") {
    d["scale_max"] = q.scale_max;
    d["low_label"] = q.low_label;
    d["high_label"] = q.high_label;
  }
  if (q.type == "text") d["max_length"] = q.max_length;
  return d;
}

json ToJson(const Question& q) {
  json j = DefinitionJson(q);
  j["id"] = q.id;
  j["consultation_id"] = q.consultation_id;
  j["position"] = q.position;
  j["version"] = q.version;
  return j;
}

Status ApplyQuestionFields(Question& q, const json& b) {
  std::vector<FieldError> errors;
  if (b.contains("type")) q.type = b["type"].get<std::string>();
  if (b.contains("text")) q.text = b["text"].get<std::string>();
  if (b.contains("section_id")) {
    q.section_id = b["section_id"].is_null() ? std::nullopt
                                             : std::optional<int64_t>(b["section_id"].get<int64_t>());
  }
  if (b.contains("required")) q.required = b["required"].get<bool>();
  if (b.contains("options")) {
    q.options.clear();
    // At the limit before copying: a huge list costs no more than a short one.
    if (b["options"].size() > static_cast<size_t>(kMaxOptions)) {
      errors.push_back({"/options", "at most " + std::to_string(kMaxOptions) + " options"});
    } else {
      for (const auto& o : b["options"]) q.options.push_back(o.get<std::string>());
    }
  }
  if (b.contains("max_choices")) q.max_choices = IntField(b, "max_choices");
  if (auto v = IntField(b, "scale_max")) q.scale_max = *v;
  if (b.contains("low_label")) q.low_label = b["low_label"].get<std::string>();
  if (b.contains("high_label")) q.high_label = b["high_label"].get<std::string>();
  if (auto v = IntField(b, "max_length")) q.max_length = *v;

  static const std::set<std::string> kTypes = {"single", "multiple", "scale", "ranking", "text"};
  if (!kTypes.count(q.type)) {
    errors.push_back({"/type", "must be single, multiple, scale, ranking or text"});
    return Invalid("the question is not valid", errors);
  }
  CheckLabel(errors, "/text", q.text, kMaxQuestionText, false);
  if (HasOptions(q.type)) {
    if (errors.empty() || errors.back().field != "/options") {
      if (q.options.size() < 2) errors.push_back({"/options", "give at least two options"});
      std::set<std::string> seen;
      for (size_t i = 0; i < q.options.size(); ++i) {
        std::string field = "/options/" + std::to_string(i);
        CheckLabel(errors, field, q.options[i], kMaxOptionLabel, false);
        if (!seen.insert(q.options[i]).second) errors.push_back({field, "the same option twice"});
      }
    }
  } else {
    q.options.clear();
  }
  if (q.type == "multiple" && q.max_choices &&
      (*q.max_choices < 1 || *q.max_choices > static_cast<int>(std::max<size_t>(q.options.size(), 1)))) {
    errors.push_back({"/max_choices", "must be from 1 to the number of options"});
  }
  if (q.type != "multiple") q.max_choices.reset();
  if (q.type == "scale") {
    if (q.scale_max != 5 && q.scale_max != 10) errors.push_back({"/scale_max", "must be 5 or 10"});
    CheckLabel(errors, "/low_label", q.low_label, kMaxOptionLabel, true);
    CheckLabel(errors, "/high_label", q.high_label, kMaxOptionLabel, true);
  } else {
    q.scale_max = 0;
    q.low_label.clear();
    q.high_label.clear();
  }
  if (q.type == "text") {
    if (q.max_length == 0) q.max_length = kDefaultTextAnswer;
    if (q.max_length < 1 || q.max_length > kMaxTextAnswer) {
      errors.push_back({"/max_length", "must be from 1 to " + std::to_string(kMaxTextAnswer)});
    }
  } else {
    q.max_length = 0;
  }
  if (!errors.empty()) return Invalid("the question is not valid", errors);
  return Status::Ok();
}

json ToJson(const Answer& a) {
  json items = json::array();
  for (const auto& i : a.items) {
    json j = {{"question_id", i.question_id}, {"question_version", i.question_version}};
    if (i.hidden) {
      j["hidden"] = true;
      j["hidden_reason"] = i.hidden_reason;
    } else {
      j["value"] = i.value;
    }
    items.push_back(std::move(j));
  }
  return {{"id", a.id}, {"consultation_id", a.consultation_id}, {"version", a.version},
          {"created_at", a.created_at},           {"updated_at", a.updated_at},
          {"answers", items}};
}

Result<std::vector<AnswerItem>> CheckAnswers(const std::vector<Question>& questions,
                                             const json& body) {
  std::vector<FieldError> errors;
  const json empty = json::array();
  const json& list = body.contains("answers") ? body["answers"] : empty;
  if (!list.is_array() || list.size() > static_cast<size_t>(kMaxQuestions)) {
    return InvalidField("/answers", "at most " + std::to_string(kMaxQuestions) + " answers");
  }
  std::vector<std::optional<AnswerItem>> by_question(questions.size());
  std::vector<bool> named(questions.size(), false);
  for (size_t i = 0; i < list.size(); ++i) {
    const json& item = list[i];
    std::string at = "/answers/" + std::to_string(i);
    int64_t qid = item.value("question_id", int64_t{0});
    size_t k = 0;
    while (k < questions.size() && questions[k].id != qid) ++k;
    if (k == questions.size()) {
      errors.push_back({at + "/question_id", "not a question of this consultation"});
      continue;
    }
    if (named[k]) {
      errors.push_back({at + "/question_id", "this question is answered twice"});
      continue;
    }
    named[k] = true;
    const Question& q = questions[k];
    bool blank = false;
    std::string problem = CheckValue(q, item, blank);
    std::string field = at + "/" + AnswerField(q.type);
    if (!problem.empty()) {
      errors.push_back({field, problem});
    } else if (blank && q.required) {
      errors.push_back({field, "this question must be answered"});
    } else if (!blank) {
      by_question[k] = AnswerItem{q.id, q.version, item[AnswerField(q.type)]};
    }
  }
  for (size_t k = 0; k < questions.size(); ++k) {
    if (questions[k].required && !named[k]) {
      errors.push_back({"/answers", "question " + std::to_string(questions[k].id) + " must be answered"});
    }
  }
  if (!errors.empty()) return Invalid("the answer is not valid", errors);
  std::vector<AnswerItem> out;
  for (auto& i : by_question) {
    if (i) out.push_back(std::move(*i));
  }
  if (out.empty()) return InvalidField("/answers", "answer at least one question");
  return out;
}

}  // namespace samrad
