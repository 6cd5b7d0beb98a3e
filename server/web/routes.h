// The server-rendered web pages and their static files (server/web/pages_*.cpp).
#pragma once

#include <memory>

#include "server/app.h"
#include "server/http/router.h"

namespace samrad::server {

void AddWebRoutes(Router& r, std::shared_ptr<App> app);

}  // namespace samrad::server
