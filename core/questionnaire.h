// Questionnaire questions and answers: the domain values, their JSON forms,
// and the content rules a question and an answer must meet.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"

namespace samrad {

constexpr int kMaxQuestions = 50;          // per consultation
constexpr int kMaxOptions = 50;            // per choice or ranking question
constexpr size_t kMaxQuestionText = 500;   // characters
constexpr size_t kMaxOptionLabel = 200;    // characters, also scale end labels
constexpr int kMaxTextAnswer = 5000;       // the largest max_length allowed
constexpr int kDefaultTextAnswer = 1000;   // max_length when none is given

struct Question {
  int64_t id = 0;
  int64_t consultation_id = 0;
  std::optional<int64_t> section_id;
  int position = 0;
  std::string type;  // single, multiple, scale, ranking, text
  std::string text;
  std::vector<std::string> options;
  std::optional<int> max_choices;  // multiple
  int scale_max = 0;               // scale: 5 or 10
  std::string low_label, high_label;
  int max_length = 0;              // text
  bool required = false;
  int version = 1;
};

// The content of a question as asked for: what a version snapshot keeps.
nlohmann::json DefinitionJson(const Question& q);
// The public form: id, consultation_id, position, version and the content.
nlohmann::json ToJson(const Question& q);

// Reads the content fields of a request body (type, text, section_id,
// options, max_choices, scale_max, low_label, high_label, max_length,
// required) into q and checks them; field errors name JSON pointers.
// The section's membership is checked by the service.
Status ApplyQuestionFields(Question& q, const nlohmann::json& body);

// One question's answer: value is an array of labels (single, multiple,
// ranking in order), an integer (scale) or a string (text).
struct AnswerItem {
  int64_t question_id = 0;
  int question_version = 1;
  nlohmann::json value;
  bool hidden = false;
  std::string hidden_reason;
};

struct Answer {
  int64_t id = 0;
  int64_t consultation_id = 0;
  int version = 0;
  std::string created_at, updated_at;
  std::vector<AnswerItem> items;
};

// The property an answer of this question type carries its value in:
// choices, value, ranking or text.
std::string AnswerField(const std::string& type);
nlohmann::json ToJson(const Answer& a);

// Checks a request's {answers: [...]} against the consultation's current
// questions: each item names one of them once and carries a valid value;
// every required question is answered. Blank values (no choice, empty
// text) mean "not answered". Returns the answered items in question order,
// or kInvalidArgument naming each failing field (/answers/3/choices ...).
Result<std::vector<AnswerItem>> CheckAnswers(const std::vector<Question>& questions,
                                             const nlohmann::json& body);

}  // namespace samrad
