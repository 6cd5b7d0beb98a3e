// EventHistory: backward reads of the event log on the reader connections.
#include "core/event_history.h"

namespace samrad {

Result<std::vector<Event>> EventHistory::Before(int64_t before_seq,
                                                const std::vector<std::string>& kinds,
                                                int limit) const {
  return List(kinds, limit, [&](db::Connection& c) { return EventLog::ListBefore(c, before_seq, kinds, limit); });
}

Result<std::vector<Event>> EventHistory::BeforeAbout(int64_t consultation_id, int64_t before_seq,
                                                     const std::vector<std::string>& kinds,
                                                     int limit) const {
  return List(kinds, limit, [&](db::Connection& c) {
    return EventLog::ListBeforeAbout(c, consultation_id, before_seq, kinds, limit);
  });
}

Result<std::vector<Event>> EventHistory::List(
    const std::vector<std::string>& kinds, int limit,
    const std::function<std::vector<Event>(db::Connection&)>& read) const {
  std::vector<Event> out;
  if (kinds.empty() || limit <= 0) return out;
  Status s = db_->Read([&](db::Connection& c) {
    out = read(c);
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

Result<std::optional<Event>> EventHistory::First(const std::string& kind,
                                                 const std::string& subject) const {
  std::optional<Event> out;
  Status s = db_->Read([&](db::Connection& c) {
    out = EventLog::FirstOf(c, kind, subject);
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

}  // namespace samrad
