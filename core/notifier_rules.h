// Who is told what about one log entry: the notifier's rules, writing
// notification rows inside the caller's write transaction.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/comment_queries.h"
#include "core/database.h"
#include "core/event_log.h"

namespace samrad {

class NotifierRules {
 public:
  // Reads the pseudonym secret. Throws db::DbError.
  NotifierRules(db::Connection& c, std::string now);

  // Makes the rows one entry calls for (none for kinds nobody is told
  // about). Rows already made for the entry are kept as they are (the
  // unique index), so applying an entry twice changes nothing. Returns the
  // number of rows made. Throws db::DbError.
  int64_t Apply(const Event& e);
  // Makes the rows for a consultation whose closing time has passed: its
  // participants (consultation_closed) and followers. Throws db::DbError.
  int64_t Closed(int64_t consultation_id);

 private:
  struct Row {
    std::string kind;
    int64_t seq = 0;
    std::optional<int64_t> consultation_id;
    std::string link;
    nlohmann::json data;
    std::optional<int64_t> actor;  // never told of their own act
  };
  int64_t CommentPosted(const Event& e);
  int64_t CommentHidden(const Event& e);
  int64_t DecisionPublished(const Event& e);
  int64_t ConsultationExtended(const Event& e);
  int64_t ConsultationUpdated(const Event& e);
  int64_t ConsultationPublished(const Event& e);
  int64_t DatasetPublished(const Event& e);

  // One user, when they have not switched the kind off and nothing else was
  // made for them from this entry.
  int64_t ToUser(const Row& r, int64_t user_id);
  // Everyone who commented on the consultation (the same conditions).
  int64_t ToParticipants(const Row& r, int64_t consultation_id);
  // Every confirmed subscription on (target_kind, target).
  int64_t ToFollowers(const Row& r, const std::string& target_kind, const std::string& target);
  // Confirmed search subscriptions whose query matches the text.
  int64_t ToSearchFollowers(const Row& r, const std::string& title, const std::string& text);
  int64_t Insert(const std::string& recipients_sql, const Row& r,
                 const std::vector<std::string>& extra_binds);

  std::string ConsultationTitle(int64_t id);
  // The seq of the latest entry that set the consultation's closing time.
  int64_t ClosingSeq(int64_t consultation_id);

  db::Connection& c_;
  std::string now_;
  CommentQueries comments_;
};

// True when every word of the query (lower-cased, split at anything but
// letters and digits) begins a word of the text. An empty query matches
// nothing. Pure.
bool SearchQueryMatches(const std::string& query, const std::string& text);

}  // namespace samrad
