// App assembly.
#include "server/app.h"

#include "search/consultation_source.h"
#include "search/decision_source.h"

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
  app->decisions = std::make_shared<DecisionService>(app->db, app->clock);
  app->search = std::make_shared<search::SearchIndex>(dir, app->db, app->clock);
  search::RegisterConsultationSource(app->search->sources(), app->consultations);
  search::RegisterDecisionSource(app->search->sources(), app->decisions, app->consultations);
  return app;
}

}  // namespace samrad::server
