// SetUpWebSub: the hub and its worker for serve.
#include "server/websub_setup.h"

#include "server/http_client.h"

namespace samrad::server {

std::shared_ptr<websub::HubWorker> SetUpWebSub(App& app, const std::vector<std::string>& allow) {
  websub::HubOptions options;
  options.allow = allow;
  app.websub = std::make_shared<websub::Hub>(app.db, app.clock, app.feeds, options);
  std::weak_ptr<search::SearchIndex> search = app.search;
  auto worker = std::make_shared<websub::HubWorker>(app.db, app.clock, app.feeds, app.websub, HttpSend, [search] {
    auto s = search.lock();
    return s ? s->WrittenSeq() : INT64_MAX;
  });
  std::weak_ptr<websub::HubWorker> weak = worker;
  app.db->OnCommit([weak] {
    if (auto w = weak.lock()) w->Wake();
  });
  return worker;
}

}  // namespace samrad::server
