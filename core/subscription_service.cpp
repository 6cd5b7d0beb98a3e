// Following, double opt-in and unsubscribing (see subscription_service.h).
#include "core/subscription_service.h"

#include <algorithm>
#include <cctype>

#include "core/account_rules.h"
#include "core/crypto.h"
#include "core/mail_token.h"
#include "core/notification.h"
#include "core/text_rules.h"

namespace samrad {

using nlohmann::json;

namespace {
constexpr int64_t kDay = 24 * 3600;
constexpr const char* kColumns =
    "SELECT id, user_id, email, target_kind, target, frequency, lang, confirmed_at, created_at FROM subscriptions ";

Subscription Row(db::Statement& q) {
  Subscription s;
  s.id = q.Int(0);
  s.user_id = q.OptInt(1);
  s.email = q.OptText(2);
  s.target_kind = q.Text(3);
  s.target = q.Text(4);
  s.frequency = q.Text(5);
  s.lang = q.Text(6);
  s.confirmed_at = q.OptText(7);
  s.created_at = q.Text(8);
  return s;
}

std::optional<Subscription> ById(db::Connection& c, int64_t id) {
  auto& q = c.Prepare(std::string(kColumns) + "WHERE id = ?").Bind(1, id);
  if (!q.Step()) return std::nullopt;
  return Row(q);
}

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

// The host of a base URL, for Message-IDs.
std::string HostOf(const std::string& base_url) {
  size_t start = base_url.find("://");
  start = start == std::string::npos ? 0 : start + 3;
  size_t end = base_url.find_first_of(":/", start);
  return base_url.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

bool AllDigits(const std::string& s) {
  return !s.empty() && s.size() <= 18 && std::all_of(s.begin(), s.end(), [](unsigned char ch) { return std::isdigit(ch); });
}

void TurnOffMail(db::Connection& c, int64_t user_id, std::string_view kind) {
  c.Prepare(
       "INSERT INTO notification_prefs (user_id, kind, email, enabled) SELECT id, ?, 0, 1 FROM users WHERE id = ?"
       " ON CONFLICT(user_id, kind) DO UPDATE SET email = 0")
      .Bind(1, std::string(kind))
      .Bind(2, user_id)
      .Run();
}

OutgoingMail DefaultMail(const ConfirmationMail& m) {
  OutgoingMail mail;
  mail.subject = "Confirm: " + m.title;
  mail.text_body = "Confirm that you want to follow " + m.title + ": " + m.confirm_url + "\n";
  mail.html_body = "<!DOCTYPE html><html><body><p><a href=\"" + m.confirm_url + "\">Confirm</a></p></body></html>";
  return mail;
}
}  // namespace

bool IsMailableAddress(const std::string& email) {
  if (email.empty() || email.size() > kMaxEmailLength) return false;
  size_t at = email.find('@');
  if (at == std::string::npos || at == 0 || at > 64 || email.find('@', at + 1) != std::string::npos) return false;
  static const std::string kLocalExtra = ".!#$%&'*+/=?^_`{|}~-";
  for (size_t i = 0; i < at; ++i) {
    unsigned char ch = email[i];
    if (!std::isalnum(ch) && kLocalExtra.find(static_cast<char>(ch)) == std::string::npos) return false;
  }
  if (email[0] == '.' || email[at - 1] == '.' || email.find("..") != std::string::npos) return false;
  std::string domain = email.substr(at + 1);
  if (domain.find('.') == std::string::npos) return false;
  size_t label_start = 0;
  for (size_t i = 0; i <= domain.size(); ++i) {
    if (i < domain.size() && domain[i] != '.') {
      unsigned char ch = domain[i];
      if (!std::isalnum(ch) && ch != '-') return false;
      continue;
    }
    size_t len = i - label_start;
    if (len == 0 || len > 63 || domain[label_start] == '-' || domain[i - 1] == '-') return false;
    label_start = i + 1;
  }
  return true;
}

SubscriptionService::SubscriptionService(std::shared_ptr<Database> db, std::shared_ptr<Clock> clock)
    : db_(std::move(db)), clock_(std::move(clock)) {}

void SubscriptionService::SetDatasetLookup(std::function<std::optional<std::string>(const std::string&)> title_of) {
  dataset_title_ = std::move(title_of);
}

Status SubscriptionService::CheckTarget(db::Connection& c, const std::string& kind, std::string& target,
                                        std::string* title) {
  if (kind == "consultation") {
    if (!AllDigits(target)) return InvalidField("/target", "a consultation's id");
    target = std::to_string(std::stoll(target));
    auto& q = c.Prepare("SELECT title FROM consultations WHERE id = ? AND published_at IS NOT NULL")
                  .Bind(1, static_cast<int64_t>(std::stoll(target)));
    if (!q.Step()) return InvalidField("/target", "no published consultation has this id");
    if (title) *title = q.Text(0);
    return Status::Ok();
  }
  if (kind == "body") {
    target = Trim(target);
    auto& q = c.Prepare("SELECT 1 FROM decision_versions WHERE body_name = ? LIMIT 1").Bind(1, target);
    if (target.empty() || target.size() > 200 || !q.Step()) {
      return InvalidField("/target", "no published decision names this deciding body");
    }
    if (title) *title = target;
    return Status::Ok();
  }
  if (kind == "dataset") {
    std::optional<std::string> found;
    if (target.size() <= 200) {
      if (dataset_title_) {
        found = dataset_title_(target);
      } else if (auto& q = c.Prepare("SELECT title FROM datasets WHERE name = ?").Bind(1, target); q.Step()) {
        found = q.Text(0);
      }
    }
    if (!found) return InvalidField("/target", "no dataset has this name");
    if (title) *title = *found;
    return Status::Ok();
  }
  if (kind == "search") {
    target = Trim(target);
    auto chars = Utf8Length(target);
    if (!chars || *chars == 0 || *chars > kMaxQueryChars || FindControlChar(target, false)) {
      return InvalidField("/target", "a search query of 1 to 200 characters of text");
    }
    if (title) *title = target;
    return Status::Ok();
  }
  return InvalidField("/target_kind", "one of consultation, body, dataset, search");
}

void SubscriptionService::FillTitle(db::Connection& c, Subscription& s) {
  // What is no longer public (a withdrawn consultation) is named by its target.
  std::string target = s.target;
  if (!CheckTarget(c, s.target_kind, target, &s.title).ok()) s.title = s.target;
}

Status SubscriptionService::CheckRequest(const FollowRequest& req, bool by_email) {
  std::vector<FieldError> errors;
  if (req.frequency != "immediate" && req.frequency != "daily" && req.frequency != "weekly") {
    errors.push_back({"/frequency", "one of immediate, daily, weekly"});
  }
  if (req.lang != "sv" && req.lang != "en") errors.push_back({"/lang", "sv or en"});
  if (by_email && !IsMailableAddress(req.email)) {
    errors.push_back({"/email", "not an e-mail address we can write to (name@example.se, at most 254 characters)"});
  }
  if (!errors.empty()) return Invalid("the subscription is not valid", std::move(errors));
  return Status::Ok();
}

Result<std::pair<Subscription, bool>> SubscriptionService::Follow(const Actor& actor, const FollowRequest& in) {
  if (!actor) return Unauthenticated("sign in to follow, or follow by e-mail");
  if (Status s = CheckRequest(in, false); !s.ok()) return s;
  FollowRequest req = in;
  std::string title;
  if (Status s = db_->Read([&](db::Connection& c) { return CheckTarget(c, req.target_kind, req.target, &title); });
      !s.ok()) {
    return s;
  }
  std::pair<Subscription, bool> out;
  Status s = db_->Write([&](db::Connection& c) -> Status {
    auto& q = c.Prepare(std::string(kColumns) + "WHERE user_id = ? AND target_kind = ? AND target = ?")
                  .Bind(1, actor->id)
                  .Bind(2, req.target_kind)
                  .Bind(3, req.target);
    if (q.Step()) {
      out = {Row(q), false};
      return Status::Ok();
    }
    std::string now = FormatTime(clock_->Now());
    c.Prepare(
         "INSERT INTO subscriptions (user_id, target_kind, target, frequency, lang, confirmed_at, created_at)"
         " VALUES (?,?,?,?,?,?,?)")
        .Bind(1, actor->id)
        .Bind(2, req.target_kind)
        .Bind(3, req.target)
        .Bind(4, req.frequency)
        .Bind(5, req.lang)
        .Bind(6, now)
        .Bind(7, now)
        .Run();
    out = {*ById(c, c.LastInsertId()), true};
    return Status::Ok();
  });
  if (!s.ok()) return s;
  out.first.title = title;
  return out;
}

int SubscriptionService::RetryAfter(const std::string& client) { return clients_.RetryAfter(client, clock_->Now()); }

void SubscriptionService::DeleteExpired(db::Connection& c, int64_t now) {
  c.Prepare("DELETE FROM subscriptions WHERE confirmed_at IS NULL AND email IS NOT NULL AND created_at < ?")
      .Bind(1, FormatTime(now - kConfirmDays * kDay))
      .Run();
}

Status SubscriptionService::SendConfirmation(db::Connection& c, int64_t id, const FollowRequest& req,
                                             const std::string& title, const std::string& base_url, int64_t now) {
  std::string token = crypto::RandomToken();
  std::string hash = crypto::Sha256Hex(token);
  c.Prepare("UPDATE subscriptions SET confirm_hash = ?, created_at = ?, frequency = ?, lang = ? WHERE id = ?")
      .Bind(1, hash)
      .Bind(2, FormatTime(now))
      .Bind(3, req.frequency)
      .Bind(4, req.lang)
      .Bind(5, id)
      .Run();
  ConfirmationMail m{req.email, req.lang, req.target_kind, title, base_url + "/follow/confirm?t=" + token,
                     FormatTime(now + kConfirmDays * kDay)};
  OutgoingMail mail = composer_ ? composer_(m) : DefaultMail(m);
  mail.recipient = req.email;
  mail.lang = req.lang;
  mail.cause = "follow-confirm:" + std::to_string(id) + ":" + hash.substr(0, 16);
  MailOutbox::Enqueue(c, mail, HostOf(base_url), FormatTime(now));
  return Status::Ok();
}

Status SubscriptionService::FollowByEmail(const FollowRequest& in, const std::string& client,
                                          const std::string& base_url) {
  FollowRequest req = in;
  req.email = LowerAscii(Trim(req.email));
  if (Status s = CheckRequest(req, true); !s.ok()) return s;
  std::string title;
  if (Status s = db_->Read([&](db::Connection& c) { return CheckTarget(c, req.target_kind, req.target, &title); });
      !s.ok()) {
    return s;
  }
  int64_t now = clock_->Now();
  if (!clients_.Allow(client, now)) {
    return {Code::kTooManyRequests, "too many follow requests from this address: try again later"};
  }
  return db_->Write([&](db::Connection& c) -> Status {
    DeleteExpired(c, now);
    auto& q = c.Prepare(std::string(kColumns) + "WHERE email = ? AND target_kind = ? AND target = ?")
                  .Bind(1, req.email)
                  .Bind(2, req.target_kind)
                  .Bind(3, req.target);
    std::optional<Subscription> existing;
    if (q.Step()) existing = Row(q);
    // Already following: nothing to confirm. Over the address's daily
    // limit: nothing is sent. Both answer as a new request does.
    if (existing && existing->confirmed_at) return Status::Ok();
    if (MailOutbox::QueuedSince(c, req.email, FormatTime(now - kDay)) >= kMailsPerAddressPerDay) {
      return Status::Ok();
    }
    int64_t id = 0;
    if (existing) {
      id = existing->id;
    } else {
      c.Prepare(
           "INSERT INTO subscriptions (email, target_kind, target, frequency, lang, created_at)"
           " VALUES (?,?,?,?,?,?)")
          .Bind(1, req.email)
          .Bind(2, req.target_kind)
          .Bind(3, req.target)
          .Bind(4, req.frequency)
          .Bind(5, req.lang)
          .Bind(6, FormatTime(now))
          .Run();
      id = c.LastInsertId();
    }
    return SendConfirmation(c, id, req, title, base_url, now);
  });
}

Result<std::string> SubscriptionService::Describe(const std::string& kind, std::string& target) {
  std::string title;
  Status s = db_->Read([&](db::Connection& c) { return CheckTarget(c, kind, target, &title); });
  if (!s.ok()) return s;
  return title;
}

Result<std::vector<Subscription>> SubscriptionService::Mine(const Actor& actor) {
  if (!actor) return Unauthenticated("sign in to see what you follow");
  std::vector<Subscription> out;
  Status s = db_->Read([&](db::Connection& c) -> Status {
    auto& q = c.Prepare(std::string(kColumns) + "WHERE user_id = ? ORDER BY id DESC").Bind(1, actor->id);
    while (q.Step()) out.push_back(Row(q));
    for (auto& sub : out) {
      FillTitle(c, sub);
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

Result<Subscription> SubscriptionService::Get(const Actor& actor, int64_t id) {
  if (!actor) return Unauthenticated("sign in to see what you follow");
  std::optional<Subscription> sub;
  Status s = db_->Read([&](db::Connection& c) -> Status {
    sub = ById(c, id);
    if (sub && sub->user_id == actor->id) FillTitle(c, *sub);
    return Status::Ok();
  });
  if (!s.ok()) return s;
  if (!sub) return NotFound("no subscription has this id");
  if (sub->user_id != actor->id) return Forbidden("this subscription is someone else's");
  return *sub;
}

std::optional<Subscription> SubscriptionService::Find(const Actor& actor, const std::string& kind,
                                                      const std::string& target) {
  if (!actor) return std::nullopt;
  std::optional<Subscription> sub;
  db_->Read([&](db::Connection& c) -> Status {
    auto& q = c.Prepare(std::string(kColumns) + "WHERE user_id = ? AND target_kind = ? AND target = ?")
                  .Bind(1, actor->id)
                  .Bind(2, kind)
                  .Bind(3, target);
    if (q.Step()) sub = Row(q);
    return Status::Ok();
  });
  return sub;
}

Result<Subscription> SubscriptionService::SetFrequency(const Actor& actor, int64_t id, const std::string& frequency) {
  if (frequency != "immediate" && frequency != "daily" && frequency != "weekly") {
    return InvalidField("/frequency", "one of immediate, daily, weekly");
  }
  auto sub = Get(actor, id);
  if (!sub.ok()) return sub;
  Status s = db_->Write([&](db::Connection& c) -> Status {
    c.Prepare("UPDATE subscriptions SET frequency = ? WHERE id = ? AND user_id = ?")
        .Bind(1, frequency)
        .Bind(2, id)
        .Bind(3, actor->id)
        .Run();
    return c.Changes() > 0 ? Status::Ok() : NotFound("no subscription has this id");
  });
  if (!s.ok()) return s;
  Subscription out = sub.value();
  out.frequency = frequency;
  return out;
}

Status SubscriptionService::Remove(const Actor& actor, int64_t id) {
  if (auto sub = Get(actor, id); !sub.ok()) return sub.status();
  return db_->Write([&](db::Connection& c) -> Status {
    c.Prepare("DELETE FROM subscriptions WHERE id = ? AND user_id = ?").Bind(1, id).Bind(2, actor->id).Run();
    return c.Changes() > 0 ? Status::Ok() : NotFound("no subscription has this id");
  });
}

Result<Subscription> SubscriptionService::Confirm(const std::string& token) {
  if (token.empty() || token.size() > 100) return NotFound("this confirmation link is not valid");
  int64_t now = clock_->Now();
  std::optional<Subscription> sub;
  bool expired = false;
  Status s = db_->Write([&](db::Connection& c) -> Status {
    auto& q = c.Prepare(std::string(kColumns) + "WHERE confirm_hash = ? AND confirmed_at IS NULL")
                  .Bind(1, crypto::Sha256Hex(token));
    if (q.Step()) sub = Row(q);
    if (sub) {
      auto created = ParseTime(sub->created_at);
      expired = !created || *created < now - kConfirmDays * kDay;
    }
    // Expired rows go, this one included, so the failure is committed too.
    DeleteExpired(c, now);
    if (!sub || expired) return Status::Ok();
    sub->confirmed_at = FormatTime(now);
    c.Prepare("UPDATE subscriptions SET confirmed_at = ?, confirm_hash = NULL WHERE id = ?")
        .Bind(1, *sub->confirmed_at)
        .Bind(2, sub->id)
        .Run();
    return Status::Ok();
  });
  if (!s.ok()) return s;
  if (expired) {
    return NotFound("this confirmation link has expired (links work for 7 days): follow again to get a new one");
  }
  if (!sub) return NotFound("this confirmation link is unknown or has already been used");
  db_->Read([&](db::Connection& c) {
    FillTitle(c, *sub);
    return Status::Ok();
  });
  return *sub;
}

std::optional<Unsubscription> SubscriptionService::ParseScope(db::Connection& c, const std::string& token) {
  auto scope = MailToken::Verify(c, token);
  if (!scope) return std::nullopt;
  Unsubscription u;
  auto number = [](const std::string& s) -> std::optional<int64_t> {
    return AllDigits(s) ? std::optional<int64_t>(static_cast<int64_t>(std::stoll(s))) : std::nullopt;
  };
  if (scope->starts_with("sub:")) {
    auto id = number(scope->substr(4));
    if (!id) return std::nullopt;
    u.scope = "sub";
    u.subscription = ById(c, *id);
    if (u.subscription) FillTitle(c, *u.subscription);
    return u;
  }
  if (scope->starts_with("kind:")) {
    size_t colon = scope->find(':', 5);
    if (colon == std::string::npos) return std::nullopt;
    auto user = number(scope->substr(5, colon - 5));
    u.kind = scope->substr(colon + 1);
    if (!user || !notify::IsKind(u.kind)) return std::nullopt;
    u.scope = "kind";
    u.user_id = *user;
    return u;
  }
  if (scope->starts_with("user:")) {
    auto user = number(scope->substr(5));
    if (!user) return std::nullopt;
    u.scope = "user";
    u.user_id = *user;
    return u;
  }
  return std::nullopt;
}

Result<Unsubscription> SubscriptionService::DescribeUnsubscribe(const std::string& token) {
  std::optional<Unsubscription> u;
  Status s = db_->Read([&](db::Connection& c) {
    u = ParseScope(c, token);
    return Status::Ok();
  });
  if (!s.ok()) return s;
  if (!u) return InvalidField("/t", "this unsubscribe link is not valid: use the link of the e-mail as it is");
  return *u;
}

Result<Unsubscription> SubscriptionService::Unsubscribe(const std::string& token) {
  std::optional<Unsubscription> u;
  Status s = db_->Write([&](db::Connection& c) -> Status {
    u = ParseScope(c, token);
    if (!u) return Status::Ok();
    if (u->scope == "sub" && u->subscription) {
      c.Prepare("DELETE FROM subscriptions WHERE id = ?").Bind(1, u->subscription->id).Run();
    } else if (u->scope == "kind") {
      TurnOffMail(c, u->user_id, u->kind);
    } else if (u->scope == "user") {
      for (auto kind : notify::kPersonalKinds) TurnOffMail(c, u->user_id, kind);
      for (auto kind : notify::kFollowedKinds) TurnOffMail(c, u->user_id, kind);
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  if (!u) return InvalidField("/t", "this unsubscribe link is not valid: use the link of the e-mail as it is");
  return *u;
}

json SubscriptionService::ToJson(const Subscription& s) {
  return {{"id", s.id},
          {"target_kind", s.target_kind},
          {"target", s.target},
          {"title", s.title},
          {"frequency", s.frequency},
          {"lang", s.lang},
          {"confirmed", s.confirmed_at.has_value()},
          {"created_at", s.created_at}};
}

}  // namespace samrad
