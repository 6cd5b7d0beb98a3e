// Unit tests of SubscriptionService: following signed in and by e-mail
// (double opt-in, rate limits), confirming, and unsubscribing by token.
#define BOOST_TEST_MODULE subscription_service
#include "core/subscription_service.h"

#include <boost/test/unit_test.hpp>
#include <filesystem>

#include "core/crypto.h"
#include "core/mail_token.h"
#include "core/test_data_folder.h"

using namespace samrad;

namespace {
constexpr int64_t kT0 = 1796000000;  // 2026-11-30

struct Fixture : samrad::testing::DataFolder {
  Fixture() : DataFolder("sub", kT0) {
    subs = std::make_shared<SubscriptionService>(db, clock);
    db->Write([&](db::Connection& c) {
      c.Exec(
          "INSERT INTO users (id, email, display_name, role, created_at) VALUES"
          " (1, 'anna@example.se', 'Anna', 'resident', '2026-01-01T00:00:00Z'),"
          " (2, 'bo@example.se', 'Bo', 'resident', '2026-01-01T00:00:00Z');"
          "INSERT INTO consultations (id, title, summary, body, language, opens_at, closes_at, created_by,"
          " created_at, updated_at, published_at) VALUES"
          " (7, 'Ny cykelbana', 's', 'b', 'sv', '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z', 1,"
          "  '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),"
          " (8, 'Utkast', 's', 'b', 'sv', '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z', 1,"
          "  '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', NULL);");
      return Status::Ok();
    });
    anna = User{1, "anna@example.se", "Anna"};
    bo = User{2, "bo@example.se", "Bo"};
  }

  int64_t Count(const std::string& sql) {
    int64_t n = 0;
    db->Read([&](db::Connection& c) {
      auto& q = c.Prepare(sql);
      q.Step();
      n = q.Int(0);
      return Status::Ok();
    });
    return n;
  }
  // The confirmation token of the newest queued mail (its link's t=).
  std::string LastToken() {
    std::string body;
    db->Read([&](db::Connection& c) {
      auto& q = c.Prepare("SELECT text_body FROM mail_outbox ORDER BY id DESC LIMIT 1");
      if (q.Step()) body = q.Text(0);
      return Status::Ok();
    });
    size_t at = body.find("t=");
    if (at == std::string::npos) return "";
    size_t end = body.find_first_of(" \n", at);
    return body.substr(at + 2, end == std::string::npos ? std::string::npos : end - at - 2);
  }
  std::string Token(const std::string& scope) {
    std::string t;
    db->Read([&](db::Connection& c) {
      t = MailToken::Make(c, scope);
      return Status::Ok();
    });
    return t;
  }
  FollowRequest ByMail(const std::string& email, const std::string& target = "7") {
    FollowRequest r;
    r.target_kind = "consultation";
    r.target = target;
    r.email = email;
    return r;
  }

  std::shared_ptr<SubscriptionService> subs;
  Actor anna, bo;
};
const std::string kBase = "https://samrad.example.se";
}  // namespace

BOOST_FIXTURE_TEST_CASE(a_signed_in_follow_is_confirmed_at_once_and_only_once, Fixture) {
  auto first = subs->Follow(anna, {"consultation", "7", "daily", "sv", ""});
  BOOST_REQUIRE(first.ok());
  BOOST_TEST(first->second);
  BOOST_TEST(first->first.confirmed_at.has_value());
  BOOST_TEST(first->first.title == "Ny cykelbana");
  auto again = subs->Follow(anna, {"consultation", "007", "weekly", "sv", ""});
  BOOST_REQUIRE(again.ok());
  BOOST_TEST(!again->second);
  BOOST_TEST(again->first.id == first->first.id);
  BOOST_TEST(subs->Mine(anna)->size() == 1u);
  BOOST_TEST(subs->Mine(bo)->empty());
}

BOOST_FIXTURE_TEST_CASE(targets_that_cannot_be_followed_are_refused_naming_the_field, Fixture) {
  auto field = [&](const FollowRequest& r) {
    auto x = subs->Follow(anna, r);
    return x.ok() || x.status().errors().empty() ? std::string() : x.status().errors()[0].field;
  };
  BOOST_TEST(field({"consultation", "8", "immediate", "sv", ""}) == "/target");  // a draft
  BOOST_TEST(field({"consultation", "99", "immediate", "sv", ""}) == "/target");
  BOOST_TEST(field({"consultation", "7 OR 1=1", "immediate", "sv", ""}) == "/target");
  BOOST_TEST(field({"body", "Kommunstyrelsen", "immediate", "sv", ""}) == "/target");  // no decision yet
  BOOST_TEST(field({"dataset", "nothing", "immediate", "sv", ""}) == "/target");
  BOOST_TEST(field({"search", std::string(201, 'a'), "immediate", "sv", ""}) == "/target");
  BOOST_TEST(field({"search", "a\x01", "immediate", "sv", ""}) == "/target");
  BOOST_TEST(field({"user", "1", "immediate", "sv", ""}) == "/target_kind");
  BOOST_TEST(field({"search", "cykel", "hourly", "sv", ""}) == "/frequency");
  BOOST_TEST(field({"search", "cykel", "daily", "de", ""}) == "/lang");
  BOOST_TEST(subs->Follow(anna, {"search", "  cykel* OR gång  ", "daily", "en", ""})->first.target ==
             "cykel* OR gång");
  BOOST_TEST((subs->Follow(Actor(), {"search", "cykel", "daily", "en", ""}).status().code() == Code::kUnauthenticated));
}

BOOST_AUTO_TEST_CASE(only_plain_addresses_are_mailable) {
  BOOST_TEST(IsMailableAddress("anna.berg+samrad@kommun.example.se"));
  BOOST_TEST(!IsMailableAddress("anna"));
  BOOST_TEST(!IsMailableAddress("anna@localhost"));
  BOOST_TEST(!IsMailableAddress("a@b.se, c@d.se"));
  BOOST_TEST(!IsMailableAddress("a@b.se\r\nBcc: c@d.se"));
  BOOST_TEST(!IsMailableAddress("\"a b\"@c.se"));
  BOOST_TEST(!IsMailableAddress("a@-b.se"));
  BOOST_TEST(!IsMailableAddress(std::string(10240, 'a') + "@b.se"));
}

BOOST_FIXTURE_TEST_CASE(following_by_email_queues_one_confirmation_and_nothing_else, Fixture) {
  BOOST_REQUIRE(subs->FollowByEmail(ByMail(" Cecilia@Example.SE "), "192.0.2.1", kBase).ok());
  BOOST_TEST(Count("SELECT count(*) FROM mail_outbox WHERE recipient = 'cecilia@example.se'") == 1);
  BOOST_TEST(Count("SELECT count(*) FROM subscriptions WHERE confirmed_at IS NULL AND confirm_hash IS NOT NULL") == 1);
  std::string token = LastToken();
  BOOST_REQUIRE(!token.empty());
  // The token itself is not stored, only its hash.
  BOOST_TEST(Count("SELECT count(*) FROM subscriptions WHERE confirm_hash = '" + token + "'") == 0);
  auto confirmed = subs->Confirm(token);
  BOOST_REQUIRE(confirmed.ok());
  BOOST_TEST(confirmed->confirmed_at.has_value());
  BOOST_TEST(confirmed->title == "Ny cykelbana");
  BOOST_TEST((subs->Confirm(token).status().code() == Code::kNotFound));  // once
  BOOST_TEST((subs->Confirm("not-a-token").status().code() == Code::kNotFound));
  // Following again once confirmed sends nothing and answers the same.
  BOOST_TEST(subs->FollowByEmail(ByMail("cecilia@example.se"), "192.0.2.1", kBase).ok());
  BOOST_TEST(Count("SELECT count(*) FROM mail_outbox") == 1);
}

BOOST_FIXTURE_TEST_CASE(an_address_gets_at_most_three_confirmations_a_day_whoever_asks, Fixture) {
  for (int i = 0; i < 5; ++i) {
    BOOST_TEST(subs->FollowByEmail(ByMail("victim@example.se"), "192.0.2." + std::to_string(i), kBase).ok());
  }
  BOOST_TEST(Count("SELECT count(*) FROM mail_outbox WHERE recipient = 'victim@example.se'") == 3);
  BOOST_TEST(Count("SELECT count(*) FROM subscriptions") == 1);
  clock->Set(kT0 + 24 * 3600 + 1);
  BOOST_TEST(subs->FollowByEmail(ByMail("victim@example.se"), "192.0.2.9", kBase).ok());
  BOOST_TEST(Count("SELECT count(*) FROM mail_outbox WHERE recipient = 'victim@example.se'") == 4);
  // Each re-send replaces the token: only the newest link confirms.
  BOOST_TEST(subs->Confirm(LastToken()).ok());
}

BOOST_FIXTURE_TEST_CASE(a_client_address_is_limited_per_hour, Fixture) {
  subs->SetClientLimit(2);
  BOOST_TEST(subs->FollowByEmail(ByMail("a@example.se"), "198.51.100.1", kBase).ok());
  BOOST_TEST(subs->FollowByEmail(ByMail("b@example.se"), "198.51.100.1", kBase).ok());
  Status third = subs->FollowByEmail(ByMail("c@example.se"), "198.51.100.1", kBase);
  BOOST_TEST((third.code() == Code::kTooManyRequests));
  BOOST_TEST(subs->RetryAfter("198.51.100.1") > 0);
  BOOST_TEST(Count("SELECT count(*) FROM mail_outbox") == 2);
  BOOST_TEST(subs->FollowByEmail(ByMail("c@example.se"), "198.51.100.2", kBase).ok());
}

BOOST_FIXTURE_TEST_CASE(an_unconfirmed_follow_expires_after_seven_days_with_its_address, Fixture) {
  BOOST_REQUIRE(subs->FollowByEmail(ByMail("late@example.se"), "192.0.2.1", kBase).ok());
  std::string token = LastToken();
  clock->Set(kT0 + 7 * 24 * 3600 + 1);
  Status s = subs->Confirm(token).status();
  BOOST_TEST((s.code() == Code::kNotFound));
  BOOST_TEST(s.message().find("expired") != std::string::npos);
  BOOST_TEST(Count("SELECT count(*) FROM subscriptions WHERE email = 'late@example.se'") == 0);
}

BOOST_FIXTURE_TEST_CASE(unsubscribing_by_token_deletes_the_row_and_its_address, Fixture) {
  BOOST_REQUIRE(subs->FollowByEmail(ByMail("dora@example.se"), "192.0.2.1", kBase).ok());
  auto sub = subs->Confirm(LastToken());
  BOOST_REQUIRE(sub.ok());
  std::string token = Token("sub:" + std::to_string(sub->id));
  auto described = subs->DescribeUnsubscribe(token);
  BOOST_REQUIRE(described.ok());
  BOOST_TEST(described->subscription->title == "Ny cykelbana");
  BOOST_TEST(Count("SELECT count(*) FROM subscriptions") == 1);  // describing does nothing
  BOOST_TEST(subs->Unsubscribe(token).ok());
  BOOST_TEST(Count("SELECT count(*) FROM subscriptions WHERE email = 'dora@example.se'") == 0);
  BOOST_TEST(subs->Unsubscribe(token).ok());  // again: no error
  BOOST_TEST(!subs->Unsubscribe(token + "0").ok());
  BOOST_TEST(!subs->Unsubscribe("sub:1").ok());
}

BOOST_FIXTURE_TEST_CASE(unsubscribing_a_kind_or_all_turns_off_email_only, Fixture) {
  BOOST_TEST(subs->Unsubscribe(Token("kind:1:reply")).ok());
  BOOST_TEST(Count("SELECT count(*) FROM notification_prefs WHERE user_id = 1 AND kind = 'reply' AND email = 0"
                   " AND enabled = 1") == 1);
  BOOST_TEST(!subs->Unsubscribe(Token("kind:1:nonsense")).ok());
  BOOST_TEST(subs->Unsubscribe(Token("user:2")).ok());
  BOOST_TEST(Count("SELECT count(*) FROM notification_prefs WHERE user_id = 2 AND email = 0") == 12);
  BOOST_TEST(Count("SELECT count(*) FROM notification_prefs WHERE user_id = 1") == 1);
}

BOOST_FIXTURE_TEST_CASE(a_user_changes_and_stops_only_their_own, Fixture) {
  auto sub = subs->Follow(anna, {"search", "cykel", "immediate", "sv", ""});
  BOOST_REQUIRE(sub.ok());
  int64_t id = sub->first.id;
  BOOST_TEST((subs->SetFrequency(bo, id, "daily").status().code() == Code::kPermissionDenied));
  BOOST_TEST((subs->Get(anna, id + 1).status().code() == Code::kNotFound));
  BOOST_TEST((subs->SetFrequency(anna, id, "hourly").status().code() == Code::kInvalidArgument));
  BOOST_TEST(subs->SetFrequency(anna, id, "weekly")->frequency == "weekly");
  BOOST_TEST(subs->Get(anna, id)->frequency == "weekly");
  BOOST_TEST((subs->Remove(bo, id).code() == Code::kPermissionDenied));
  BOOST_TEST(subs->Remove(anna, id).ok());
  BOOST_TEST(subs->Mine(anna)->empty());
}
