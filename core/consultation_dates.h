// The dates a consultation's state is made of, read on their own: for the
// services that only need to know whether a consultation is open, closed
// or decided (comments, questionnaires, the report).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/sqlite.h"

namespace samrad {

struct ConsultationDates {
  std::string opens_at;
  std::string closes_at;
  std::optional<std::string> published_at;
  std::optional<std::string> decided_at;

  // draft, upcoming, open, closed or decided at now (epoch seconds), by
  // the rules of ConsultationState. Pure.
  std::string StateAt(int64_t now) const;
};

// The dates of consultation id, drafts included; nullopt when there is no
// such consultation. Runs inside the caller's transaction. Throws
// db::DbError.
std::optional<ConsultationDates> LoadConsultationDates(db::Connection& c, int64_t id);

}  // namespace samrad
