// Built-in datasets of participation and decisions: comments, decisions
// (every version), decision_votes (roll calls), moderation_log and the
// questionnaires' answers and questions.
#pragma once

#include <memory>

#include "core/export_queries.h"
#include "core/questionnaire_export.h"
#include "opendata/registry.h"

namespace samrad::opendata {

DatasetSpec CommentsDataset(std::shared_ptr<ExportQueries> q);
DatasetSpec DecisionsDataset(std::shared_ptr<ExportQueries> q);
DatasetSpec DecisionVotesDataset(std::shared_ptr<ExportQueries> q);
DatasetSpec ModerationLogDataset(std::shared_ptr<ExportQueries> q);
// questionnaire_answers (one row per current answer and question) and
// questionnaire_questions (every version of every question).
void RegisterQuestionnaireDatasets(Registry& r, std::shared_ptr<QuestionnaireExport> q);

}  // namespace samrad::opendata
