// Reads the event log backwards, newest first, filtered by kind: what feeds
// and other "what changed lately" readers page through.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/database.h"
#include "core/event_log.h"
#include "core/status.h"

namespace samrad {

class EventHistory {
 public:
  explicit EventHistory(std::shared_ptr<Database> db) : db_(std::move(db)) {}

  // Entries with seq < before_seq whose kind is one of kinds, newest first,
  // at most limit. Errors: kInternal when the database fails. Thread-safe.
  Result<std::vector<Event>> Before(int64_t before_seq, const std::vector<std::string>& kinds,
                                    int limit) const;
  // The same, only entries whose payload names this consultation.
  Result<std::vector<Event>> BeforeAbout(int64_t consultation_id, int64_t before_seq,
                                         const std::vector<std::string>& kinds, int limit) const;

  // The first entry of a kind about a subject (e.g. when it was published);
  // nullopt when there is none. Thread-safe.
  Result<std::optional<Event>> First(const std::string& kind, const std::string& subject) const;

 private:
  Result<std::vector<Event>> List(const std::vector<std::string>& kinds, int limit,
                                  const std::function<std::vector<Event>(db::Connection&)>& read) const;
  std::shared_ptr<Database> db_;
};

}  // namespace samrad
