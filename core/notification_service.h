// What a signed-in user reads of their notifications and settings: the list
// (newest first), the unread count, marking read, and the per-kind switches.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/consultation_service.h"
#include "core/cursor.h"
#include "core/database.h"
#include "core/notification.h"
#include "core/status.h"
#include "core/user.h"

namespace samrad {

struct NotificationPref {
  std::string kind;
  bool enabled = true;  // shown on the site (and mailed when email)
  bool email = true;
};

struct NotificationPage {
  std::vector<Notification> items;
  std::optional<std::string> next_cursor;
  int64_t unread = 0;  // of all the user's notifications
};

class NotificationService {
 public:
  NotificationService(std::shared_ptr<Database> db, std::shared_ptr<Clock> clock);

  // The actor's notifications, newest first, keyset-paginated (cursor of
  // one id), with the unread count; unread_only leaves read ones out.
  // kUnauthenticated without an actor, kInvalidArgument for a bad cursor.
  // Thread-safe.
  Result<NotificationPage> List(const Actor& actor, const Page& page, bool unread_only = false);
  // The number of unread notifications; 0 without an actor. Thread-safe.
  int64_t UnreadCount(const Actor& actor);
  // Marks the actor's notifications with these ids read (ids of others are
  // passed over), or all of them when ids is nullopt. Returns how many were
  // marked now. kUnauthenticated without an actor. Thread-safe.
  Result<int64_t> MarkRead(const Actor& actor, const std::optional<std::vector<int64_t>>& ids);
  // One switch per kind (notify::kPersonalKinds, then kFollowedKinds), in
  // that order. kUnauthenticated without an actor. Thread-safe.
  Result<std::vector<NotificationPref>> Prefs(const Actor& actor);
  // Saves the given switches (kinds not named keep theirs); all or nothing.
  // kInvalidArgument naming "/<index>/kind" for an unknown kind. Thread-safe.
  Result<std::vector<NotificationPref>> SetPrefs(const Actor& actor, const std::vector<NotificationPref>& prefs);

 private:
  std::shared_ptr<Database> db_;
  std::shared_ptr<Clock> clock_;
};

// The public JSON form of one notification (the API's item).
nlohmann::json ToJson(const Notification& n);

}  // namespace samrad
