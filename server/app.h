// The services one running instance shares between its handlers and its
// command-line commands.
#pragma once

#include <memory>
#include <string>

#include "core/account_service.h"
#include "core/clock.h"
#include "core/consultation_service.h"
#include "core/database.h"
#include "core/decision_service.h"
#include "core/schema_validator.h"

namespace samrad::server {

struct App {
  std::shared_ptr<Clock> clock;
  std::shared_ptr<Database> db;
  std::shared_ptr<SchemaValidator> validator;
  std::shared_ptr<AccountService> accounts;
  std::shared_ptr<ConsultationService> consultations;
  std::shared_ptr<DecisionService> decisions;
  bool secure_cookies = false;  // web cookies always Secure (serve --secure-cookies)

  // Opens the data folder (creating it when create is true) and builds the
  // services. Errors: kUnavailable for an unusable folder.
  static Result<std::shared_ptr<App>> Open(const std::string& dir, bool create);
};

}  // namespace samrad::server
