// App assembly.
#include "server/app.h"

#include "search/consultation_source.h"
#include "search/decision_source.h"
#include "search/comment_source.h"
#include "search/dataset_source.h"
#include "search/questionnaire_source.h"
#include "core/event_history.h"
#include "feeds/consultations_feed.h"
#include "feeds/decisions_feed.h"
#include "feeds/comments_feed.h"
#include "feeds/datasets_feed.h"
#include "feeds/checkpoints_feed.h"
#include "server/api/search_feed.h"
#include "server/tlog_setup.h"
#include "server/web/follow_mail.h"
#include <cstdlib>

namespace samrad::server {

Result<std::shared_ptr<App>> App::Open(const std::string& dir, bool create) {
  auto db = Database::Open(dir, create);
  if (!db.ok()) return db.status();
  // An event log from before the Merkle tree gets its tree now.
  if (Status s = BuildLogTree(*db.value()); !s.ok()) return s;
  auto app = std::make_shared<App>();
  app->clock = MakeClockFromEnvironment();
  app->db = db.value();
  app->data_version = std::make_shared<DataVersion>(app->db);
  app->validator = std::make_shared<SchemaValidator>();
  app->accounts = std::make_shared<AccountService>(app->db, app->clock);
  app->accounts->KeepSessions(app->data_version);
  app->consultations = std::make_shared<ConsultationService>(app->db, app->clock);
  app->decisions = std::make_shared<DecisionService>(app->db, app->clock);
  app->search = std::make_shared<search::SearchIndex>(dir, app->db, app->clock);
  search::RegisterConsultationSource(app->search->sources(), app->consultations);
  search::RegisterDecisionSource(app->search->sources(), app->decisions, app->consultations);
  auto feed_kinds = std::make_shared<feeds::FeedRegistry>();
  auto history = std::make_shared<EventHistory>(app->db);
  feeds::RegisterConsultationsFeed(*feed_kinds, history);
  feeds::RegisterDecisionsFeed(*feed_kinds, history);
  app->feeds = std::make_shared<feeds::FeedService>(feed_kinds);
  std::weak_ptr<feeds::FeedService> weak_feeds = app->feeds;
  app->db->OnCommit([weak_feeds] {
    if (auto f = weak_feeds.lock()) f->Invalidate();
  });
  app->opendata = std::make_shared<opendata::OpenData>(app->db, app->clock);
  // SAMRAD_COMMENTS_PER_MINUTE changes the per-user posting limit (load tests).
  int per_minute = kCommentsPerMinute;
  if (const char* v = std::getenv("SAMRAD_COMMENTS_PER_MINUTE"); v && std::atoi(v) > 0) {
    per_minute = std::atoi(v);
  }
  app->comments = std::make_shared<CommentService>(app->db, app->clock, per_minute);
  app->moderation = std::make_shared<ModerationService>(app->db, app->clock);
  app->comment_answers = std::make_shared<CommentAnswers>(app->db, app->clock);
  app->notifications = std::make_shared<NotificationService>(app->db, app->clock);
  app->notifier = std::make_shared<Notifier>(app->db, app->clock);
  if (const char* v = std::getenv("SAMRAD_NOTIFIER_BATCH"); v && std::atoi(v) > 0) app->notifier->set_batch(std::atoi(v));
  std::weak_ptr<Notifier> weak_notifier = app->notifier;
  app->db->OnCommit([weak_notifier] {
    if (auto n = weak_notifier.lock()) n->Wake();
  });
  app->questionnaires = std::make_shared<QuestionnaireService>(app->db, app->clock);
  search::RegisterCommentSource(app->search->sources(), app->comments, app->consultations);
  search::RegisterDatasetSource(app->search->sources(), app->opendata->datasets());
  search::RegisterQuestionnaireSource(app->search->sources(), app->questionnaires, app->consultations);
  // Feed kinds added before serving: routes are made from the registry later.
  feeds::RegisterCommentsFeed(*feed_kinds, history, app->comments, app->consultations);
  feeds::RegisterDatasetsFeed(*feed_kinds, history);
  feeds::RegisterCheckpointsFeed(*feed_kinds, app->db);
  RegisterSearchFeed(*feed_kinds, app->search);
  app->subscriptions = std::make_shared<SubscriptionService>(app->db, app->clock);
  std::weak_ptr<opendata::OpenData> weak_opendata = app->opendata;
  app->subscriptions->SetDatasetLookup([weak_opendata](const std::string& name) -> std::optional<std::string> {
    auto o = weak_opendata.lock();
    auto spec = o ? o->registry().Find(name) : std::nullopt;
    return spec ? std::optional<std::string>(spec->title) : std::nullopt;
  });
  app->subscriptions->SetComposer(ComposeFollowConfirmation);
  return app;
}

}  // namespace samrad::server
