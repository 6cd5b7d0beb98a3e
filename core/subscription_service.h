// Following: what anyone follows (a consultation, a deciding body's
// decisions, a dataset, a saved search), signed in or by e-mail with double
// opt-in, and unsubscribing by the signed token of an e-mail's link.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/database.h"
#include "core/mail_outbox.h"
#include "core/rate_limiter.h"
#include "core/status.h"
#include "core/user.h"

namespace samrad {

struct Subscription {
  int64_t id = 0;
  std::optional<int64_t> user_id;
  std::optional<std::string> email;  // only for followers without an account
  std::string target_kind;           // consultation, body, dataset, search
  std::string target;                // consultation id, body name, dataset name, query
  std::string frequency = "immediate";  // immediate, daily, weekly
  std::string lang = "sv";
  std::optional<std::string> confirmed_at;
  std::string created_at;
  std::string title;  // what is followed, as people read it (a consultation's title ...)
};

struct FollowRequest {
  std::string target_kind;
  std::string target;
  std::string frequency = "immediate";
  std::string lang = "sv";
  std::string email;  // without an account: where the confirmation goes
};

// What the confirmation e-mail says; the server words it (its messages).
struct ConfirmationMail {
  std::string email;
  std::string lang;
  std::string target_kind;
  std::string title;
  std::string confirm_url;  // absolute: <base_url>/follow/confirm?t=TOKEN
  std::string expires_at;   // RFC 3339
};
using ConfirmationComposer = std::function<OutgoingMail(const ConfirmationMail&)>;

// What an unsubscribe token stops.
struct Unsubscription {
  std::string scope;                       // sub, kind, user
  std::optional<Subscription> subscription;  // scope sub (nullopt once it is gone)
  std::string kind;                        // scope kind: the notification kind
  int64_t user_id = 0;                     // scopes kind and user
};

class SubscriptionService {
 public:
  static constexpr int kConfirmDays = 7;
  static constexpr int kMailsPerAddressPerDay = 3;
  static constexpr size_t kMaxQueryChars = 200;

  SubscriptionService(std::shared_ptr<Database> db, std::shared_ptr<Clock> clock);

  // Configuration, before serving: which datasets exist (built-in and
  // uploaded; default: the uploaded ones), the wording of the confirmation
  // e-mail, and how many follow-by-e-mail requests one client address may
  // make per hour (default 5).
  void SetDatasetLookup(std::function<std::optional<std::string>(const std::string&)> title_of);
  void SetComposer(ConfirmationComposer composer) { composer_ = std::move(composer); }
  void SetClientLimit(int per_hour) { clients_.SetMax(per_hour); }

  // A signed-in user follows a target, confirmed at once. Returns the
  // subscription and whether it is new (an existing one is returned as it
  // is). kUnauthenticated, kInvalidArgument naming the field (/target_kind,
  // /target, /frequency, /lang). Thread-safe, as are all methods.
  Result<std::pair<Subscription, bool>> Follow(const Actor& actor, const FollowRequest& req);
  // Someone without an account follows by e-mail: an unconfirmed row and a
  // confirmation e-mail, queued in the same transaction (nothing else is
  // ever sent before it is confirmed). The answer is the same whether the
  // address is new, pending, already following or over its daily limit of
  // kMailsPerAddressPerDay mails (then nothing is queued), so it tells
  // nobody anything about an address. kInvalidArgument (also /email),
  // kTooManyRequests when this client address made too many requests in
  // the hour (RetryAfter says how long to wait).
  Status FollowByEmail(const FollowRequest& req, const std::string& client, const std::string& base_url);
  int RetryAfter(const std::string& client);

  // What kind/target names, as people read it (a consultation's title ...);
  // kInvalidArgument when it cannot be followed. target is normalised.
  Result<std::string> Describe(const std::string& kind, std::string& target);
  // The user's subscriptions, newest first. kUnauthenticated.
  Result<std::vector<Subscription>> Mine(const Actor& actor);
  // One of the user's own; kNotFound when there is none with this id,
  // kPermissionDenied for anyone else's (also for changing and stopping).
  Result<Subscription> Get(const Actor& actor, int64_t id);
  // The user's subscription of this target, if any (for a page's Follow form).
  std::optional<Subscription> Find(const Actor& actor, const std::string& kind, const std::string& target);
  Result<Subscription> SetFrequency(const Actor& actor, int64_t id, const std::string& frequency);
  Status Remove(const Actor& actor, int64_t id);

  // Confirms an e-mail subscription by the token of its confirmation link;
  // the token works once. kNotFound for an unknown or used token, or one
  // older than kConfirmDays (such rows are deleted, address and all).
  Result<Subscription> Confirm(const std::string& token);
  // What the unsubscribe token stops, without doing it. kInvalidArgument
  // for a token that is malformed or not ours.
  Result<Unsubscription> DescribeUnsubscribe(const std::string& token);
  // Does it: sub:<id> deletes the subscription (its address with it),
  // kind:<user>:<kind> stops e-mail of that kind, user:<id> stops all
  // e-mail to that user. Doing it again is no error.
  Result<Unsubscription> Unsubscribe(const std::string& token);

  // The API's JSON of a subscription (the e-mail address is never shown).
  static nlohmann::json ToJson(const Subscription& s);
  // OK when kind/target name something that can be followed; fills the
  // title. Reads the database (inside c's transaction).
  Status CheckTarget(db::Connection& c, const std::string& kind, std::string& target, std::string* title);

 private:
  Status CheckRequest(const FollowRequest& req, bool by_email);
  void FillTitle(db::Connection& c, Subscription& s);
  void DeleteExpired(db::Connection& c, int64_t now);
  Status SendConfirmation(db::Connection& c, int64_t id, const FollowRequest& req, const std::string& title,
                          const std::string& base_url, int64_t now);
  std::optional<Unsubscription> ParseScope(db::Connection& c, const std::string& token);

  std::shared_ptr<Database> db_;
  std::shared_ptr<Clock> clock_;
  std::function<std::optional<std::string>(const std::string&)> dataset_title_;
  ConfirmationComposer composer_;
  RateLimiter clients_{5, 3600};
};

// True when the text is an e-mail address this service writes to: ASCII
// local@domain.tld, at most 254 characters, nothing a mail header could
// mistake for more (no spaces, commas, quotes or angle brackets). Pure.
bool IsMailableAddress(const std::string& email);

}  // namespace samrad
