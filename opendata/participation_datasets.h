// Built-in datasets of participation and decisions: comments, decisions
// (every version), decision_votes (roll calls) and moderation_log.
#pragma once

#include <memory>

#include "core/export_queries.h"
#include "opendata/registry.h"

namespace samrad::opendata {

DatasetSpec CommentsDataset(std::shared_ptr<ExportQueries> q);
DatasetSpec DecisionsDataset(std::shared_ptr<ExportQueries> q);
DatasetSpec DecisionVotesDataset(std::shared_ptr<ExportQueries> q);
DatasetSpec ModerationLogDataset(std::shared_ptr<ExportQueries> q);

}  // namespace samrad::opendata
