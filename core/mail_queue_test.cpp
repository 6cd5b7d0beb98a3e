// The outbox's sender side: claiming, backoff, permanent failures, and what
// a crash leaves behind.
#define BOOST_TEST_MODULE mail_queue
#include "core/mail_queue.h"

#include <boost/test/unit_test.hpp>
#include <filesystem>

#include "core/clock.h"
#include "core/crypto.h"

using namespace samrad;

namespace {
constexpr int64_t kNow = 1796288400;

struct Fixture {
  Fixture() {
    crypto::InitCrypto();
    dir = std::filesystem::temp_directory_path() / ("samrad-mailq-" + crypto::RandomToken(6));
    db = Database::Open(dir.string(), true).value();
  }
  ~Fixture() { std::filesystem::remove_all(dir); }
  void Queue(const std::string& to, const std::string& cause) {
    db->Write([&](db::Connection& c) {
      MailOutbox::Enqueue(c, {to, "sv", "Ämne", "text", "<p>html</p>", "", cause}, "samrad.test", FormatTime(kNow));
      return Status::Ok();
    });
  }
  std::vector<QueuedMail> Claim(int64_t now, int limit = 10) {
    std::vector<QueuedMail> out;
    db->Write([&](db::Connection& c) {
      out = MailQueue::Claim(c, now, limit);
      return Status::Ok();
    });
    return out;
  }
  MailQueueCounts Counts() {
    MailQueueCounts n;
    db->Read([&](db::Connection& c) {
      n = MailQueue::Counts(c);
      return Status::Ok();
    });
    return n;
  }
  std::filesystem::path dir;
  std::shared_ptr<Database> db;
};
}  // namespace

BOOST_AUTO_TEST_CASE(backoff_starts_at_a_minute_doubles_and_stops_at_six_hours) {
  BOOST_CHECK_EQUAL(MailQueue::Backoff(1), 60);
  BOOST_CHECK_EQUAL(MailQueue::Backoff(2), 120);
  BOOST_CHECK_EQUAL(MailQueue::Backoff(5), 960);
  BOOST_CHECK_EQUAL(MailQueue::Backoff(9), 15360);
  BOOST_CHECK_EQUAL(MailQueue::Backoff(10), 6 * 3600);
  BOOST_CHECK_EQUAL(MailQueue::Backoff(40), 6 * 3600);
}

BOOST_FIXTURE_TEST_CASE(a_claimed_message_is_not_claimed_again, Fixture) {
  Queue("a@example.se", "n:1");
  Queue("b@example.se", "n:2");
  auto first = Claim(kNow, 1);
  BOOST_REQUIRE_EQUAL(first.size(), 1u);
  BOOST_CHECK_EQUAL(first[0].attempts, 1);
  BOOST_CHECK_EQUAL(first[0].mail.subject, "Ämne");
  auto second = Claim(kNow);
  BOOST_REQUIRE_EQUAL(second.size(), 1u);
  BOOST_CHECK_NE(first[0].id, second[0].id);
  BOOST_CHECK(Claim(kNow).empty());
  BOOST_CHECK_EQUAL(Counts().sending, 2);
}

BOOST_FIXTURE_TEST_CASE(a_temporary_failure_waits_its_backoff_then_is_tried_again, Fixture) {
  Queue("a@example.se", "n:1");
  auto m = Claim(kNow);
  db->Write([&](db::Connection& c) {
    BOOST_CHECK(MailQueue::MarkFailed(c, m[0].id, m[0].attempts, false, "SMTP 451: later", kNow));
    return Status::Ok();
  });
  BOOST_CHECK_EQUAL(Counts().retrying, 1);
  BOOST_CHECK(Claim(kNow + 59).empty());
  auto again = Claim(kNow + 60);
  BOOST_REQUIRE_EQUAL(again.size(), 1u);
  BOOST_CHECK_EQUAL(again[0].attempts, 2);
  BOOST_CHECK_EQUAL(again[0].message_id, m[0].message_id);
}

BOOST_FIXTURE_TEST_CASE(a_permanent_failure_is_never_tried_again_until_an_admin_retries_it, Fixture) {
  Queue("nobody@example.se", "n:1");
  auto m = Claim(kNow);
  db->Write([&](db::Connection& c) {
    BOOST_CHECK(!MailQueue::MarkFailed(c, m[0].id, m[0].attempts, true, "SMTP 550: no such mailbox", kNow));
    return Status::Ok();
  });
  BOOST_CHECK(Claim(kNow + 30 * 86400).empty());
  BOOST_CHECK_EQUAL(Counts().failed, 1);
  std::vector<FailedMail> failed;
  db->Read([&](db::Connection& c) {
    failed = MailQueue::Failed(c, 10);
    return Status::Ok();
  });
  BOOST_REQUIRE_EQUAL(failed.size(), 1u);
  BOOST_CHECK_EQUAL(failed[0].last_error, "SMTP 550: no such mailbox");
  db->Write([&](db::Connection& c) {
    BOOST_CHECK(MailQueue::Retry(c, m[0].id, kNow + 100));
    BOOST_CHECK(!MailQueue::Retry(c, m[0].id, kNow + 100));
    return Status::Ok();
  });
  BOOST_CHECK_EQUAL(Claim(kNow + 100).size(), 1u);
}

BOOST_FIXTURE_TEST_CASE(the_last_allowed_attempt_ends_in_failed, Fixture) {
  Queue("a@example.se", "n:1");
  auto m = Claim(kNow);
  db->Write([&](db::Connection& c) {
    BOOST_CHECK(!MailQueue::MarkFailed(c, m[0].id, MailQueue::kMaxAttempts, false, "timeout", kNow));
    return Status::Ok();
  });
  BOOST_CHECK_EQUAL(Counts().failed, 1);
}

BOOST_FIXTURE_TEST_CASE(claims_left_by_a_crash_go_back_to_the_queue_with_their_message_id, Fixture) {
  Queue("a@example.se", "n:1");
  auto m = Claim(kNow);
  int released = 0;
  db->Write([&](db::Connection& c) {
    released = MailQueue::ReleaseClaims(c);
    return Status::Ok();
  });
  BOOST_CHECK_EQUAL(released, 1);
  auto again = Claim(kNow);
  BOOST_REQUIRE_EQUAL(again.size(), 1u);
  BOOST_CHECK_EQUAL(again[0].message_id, m[0].message_id);
  db->Write([&](db::Connection& c) {
    MailQueue::MarkSent(c, again[0].id, kNow);
    return Status::Ok();
  });
  BOOST_CHECK_EQUAL(Counts().sent, 1);
  BOOST_CHECK(Claim(kNow + 86400).empty());
}
