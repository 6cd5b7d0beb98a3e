// The services one running instance shares between its handlers and its
// command-line commands.
#pragma once

#include <memory>
#include <string>

#include "core/account_service.h"
#include "core/clock.h"
#include "core/comment_service.h"
#include "core/consultation_service.h"
#include "core/database.h"
#include "core/moderation_service.h"
#include "core/schema_validator.h"

namespace samrad::server {

struct App {
  std::shared_ptr<Clock> clock;
  std::shared_ptr<Database> db;
  std::shared_ptr<SchemaValidator> validator;
  std::shared_ptr<AccountService> accounts;
  std::shared_ptr<ConsultationService> consultations;
  std::shared_ptr<CommentService> comments;
  std::shared_ptr<ModerationService> moderation;

  // Opens the data folder (creating it when create is true) and builds the
  // services. Errors: kUnavailable for an unusable folder.
  static Result<std::shared_ptr<App>> Open(const std::string& dir, bool create);
};

}  // namespace samrad::server
