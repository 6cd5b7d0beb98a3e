// Counts a questionnaire's answers: see questionnaire_results.h. Only each
// respondent's current answer version counts, withdrawn answers nowhere.
#include "core/questionnaire_results.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "core/questionnaire_service.h"

namespace samrad {

using nlohmann::json;

namespace {

// The index of label in the list, appending it when it is not there: an
// answer given to an earlier version may name an option since renamed.
size_t Slot(std::vector<std::string>& labels, const std::string& label) {
  auto it = std::find(labels.begin(), labels.end(), label);
  if (it != labels.end()) return static_cast<size_t>(it - labels.begin());
  labels.push_back(label);
  return labels.size() - 1;
}

void CountChoices(QuestionResult& r, const Question& q, const std::vector<json>& values) {
  std::vector<std::string> labels = q.options;
  std::vector<int64_t> counts(labels.size(), 0);
  for (const auto& v : values) {
    for (const auto& l : v) {
      size_t k = Slot(labels, l.get<std::string>());
      counts.resize(labels.size(), 0);
      ++counts[k];
    }
  }
  for (size_t i = 0; i < labels.size(); ++i) r.options.push_back({labels[i], counts[i], 0});
}

void CountScale(QuestionResult& r, const Question& q, const std::vector<json>& values) {
  std::vector<int64_t> counts(q.scale_max, 0);
  std::vector<int64_t> all;
  for (const auto& v : values) {
    int64_t n = v.get<int64_t>();
    if (n < 1 || n > q.scale_max) continue;  // a value of a longer scale before an edit
    ++counts[n - 1];
    all.push_back(n);
  }
  for (int i = 0; i < q.scale_max; ++i) r.options.push_back({std::to_string(i + 1), counts[i], 0});
  r.low_label = q.low_label;
  r.high_label = q.high_label;
  if (all.empty()) return;
  std::sort(all.begin(), all.end());
  double sum = 0;
  for (auto n : all) sum += static_cast<double>(n);
  r.mean = sum / static_cast<double>(all.size());
  size_t m = all.size() / 2;
  r.median = all.size() % 2 ? static_cast<double>(all[m]) : (all[m - 1] + all[m]) / 2.0;
}

void CountRanking(QuestionResult& r, const Question& q, const std::vector<json>& values) {
  std::vector<std::string> labels = q.options;
  std::vector<int64_t> rank_sum(labels.size(), 0), ranked(labels.size(), 0), borda(labels.size(), 0);
  const auto n = static_cast<int64_t>(q.options.size());
  for (const auto& v : values) {
    int64_t rank = 0;
    for (const auto& l : v) {
      ++rank;
      size_t k = Slot(labels, l.get<std::string>());
      rank_sum.resize(labels.size(), 0);
      ranked.resize(labels.size(), 0);
      borda.resize(labels.size(), 0);
      rank_sum[k] += rank;
      ++ranked[k];
      borda[k] += std::max<int64_t>(0, n - rank);
    }
  }
  for (size_t i = 0; i < labels.size(); ++i) {
    double avg = ranked[i] ? static_cast<double>(rank_sum[i]) / static_cast<double>(ranked[i]) : 0;
    r.ranking.push_back({labels[i], avg, borda[i]});
  }
  std::stable_sort(r.ranking.begin(), r.ranking.end(), [](const RankResult& a, const RankResult& b) {
    return a.borda > b.borda;
  });
}

}  // namespace

std::vector<QuestionResult> QuestionnaireResults::For(db::Connection& c, int64_t consultation_id) {
  std::vector<QuestionResult> out;
  auto& st = c.Prepare(
      "SELECT i.value, i.hidden FROM questionnaire_answer_items i "
      "JOIN questionnaire_answers a ON a.id = i.answer_id AND a.version = i.answer_version "
      "WHERE i.question_id = ? AND a.withdrawn_at IS NULL");
  for (const Question& q : LoadQuestions(c, consultation_id)) {
    QuestionResult r;
    r.question_id = q.id;
    r.position = q.position;
    r.section_id = q.section_id;
    r.type = q.type;
    r.text = q.text;
    r.required = q.required;
    std::vector<json> values;
    st.Bind(1, q.id);
    while (st.Step()) {
      if (q.type == "text") {
        ++(st.Int(1) ? r.text_answers_hidden : r.text_answers_visible);
      } else {
        values.push_back(json::parse(st.View(0)));
      }
      ++r.respondents;
    }
    st.Reset();
    if (q.type == "single" || q.type == "multiple") CountChoices(r, q, values);
    if (q.type == "scale") CountScale(r, q, values);
    if (q.type == "ranking") CountRanking(r, q, values);
    for (auto& o : r.options) {
      o.share = r.respondents ? static_cast<double>(o.count) / static_cast<double>(r.respondents) : 0;
    }
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace samrad
