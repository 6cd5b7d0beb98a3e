// What a consultation's questionnaire says in numbers: per question the
// answers counted over each respondent's latest (not withdrawn) answer.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/sqlite.h"

namespace samrad {

// One option of a choice question (or one value of a scale): how many
// respondents chose it and their share of the question's respondents (0-1).
struct OptionResult {
  std::string label;
  int64_t count = 0;
  double share = 0;
};

// One option of a ranking question: its mean rank (1 = first) and its Borda
// score (n - rank summed over respondents, n options).
struct RankResult {
  std::string label;
  double average_rank = 0;
  int64_t borda = 0;
};

struct QuestionResult {
  int64_t question_id = 0;
  int position = 0;
  std::optional<int64_t> section_id;
  std::string type;  // single, multiple, scale, ranking, text
  std::string text;
  bool required = false;
  int64_t respondents = 0;  // who answered this question
  std::vector<OptionResult> options;  // scale: one per value, low to high
  std::optional<double> mean, median;  // scale
  std::string low_label, high_label;   // scale
  std::vector<RankResult> ranking;     // ranking: best first
  int64_t text_answers_visible = 0, text_answers_hidden = 0;  // text
};

class QuestionnaireResults {
 public:
  // The current questions of the consultation in order with their results;
  // empty when it has none. Reads inside the caller's transaction; throws
  // db::DbError like any statement.
  static std::vector<QuestionResult> For(db::Connection& c, int64_t consultation_id);
};

}  // namespace samrad
