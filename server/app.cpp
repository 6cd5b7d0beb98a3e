// App assembly.
#include "server/app.h"

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
  app->opendata = std::make_shared<opendata::OpenData>(app->db, app->clock);
  return app;
}

}  // namespace samrad::server
