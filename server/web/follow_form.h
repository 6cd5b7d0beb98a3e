// The Follow form that consultation, decision, dataset and search pages
// carry (part_follow_form.mustache), and the follow pages' routes.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "server/app.h"
#include "server/http/router.h"
#include "server/web/page.h"

namespace samrad::server {

// The model of part_follow_form for following kind/target (title: what it
// is called). Signed in: a one-click form with the page's CSRF token, or
// "you follow this" with a link to change it. Signed out: e-mail,
// frequency and language, with no token or cookie, so the page stays the
// same for every signed-out visitor (and can be shared from the cache).
nlohmann::json FollowFormView(WebContext& ctx, const std::string& kind, const std::string& target,
                              const std::string& title);

// /follow, /follow/sent, /follow/confirm, /follow/confirmed, /unsubscribe,
// /unsubscribe/done, /me/subscriptions and its forms.
void AddFollowPages(Router& r, std::shared_ptr<App> app);

}  // namespace samrad::server
