// Wires the WebSub hub into `samrad serve`: the hub that /websub hands
// requests to, and its worker, woken by every commit, making its requests
// with the HTTP client.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "server/app.h"
#include "server/websub/hub_worker.h"

namespace samrad::server {

// Sets app.websub and returns its worker, registered on the database's
// commits but not started (HubWorker::Start once the base URL is final).
// Call before serving.
std::shared_ptr<websub::HubWorker> SetUpWebSub(App& app, const std::vector<std::string>& allow);

}  // namespace samrad::server
