// App assembly.
#include "server/app.h"

#include <cstdlib>

namespace samrad::server {

Result<std::shared_ptr<App>> App::Open(const std::string& dir, bool create) {
  auto db = Database::Open(dir, create);
  if (!db.ok()) return db.status();
  auto app = std::make_shared<App>();
  app->clock = MakeClockFromEnvironment();
  app->db = db.value();
  app->validator = std::make_shared<SchemaValidator>();
  app->accounts = std::make_shared<AccountService>(app->db, app->clock);
  app->consultations = std::make_shared<ConsultationService>(app->db, app->clock);
  // SAMRAD_COMMENTS_PER_MINUTE changes the per-user posting limit (load tests).
  int per_minute = kCommentsPerMinute;
  if (const char* v = std::getenv("SAMRAD_COMMENTS_PER_MINUTE"); v && std::atoi(v) > 0) {
    per_minute = std::atoi(v);
  }
  app->comments = std::make_shared<CommentService>(app->db, app->clock, per_minute);
  app->moderation = std::make_shared<ModerationService>(app->db, app->clock);
  return app;
}

}  // namespace samrad::server
