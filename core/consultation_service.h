// Consultations: create (draft), publish, edit with versions, read and list.
// The rules of who may do what live here; every change is logged.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/consultation.h"
#include "core/cursor.h"
#include "core/database.h"
#include "core/status.h"
#include "core/user.h"

namespace samrad {

struct ConsultationFilter {
  std::optional<std::string> state;
  std::optional<std::string> area;
  std::optional<std::string> tag;
  Page page;
  std::optional<int64_t> closes_within;  // seconds from now: only those closing by then
};

// How many consultations the desk shows in each of its groups.
struct ConsultationCounts {
  int64_t drafts = 0;
  int64_t open = 0;
  int64_t closing = 0;  // open and closing within the asked time
  int64_t closed = 0;   // closed and not yet decided
};

template <typename T>
struct Listing {
  std::vector<T> items;
  std::optional<std::string> next_cursor;
};

struct ConsultationVersion {
  int version = 0;
  std::string changed_at;
  nlohmann::json content;
  std::optional<std::string> reason;  // why a published consultation was changed
};

class ConsultationService {
 public:
  ConsultationService(std::shared_ptr<Database> db, std::shared_ptr<Clock> clock);

  // Creates a draft from a body valid against consultation_create. Officials
  // and admins only (kUnauthenticated / kPermissionDenied); kInvalidArgument
  // for bad dates. Thread-safe, as are all methods.
  Result<Consultation> Create(const Actor& actor, const nlohmann::json& body);
  // Publishes a draft: kConflict when already published.
  Result<Consultation> Publish(const Actor& actor, int64_t id);
  // Applies the given fields and keeps the earlier version, with body's
  // optional "reason" (public once published): kConflict once decided (one
  // a decision lets run to its closing date is not decided before then,
  // and a new closing date moves the moment it becomes decided).
  Result<Consultation> Patch(const Actor& actor, int64_t id, const nlohmann::json& body);
  // Moves the closing date of a published, undecided consultation later
  // (a new version with the reason, logged as consultation.extended).
  // kInvalidArgument (/closes_at) unless closes_at is later than both the
  // current closing date and now; kConflict for drafts and decided ones (one
  // a decision lets run is decided from its new closing date on).
  Result<Consultation> Extend(const Actor& actor, int64_t id, const std::string& closes_at,
                              const std::string& reason);
  // kNotFound for a missing id, and for a draft unless the actor is an official.
  Result<Consultation> Get(const Actor& actor, int64_t id);
  Result<std::vector<ConsultationVersion>> Versions(const Actor& actor, int64_t id);
  // Newest first, keyset-paginated. kInvalidArgument for an unknown state.
  Result<Listing<Consultation>> List(const Actor& actor, const ConsultationFilter& f);
  // The desk's counts; closing counts open ones closing within the given
  // seconds. Officials and admins only.
  Result<ConsultationCounts> Counts(const Actor& actor, int64_t closing_within);
  // Bulk read for rebuilding derived data (the search index): published
  // consultations with id > after_id in id order, at most limit, with their
  // sections but without linked decisions. Errors: those of Database::Read.
  Result<std::vector<Consultation>> ListPublishedForIndex(int64_t after_id, int limit);

  // Marks a consultation decided inside the caller's write transaction by
  // the decision published at `at` (used by decisions). One still taking
  // comments (or not yet open) either closes now, when close_now (its
  // planned closing date kept; logged as consultation.closed with the
  // decision and the actor's role), or runs to its closing date and is
  // decided from then on. A consultation that has closed is never reopened.
  // Returns false when there is no such published consultation.
  static bool MarkDecided(db::Connection& c, int64_t id, const std::string& at, bool close_now,
                          int64_t decision_id, const std::string& role);

 private:
  std::optional<Consultation> Load(db::Connection& c, int64_t id);
  void LoadSections(db::Connection& c, Consultation& k);
  Status CheckOfficial(const Actor& actor);
  Status ApplyFields(Consultation& k, const nlohmann::json& body);
  void SaveVersion(db::Connection& c, const Consultation& k, int64_t actor_id,
                   const std::optional<std::string>& reason = std::nullopt);
  void SaveSections(db::Connection& c, Consultation& k);

  std::shared_ptr<Database> db_;
  std::shared_ptr<Clock> clock_;
};

}  // namespace samrad
