// /api/v1/log and /api/v1/log/verify: the public, hash-chained event log.
#include "core/event_log.h"
#include "server/api/handler_util.h"
#include "server/api/routes.h"

namespace samrad::server {

using nlohmann::json;

namespace {
// A non-negative integer query value, or def when absent.
Result<int64_t> IntQuery(const ApiRequest& req, const std::string& k, int64_t def, int64_t max) {
  auto v = req.Query(k);
  if (!v) return def;
  try {
    size_t used = 0;
    int64_t n = std::stoll(*v, &used);
    if (used == v->size() && n >= 0 && n <= max) return n;
  } catch (const std::exception&) {
  }
  return InvalidField("/" + k, k + " must be a whole number from 0 to " + std::to_string(max));
}
}  // namespace

void AddLogRoutes(Router& r, std::shared_ptr<App> app) {
  r.Add("GET", "/api/v1/log", [app](ApiRequest& req) {
    auto after = IntQuery(req, "after", 0, INT64_MAX);
    if (!after.ok()) return Problem(after.status());
    auto limit = IntQuery(req, "limit", 100, 1000);
    if (!limit.ok()) return Problem(limit.status());
    json items = json::array();
    Status s = app->db->Read([&](db::Connection& c) {
      for (const auto& e : EventLog::List(c, after.value(), static_cast<int>(limit.value()))) {
        items.push_back(EventLog::ToJson(e));
      }
      return Status::Ok();
    });
    if (!s.ok()) return Problem(s);
    json next = items.size() == static_cast<size_t>(limit.value()) && !items.empty()
                    ? json(items.back()["seq"].get<int64_t>())
                    : json(nullptr);
    return Read({{"items", items}, {"next_after", next}});
  });

  r.Add("GET", "/api/v1/log/verify", [app](ApiRequest&) {
    VerifyReport v;
    Status s = app->db->Read([&](db::Connection& c) {
      v = EventLog::Verify(c);
      return Status::Ok();
    });
    if (!s.ok()) return Problem(s);
    json j = {{"ok", v.ok}, {"entries", v.entries}, {"head_hash", v.head_hash}};
    if (!v.ok) {
      j["first_bad_seq"] = *v.first_bad_seq;
      j["problem"] = v.problem;
    }
    return Json(200, j);
  });
}

}  // namespace samrad::server
