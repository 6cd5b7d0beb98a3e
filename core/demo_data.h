// A small but realistic demo municipality, loaded through the services so
// that it passes the same rules and lands in the event log like any data.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/account_service.h"
#include "core/comment_service.h"
#include "core/consultation_service.h"
#include "core/decision_service.h"
#include "core/moderation_service.h"
#include "core/status.h"

namespace samrad {

// A dataset as an official would upload it: metadata and the CSV text.
struct DemoDataset {
  std::string name, title, description, theme, license;
  std::vector<std::string> keywords;
  std::string csv;
};

// Publishes a dataset through the same service an official's upload uses
// (open data sits above core, so the caller passes it in).
using DemoDatasetPublisher = std::function<Status(const User& official, const DemoDataset&)>;

// What the demo decisions refer to, made by LoadDemoData.
struct DemoRecords {
  User official;
  std::string decided_at;  // RFC 3339 date
  int64_t budget_consultation = 0;
  int64_t lighting_consultation = 0;
  int64_t skatepark_consultation = 0;
  std::vector<int64_t> skatepark_comments;
};

// Three decisions (one with a roll call, one answering the comments, one
// amended with a reason). Errors: whatever the decision service returns.
Status LoadDemoDecisions(DecisionService& decisions, const DemoRecords& records);
// The small demo CSV (water samples at the beaches) with its metadata.
DemoDataset BathingWaterDataset();

// Creates officials, a moderator, residents and consultations in every
// state relative to now, and (when the services are given) comment threads
// with replies, reactions and one hidden comment, decisions with votes that
// answer comments, and one uploaded dataset. kConflict when demo data is
// already there.
Status LoadDemoData(AccountService& accounts, ConsultationService& consultations, int64_t now,
                    CommentService* comments = nullptr, ModerationService* moderation = nullptr,
                    DecisionService* decisions = nullptr,
                    const DemoDatasetPublisher& publish_dataset = nullptr);

}  // namespace samrad
