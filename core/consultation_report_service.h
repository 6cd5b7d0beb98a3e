// Who may read a consultation report and when, the compiled report cached
// per commit, and the officials' introduction and summary with publishing
// (logged as report.published).
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/clock.h"
#include "core/consultation_report.h"
#include "core/database.h"
#include "core/status.h"
#include "core/user.h"

namespace samrad {

constexpr size_t kMaxReportTextChars = 20000;  // each of introduction and summary

class ReportService {
 public:
  ReportService(std::shared_ptr<Database> db, std::shared_ptr<Clock> clock);

  // The report of a published consultation. Everyone may read it once the
  // consultation has closed; before that only officials and admins (a
  // draft), and everyone else gets kNotFound, as for a draft consultation.
  // Compiled once per commit (and state) and shared. Thread-safe.
  Result<std::shared_ptr<const ConsultationReport>> Get(const Actor& actor, int64_t id);
  // What a report of this consultation is cached under, for caches of what
  // is rendered from it too: its state and the newest log entries and texts
  // it is made of, so commits elsewhere do not move it. Same errors as Get,
  // without compiling. Thread-safe.
  Result<std::string> CacheKey(const Actor& actor, int64_t id);

  // Saves the introduction and summary (Markdown). Officials and admins
  // (kUnauthenticated / kPermissionDenied); kNotFound like Get;
  // kInvalidArgument (/intro_md, /summary_md) for text over
  // kMaxReportTextChars or bad Markdown; kConflict once published.
  Status SaveTexts(const Actor& actor, int64_t id, const std::string& intro_md, const std::string& summary_md);
  // Publishes the report with its texts, logged as report.published (the
  // texts whole, and the log position the report reflected). kConflict
  // before the consultation has closed or when already published.
  Status Publish(const Actor& actor, int64_t id);

 private:
  // The consultation's state for the access rule, or kNotFound.
  Result<std::string> StateFor(const Actor& actor, int64_t id);
  Status CheckOfficial(const Actor& actor);

  std::shared_ptr<Database> db_;
  std::shared_ptr<Clock> clock_;
  std::mutex mu_;
  struct Cached {
    std::string key;
    std::shared_ptr<const ConsultationReport> report;
  };
  std::unordered_map<int64_t, Cached> cache_;  // one report per consultation, at most kCached
};

}  // namespace samrad
