// The services one running instance shares between its handlers and its
// command-line commands.
#pragma once

#include <memory>
#include <string>

#include "core/account_service.h"
#include "core/clock.h"
#include "core/comment_answers.h"
#include "core/comment_service.h"
#include "core/consultation_service.h"
#include "core/data_version.h"
#include "core/database.h"
#include "core/decision_service.h"
#include "core/moderation_service.h"
#include "core/notification_service.h"
#include "core/notifier.h"
#include "core/questionnaire_service.h"
#include "core/schema_validator.h"
#include "core/subscription_service.h"
#include "core/tlog_log.h"
#include "search/search_index.h"
#include "feeds/feed_service.h"
#include "opendata/open_data.h"
#include "server/http/access_policy.h"
#include "server/websub/hub.h"

namespace samrad::server {

class PersonalPageCache;  // server/web/personal_page_cache.h

struct App {
  std::shared_ptr<Clock> clock;
  std::shared_ptr<Database> db;
  // Moves on every commit to the database, by this process or any other:
  // the version caches of what was read are tagged with.
  std::shared_ptr<DataVersion> data_version;
  std::shared_ptr<SchemaValidator> validator;
  std::shared_ptr<AccountService> accounts;
  std::shared_ptr<ConsultationService> consultations;
  std::shared_ptr<DecisionService> decisions;
  // The search index with its sources registered; `serve` starts its writer.
  std::shared_ptr<search::SearchIndex> search;
  // The public base URL for absolute links (feeds), no trailing slash; set
  // by `serve` from --base-url or the address it listens on.
  std::string base_url = "http://127.0.0.1:8080";
  std::shared_ptr<feeds::FeedService> feeds;
  std::shared_ptr<opendata::OpenData> opendata;
  bool secure_cookies = false;  // web cookies always Secure (serve --secure-cookies)
  // Trusted proxies and who may read /metrics (serve --trusted-proxy,
  // --metrics-allow, --metrics-token).
  AccessPolicy access;
  std::shared_ptr<CommentService> comments;
  std::shared_ptr<ModerationService> moderation;
  // A user's comments with their answers; comments awaiting an answer.
  std::shared_ptr<CommentAnswers> comment_answers;
  // What users are told and their switches; the notifier that tells them
  // (woken by every commit, its thread started by `serve`).
  std::shared_ptr<NotificationService> notifications;
  std::shared_ptr<Notifier> notifier;
  // Questionnaires in consultations: questions, answers, results.
  std::shared_ptr<QuestionnaireService> questionnaires;
  // The transparency log's key and checkpoint signer: set by `serve` once
  // the base URL is known, before the address is announced (null before).
  std::shared_ptr<tlog::TransparencyLog> tlog;
  // The WebSub hub for the feeds: set by `serve` (null before: /websub 503).
  std::shared_ptr<websub::Hub> websub;
  // What anyone follows, signed in or by e-mail (double opt-in).
  std::shared_ptr<SubscriptionService> subscriptions;
  // The memory for cached answers (serve --cache-mb; 0 turns caching off):
  // a quarter for the pages signed-in readers share (with the readers'
  // parts), the rest for answers shared by signed-out visitors. Set before
  // the routes are added.
  size_t cache_bytes = size_t{64} << 20;
  size_t PersonalCacheBytes() const { return cache_bytes / 4; }
  size_t ReadCacheBytes() const { return cache_bytes - PersonalCacheBytes(); }
  // The memory for rendered reports (serve --report-cache-mb), a third for
  // each form. Set before the routes are added.
  size_t report_cache_bytes = size_t{64} << 20;
  // The signed-in pages made once per role and language (SharedPersonalPages).
  std::shared_ptr<PersonalPageCache> personal_pages;

  // Opens the data folder (creating it when create is true) and builds the
  // services. Errors: kUnavailable for an unusable folder.
  static Result<std::shared_ptr<App>> Open(const std::string& dir, bool create);
};

}  // namespace samrad::server
