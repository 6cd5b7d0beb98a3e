// Decisions: publish, amend (append-only versions), read, list, and the
// links that tell a consultation which decisions answered it.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/consultation_service.h"
#include "core/cursor.h"
#include "core/database.h"
#include "core/decision.h"
#include "core/status.h"
#include "core/user.h"

namespace samrad {

struct DecisionFilter {
  std::optional<std::string> body_name;
  std::optional<std::string> from;  // decided_at >= from (RFC 3339 or date)
  std::optional<std::string> to;    // decided_at <= to
  std::optional<std::string> outcome;
  Page page;
};

struct Decision {
  DecisionVersion current;
  std::vector<DecisionVersion> versions;  // every version, oldest first
};

class DecisionService {
 public:
  DecisionService(std::shared_ptr<Database> db, std::shared_ptr<Clock> clock);

  // Publishes version 1 from a body valid against decision_create.
  // Officials only (kUnauthenticated/kPermissionDenied); kInvalidArgument
  // for unknown or unpublished consultations, comments outside them, a roll
  // call that disagrees with the counts, a bad date, or open_consultations
  // naming a consultation the decision does not link. Linked consultations
  // become decided: one still taking comments closes now, unless
  // open_consultations lets it run to its planned closing date
  // ({"id", "close": "as_planned"}). Thread-safe, as are all methods.
  Result<DecisionVersion> Publish(const Actor& actor, const nlohmann::json& body);
  // Adds a version with the changes and the reason. kConflict once revoked.
  // Consultations it newly links are treated as in Publish; ones linked
  // before that still take comments keep running unless open_consultations
  // closes them ("close": "now").
  Result<DecisionVersion> Amend(const Actor& actor, int64_t id, const nlohmann::json& body);
  Result<Decision> Get(int64_t id);
  Result<DecisionVersion> GetVersion(int64_t id, int version);
  // Current versions, newest decision date first, keyset-paginated.
  Result<Listing<DecisionVersion>> List(const DecisionFilter& f);
  // How many decisions there are (the desk's overview).
  Result<int64_t> Count();
  // Bulk read for rebuilding derived data (the search index): the current
  // versions of decisions with id > after_id in id order, at most limit.
  Result<std::vector<DecisionVersion>> ListCurrentForIndex(int64_t after_id, int limit);

  // Decisions whose current version links the consultation (inside the
  // caller's transaction).
  static std::vector<LinkedDecision> LinkedTo(db::Connection& c, int64_t consultation_id);
  // Decisions whose current version answers the comment.
  static std::vector<int64_t> Answering(db::Connection& c, int64_t comment_id);

 private:
  Status Validate(db::Connection& c, const DecisionVersion& v);
  // closing: the linked consultations to close now if still taking comments.
  void Store(db::Connection& c, DecisionVersion& v, const Actor& actor, const std::string& kind,
             const std::set<int64_t>& closing);
  std::vector<DecisionVersion> LoadVersions(db::Connection& c, int64_t id);

  std::shared_ptr<Database> db_;
  std::shared_ptr<Clock> clock_;
};

}  // namespace samrad
