// Unit tests of the notifier's rules on a real SQLite database: who is told
// of replies, official answers, decisions, extensions, closings and hidden
// comments; followers; preferences; and that a replayed log doubles nothing.
#define BOOST_TEST_MODULE notifier
#include "core/notifier.h"

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <map>
#include <set>

#include "core/account_service.h"
#include "core/comment_service.h"
#include "core/consultation_service.h"
#include "core/crypto.h"
#include "core/decision_service.h"
#include "core/event_log.h"
#include "core/moderation_service.h"
#include "core/notification.h"
#include "core/notification_service.h"
#include "core/notifier_rules.h"
#include "core/test_data_folder.h"

using namespace samrad;
using nlohmann::json;

namespace {
constexpr int64_t kStart = 1798761600;  // 2027-01-01
constexpr int64_t kDay = 24 * 3600;

struct Told {
  std::optional<int64_t> user;
  std::optional<int64_t> subscription;
  std::string kind;
  json data;
  int mailed = 0;
  std::string link;
};

struct Fixture : samrad::testing::DataFolder {
  Fixture() : DataFolder("notifier", kStart) {
    consultations = std::make_shared<ConsultationService>(db, clock);
    comments = std::make_shared<CommentService>(db, clock, 1000);
    decisions = std::make_shared<DecisionService>(db, clock);
    moderation = std::make_shared<ModerationService>(db, clock);
    notifier = std::make_shared<Notifier>(db, clock);
    official = MakeUser("Olga Official", Role::kOfficial);
    moderator = MakeUser("Mona Moderator", Role::kModerator);
    anna = MakeUser("Anna", Role::kResident);
    bertil = MakeUser("Bertil", Role::kResident);
    cecilia = MakeUser("Cecilia", Role::kResident);
    consultation = Open("Ny skatepark i Fisksätra");
    notifier->CatchUp();  // the closings cursor starts now
  }

  User MakeUser(const std::string& name, Role role) {
    User u;
    u.display_name = name;
    u.role = role;
    u.public_name = role != Role::kResident;
    db->Write([&](db::Connection& c) -> Status {
      c.Prepare("INSERT INTO users(email, display_name, role, public_name, created_at) VALUES(?,?,?,?,?)")
          .Bind(1, name + "@example.org").Bind(2, name).Bind(3, RoleName(role)).Bind(4, u.public_name ? 1 : 0)
          .Bind(5, FormatTime(kStart)).Run();
      u.id = c.LastInsertId();
      return Status::Ok();
    });
    return u;
  }
  int64_t Open(const std::string& title) {
    json body = {{"title", title}, {"summary", "Var ska skateparken ligga?"}, {"body", "Kommunen vill veta."},
                 {"language", "sv"}, {"opens_at", FormatTime(kStart - kDay)},
                 {"closes_at", FormatTime(kStart + 10 * kDay)}};
    auto k = consultations->Create(official, body);
    BOOST_REQUIRE(k.ok());
    BOOST_REQUIRE(consultations->Publish(official, k->id).ok());
    return k->id;
  }
  int64_t Comment(const User& who, const std::string& body, std::optional<int64_t> parent = std::nullopt) {
    auto k = comments->Post(who, consultation, {body, parent, std::nullopt});
    BOOST_REQUIRE_MESSAGE(k.ok(), k.status().message());
    return k->id;
  }
  int64_t Decide(const std::vector<int64_t>& answers, const std::string& body_name = "Kultur- och fritidsnämnden") {
    json body = {{"title", "Skatepark vid idrottsplatsen"}, {"body", "Nämnden beslutar att bygga."},
                 {"body_name", body_name}, {"reference", "KFN 2027/1"}, {"decided_at", "2027-01-02"},
                 {"outcome", "approved"}, {"consultation_ids", {consultation}}, {"answers_comment_ids", answers}};
    auto d = decisions->Publish(official, body);
    BOOST_REQUIRE_MESSAGE(d.ok(), d.status().message());
    return d->decision_id;
  }
  int64_t Follow(std::optional<int64_t> user, const std::string& kind, const std::string& target,
                 bool confirmed = true, const std::string& email = "") {
    int64_t id = 0;
    db->Write([&](db::Connection& c) -> Status {
      c.Prepare("INSERT INTO subscriptions(user_id, email, target_kind, target, confirmed_at, created_at) "
                "VALUES(?,?,?,?,?,?)")
          .Bind(1, user).Bind(2, user ? std::optional<std::string>() : std::optional<std::string>(email))
          .Bind(3, kind).Bind(4, target)
          .Bind(5, confirmed ? std::optional<std::string>(FormatTime(kStart)) : std::nullopt)
          .Bind(6, FormatTime(kStart)).Run();
      id = c.LastInsertId();
      return Status::Ok();
    });
    return id;
  }
  std::vector<Told> All() {
    BOOST_REQUIRE(notifier->CatchUp().ok());
    std::vector<Told> out;
    db->Read([&](db::Connection& c) {
      auto& st = c.Prepare("SELECT user_id, subscription_id, kind, data, mailed, link FROM notifications ORDER BY id");
      while (st.Step()) {
        out.push_back({st.OptInt(0), st.OptInt(1), st.Text(2), json::parse(st.Text(3)), static_cast<int>(st.Int(4)),
                       st.Text(5)});
      }
      st.Reset();
      return Status::Ok();
    });
    return out;
  }
  std::vector<Told> Of(const std::vector<Told>& all, const User& u) {
    std::vector<Told> out;
    for (const auto& t : all) {
      if (t.user == u.id) out.push_back(t);
    }
    return out;
  }

  std::shared_ptr<ConsultationService> consultations;
  std::shared_ptr<CommentService> comments;
  std::shared_ptr<DecisionService> decisions;
  std::shared_ptr<ModerationService> moderation;
  std::shared_ptr<Notifier> notifier;
  User official, moderator, anna, bertil, cecilia;
  int64_t consultation = 0;
};
}  // namespace

BOOST_FIXTURE_TEST_CASE(a_reply_tells_the_parent_author_but_a_reply_to_yourself_tells_no_one, Fixture) {
  int64_t mine = Comment(anna, "Skateparken borde ligga nära tunnelbanan.");
  int64_t reply = Comment(bertil, "Håller med, men det behövs belysning.", mine);
  Comment(anna, "Och bänkar för oss som tittar på.", mine);
  auto all = All();
  BOOST_REQUIRE_EQUAL(all.size(), 1u);
  BOOST_TEST(*all[0].user == anna.id);
  BOOST_TEST(all[0].kind == "reply");
  BOOST_TEST(all[0].link == "/comments/" + std::to_string(reply));
  BOOST_TEST(all[0].data["excerpt"] == "Håller med, men det behövs belysning.");
  BOOST_TEST(all[0].data["your_excerpt"] == "Skateparken borde ligga nära tunnelbanan.");
  BOOST_TEST(all[0].data["consultation_title"] == "Ny skatepark i Fisksätra");
  BOOST_TEST(all[0].data["author_kind"] == "pseudonym");
  BOOST_TEST(all[0].data["author"].get<std::string>().starts_with("Invånare "));
  BOOST_TEST(all[0].mailed == 0);
}

BOOST_FIXTURE_TEST_CASE(an_officials_reply_is_an_official_answer_instead_of_a_reply, Fixture) {
  int64_t mine = Comment(anna, "När börjar bygget?");
  Comment(official, "Bygget börjar i maj.", mine);
  auto all = All();
  BOOST_REQUIRE_EQUAL(all.size(), 1u);
  BOOST_TEST(all[0].kind == "official_answer");
  BOOST_TEST(all[0].data["author"] == "Olga Official");
  BOOST_TEST(all[0].data["official"] == true);
}

BOOST_FIXTURE_TEST_CASE(a_decision_tells_the_answered_author_and_every_other_participant_once, Fixture) {
  int64_t a = Comment(anna, "Bygg den vid idrottsplatsen.");
  Comment(bertil, "Bygg den i centrum.");
  Comment(bertil, "Eller vid skolan.");
  int64_t d = Decide({a});
  auto all = All();
  auto to_anna = Of(all, anna), to_bertil = Of(all, bertil);
  BOOST_REQUIRE_EQUAL(to_anna.size(), 1u);
  BOOST_TEST(to_anna[0].kind == "decision_answer");
  BOOST_TEST(to_anna[0].data["answered_comment_id"] == a);
  BOOST_TEST(to_anna[0].data["decision_title"] == "Skatepark vid idrottsplatsen");
  BOOST_TEST(to_anna[0].link == "/decisions/" + std::to_string(d));
  BOOST_REQUIRE_EQUAL(to_bertil.size(), 1u);
  BOOST_TEST(to_bertil[0].kind == "consultation_decision");
  BOOST_TEST(Of(all, official).empty());
}

BOOST_FIXTURE_TEST_CASE(an_amendment_tells_only_the_authors_of_comments_it_adds_to_the_answers, Fixture) {
  int64_t a = Comment(anna, "Bygg den vid idrottsplatsen.");
  int64_t b = Comment(bertil, "Bygg den i centrum.");
  int64_t d = Decide({a});
  size_t before = All().size();
  auto amended = decisions->Amend(official, d, {{"changes", {{"answers_comment_ids", {a, b}}}},
                                                {"reason", "Även Bertils synpunkt besvaras."}});
  BOOST_REQUIRE_MESSAGE(amended.ok(), amended.status().message());
  auto all = All();
  BOOST_REQUIRE_EQUAL(all.size(), before + 1);
  BOOST_TEST(*all.back().user == bertil.id);
  BOOST_TEST(all.back().kind == "decision_answer");
  BOOST_TEST(all.back().data["amended"] == true);
  BOOST_TEST(all.back().data["reason"] == "Även Bertils synpunkt besvaras.");
  BOOST_TEST(all.back().link == "/decisions/" + std::to_string(d) + "/versions/2");
}

BOOST_FIXTURE_TEST_CASE(an_extension_tells_participants_with_the_new_date_and_reason, Fixture) {
  Comment(anna, "Bra idé.");
  Comment(official, "Tack för alla synpunkter.");
  BOOST_REQUIRE(consultations->Extend(official, consultation, FormatTime(kStart + 20 * kDay), "Fler vill tycka till.").ok());
  auto all = All();
  BOOST_REQUIRE_EQUAL(all.size(), 1u);
  BOOST_TEST(*all[0].user == anna.id);
  BOOST_TEST(all[0].kind == "consultation_extended");
  BOOST_TEST(all[0].data["closes_at_to"] == FormatTime(kStart + 20 * kDay));
  BOOST_TEST(all[0].data["reason"] == "Fler vill tycka till.");
}

BOOST_FIXTURE_TEST_CASE(a_closing_is_told_once_when_the_clock_passes_it, Fixture) {
  Comment(anna, "Bra idé.");
  Follow(cecilia.id, "consultation", std::to_string(consultation));
  BOOST_REQUIRE_EQUAL(All().size(), 1u);  // Cecilia follows: the comment
  clock->Set(kStart + 11 * kDay);
  auto all = All();
  BOOST_REQUIRE_EQUAL(all.size(), 3u);
  BOOST_TEST(all[1].kind == "consultation_closed");
  BOOST_TEST(*all[1].user == anna.id);
  BOOST_TEST(all[2].kind == "followed_consultation_update");
  BOOST_TEST(all[2].data["update"] == "closed");
  clock->Set(kStart + 12 * kDay);
  BOOST_TEST(All().size() == 3u);
}

BOOST_FIXTURE_TEST_CASE(a_consultation_a_decision_left_running_is_told_closed_at_its_planned_time, Fixture) {
  Comment(anna, "Bra idé.");
  json body = {{"title", "Skatepark vid idrottsplatsen"}, {"body", "Nämnden beslutar att bygga."},
               {"body_name", "Kultur- och fritidsnämnden"}, {"reference", "KFN 2027/2"}, {"decided_at", "2027-01-02"},
               {"outcome", "approved"}, {"consultation_ids", {consultation}},
               {"open_consultations", {{{"id", consultation}, {"close", "as_planned"}}}}};
  BOOST_REQUIRE(decisions->Publish(official, body).ok());
  auto before = All();
  BOOST_REQUIRE_EQUAL(before.size(), 1u);
  BOOST_TEST(before[0].kind == "consultation_decision");
  clock->Set(kStart + 11 * kDay);
  auto all = All();
  BOOST_REQUIRE_EQUAL(all.size(), 2u);
  BOOST_TEST(all[1].kind == "consultation_closed");
  BOOST_TEST(*all[1].user == anna.id);
}

BOOST_FIXTURE_TEST_CASE(a_consultation_a_decision_closed_early_is_not_told_closed_again, Fixture) {
  Comment(anna, "Bra idé.");
  Decide({});
  BOOST_REQUIRE_EQUAL(All().size(), 1u);
  clock->Set(kStart + 11 * kDay);
  BOOST_TEST(All().size() == 1u);
}

BOOST_FIXTURE_TEST_CASE(a_hidden_comment_tells_its_author_why_and_is_no_longer_quoted_to_others, Fixture) {
  int64_t mine = Comment(anna, "Första!");
  int64_t rude = Comment(bertil, "Köp billiga klockor här", mine);
  BOOST_REQUIRE_EQUAL(All().size(), 1u);
  BOOST_REQUIRE(moderation->Moderate(moderator, rude, "hide", "Reklam (spam).").ok());
  auto all = All();
  BOOST_REQUIRE_EQUAL(all.size(), 2u);
  BOOST_TEST(!all[0].data.contains("excerpt"));
  BOOST_TEST(all[0].data["comment_hidden"] == true);
  BOOST_TEST(all[0].mailed == 2);
  BOOST_TEST(*all[1].user == bertil.id);
  BOOST_TEST(all[1].kind == "comment_hidden");
  BOOST_TEST(all[1].data["reason"] == "Reklam (spam).");
  BOOST_TEST(all[1].data["your_excerpt"] == "Köp billiga klockor här");
  BOOST_TEST(all[1].data["object_link"] == "/moderation");
}

BOOST_FIXTURE_TEST_CASE(a_comment_hidden_before_the_notifier_saw_it_tells_no_one_of_its_text, Fixture) {
  int64_t mine = Comment(anna, "Första!");
  int64_t rude = Comment(bertil, "Köp billiga klockor här", mine);
  BOOST_REQUIRE(moderation->Moderate(moderator, rude, "hide", "Reklam (spam).").ok());
  auto all = All();
  BOOST_REQUIRE_EQUAL(all.size(), 1u);
  BOOST_TEST(all[0].kind == "comment_hidden");
}

BOOST_FIXTURE_TEST_CASE(preferences_switch_a_kind_off_or_keep_it_off_email, Fixture) {
  NotificationService service(db, clock);
  BOOST_REQUIRE(service.SetPrefs(anna, {{"reply", false, true}}).ok());
  BOOST_REQUIRE(service.SetPrefs(bertil, {{"reply", true, false}}).ok());
  BOOST_TEST(!service.SetPrefs(bertil, {{"nonsense", true, true}}).ok());
  int64_t a = Comment(anna, "Ett.");
  int64_t b = Comment(bertil, "Två.");
  Comment(cecilia, "Svar till Anna.", a);
  Comment(cecilia, "Svar till Bertil.", b);
  auto all = All();
  BOOST_REQUIRE_EQUAL(all.size(), 1u);
  BOOST_TEST(*all[0].user == bertil.id);
  BOOST_TEST(all[0].mailed == 2);
}

BOOST_FIXTURE_TEST_CASE(followers_by_account_and_by_confirmed_email_are_told_and_the_actor_is_not, Fixture) {
  Follow(cecilia.id, "consultation", std::to_string(consultation));
  Follow(anna.id, "consultation", std::to_string(consultation));
  int64_t by_mail = Follow(std::nullopt, "consultation", std::to_string(consultation), true, "eva@example.org");
  Follow(std::nullopt, "consultation", std::to_string(consultation), false, "olle@example.org");
  Follow(std::nullopt, "body", "Kultur- och fritidsnämnden", true, "eva@example.org");
  Comment(anna, "Bra idé.");
  auto all = All();
  BOOST_REQUIRE_EQUAL(all.size(), 2u);
  BOOST_TEST(*all[0].user == cecilia.id);
  BOOST_TEST(all[0].kind == "followed_comment");
  BOOST_TEST(!all[1].user.has_value());
  BOOST_TEST(*all[1].subscription == by_mail);
  Decide({});
  all = All();
  // Cecilia and Eva (once, though she follows the consultation and the body); Anna as participant.
  BOOST_REQUIRE_EQUAL(all.size(), 5u);
  BOOST_TEST(all[2].kind == "consultation_decision");
  BOOST_TEST(all[3].kind == "followed_decision");
  BOOST_TEST(all[4].kind == "followed_decision");
  BOOST_TEST(!all[4].user.has_value());
}

BOOST_FIXTURE_TEST_CASE(search_followers_get_new_items_whose_text_holds_every_word, Fixture) {
  Follow(cecilia.id, "search", "skatepark belysning");
  Follow(bertil.id, "search", "simhall");
  Comment(anna, "Skateparken behöver Belysning på kvällen.");
  Comment(anna, "Och en kiosk.");
  auto all = All();
  BOOST_REQUIRE_EQUAL(all.size(), 1u);
  BOOST_TEST(*all[0].user == cecilia.id);
  BOOST_TEST(all[0].kind == "followed_search");
  BOOST_TEST(all[0].data["query"] == "skatepark belysning");
  BOOST_TEST(SearchQueryMatches("Ältasjön", "badplats vid ÄLTASJÖN"));
  BOOST_TEST(!SearchQueryMatches("", "anything"));
}

BOOST_FIXTURE_TEST_CASE(every_follower_of_a_matching_search_is_told_once_with_its_own_subscription, Fixture) {
  constexpr int kFollowers = 300;
  std::map<int64_t, int64_t> subscription_of;  // user -> subscription
  for (int i = 0; i < kFollowers; ++i) {
    User u = MakeUser("Följare " + std::to_string(i), Role::kResident);
    subscription_of[u.id] = Follow(u.id, "search", "skatepark");
  }
  int64_t by_mail = Follow(std::nullopt, "search", "skatepark", true, "eva@example.org");
  Follow(std::nullopt, "search", "skatepark", false, "olle@example.org");  // not confirmed
  // Bertil follows two queries the comment matches: told once.
  Follow(bertil.id, "search", "skatepark");
  Follow(bertil.id, "search", "belysning");
  Follow(cecilia.id, "search", "simhall");
  Follow(anna.id, "search", "skatepark");  // the author is not told of her own comment
  Comment(anna, "Skateparken behöver belysning.");
  auto all = All();
  BOOST_REQUIRE_EQUAL(all.size(), static_cast<size_t>(kFollowers + 2));
  std::set<int64_t> told;
  for (const auto& t : all) {
    BOOST_TEST(t.kind == "followed_search");
    if (!t.user) {
      BOOST_TEST(*t.subscription == by_mail);
      BOOST_TEST(t.data["query"] == "skatepark");
      continue;
    }
    BOOST_TEST(told.insert(*t.user).second);
    if (*t.user == bertil.id) continue;
    BOOST_TEST(*t.subscription == subscription_of.at(*t.user));
    BOOST_TEST(t.data["query"] == "skatepark");
    BOOST_TEST(t.data["comment_id"].is_number_integer());
  }
  BOOST_TEST(told.count(bertil.id) == 1u);
  BOOST_TEST(told.count(anna.id) == 0u);
  BOOST_TEST(told.count(cecilia.id) == 0u);
}

BOOST_FIXTURE_TEST_CASE(dataset_followers_are_told_of_a_new_version, Fixture) {
  Follow(anna.id, "dataset", "badvattenprover");
  db->Write([](db::Connection& c) -> Status {
    EventLog::Append(c, FormatTime(kStart), "dataset.published", "dataset/badvattenprover", "official",
                     {{"name", "badvattenprover"}, {"title", "Badvattenprover"}});
    return Status::Ok();
  });
  auto all = All();
  BOOST_REQUIRE_EQUAL(all.size(), 1u);
  BOOST_TEST(all[0].kind == "followed_dataset");
  BOOST_TEST(all[0].data["dataset_title"] == "Badvattenprover");
}

BOOST_FIXTURE_TEST_CASE(replaying_the_log_from_the_start_doubles_nothing, Fixture) {
  int64_t a = Comment(anna, "Ett.");
  Comment(bertil, "Svar.", a);
  Decide({a});
  size_t once = All().size();
  db->Write([](db::Connection& c) -> Status {
    c.Exec("UPDATE log_cursors SET seq = 0 WHERE name = 'notifier'");
    return Status::Ok();
  });
  BOOST_TEST(All().size() == once);
}

BOOST_FIXTURE_TEST_CASE(the_once_per_person_check_reads_an_index, Fixture) {
  std::string plan;
  db->Read([&](db::Connection& c) {
    auto& st = c.Prepare("EXPLAIN QUERY PLAN SELECT 1 FROM notifications n WHERE n.event_seq = 5 AND n.user_id = 7");
    while (st.Step()) plan += st.Text(3) + "\n";
    st.Reset();
    return Status::Ok();
  });
  BOOST_TEST(plan.find("notifications_event") != std::string::npos, plan);
}

BOOST_FIXTURE_TEST_CASE(the_read_list_is_newest_first_and_marks_read_one_or_all, Fixture) {
  NotificationService service(db, clock);
  int64_t a = Comment(anna, "Ett.");
  for (int i = 0; i < 3; ++i) Comment(bertil, "Svar " + std::to_string(i), a);
  All();
  auto page = service.List(anna, Page{2, std::nullopt});
  BOOST_REQUIRE(page.ok());
  BOOST_REQUIRE_EQUAL(page->items.size(), 2u);
  BOOST_TEST(page->items[0].id > page->items[1].id);
  BOOST_TEST(page->unread == 3);
  BOOST_REQUIRE(page->next_cursor.has_value());
  BOOST_TEST(service.MarkRead(anna, std::vector<int64_t>{page->items[0].id}).value() == 1);
  BOOST_TEST(service.MarkRead(bertil, std::vector<int64_t>{page->items[1].id}).value() == 0);
  BOOST_TEST(service.UnreadCount(anna) == 2);
  BOOST_TEST(service.MarkRead(anna, std::nullopt).value() == 2);
  BOOST_TEST(service.UnreadCount(anna) == 0);
  BOOST_TEST(!service.List(std::nullopt, Page{}).ok());
}

BOOST_AUTO_TEST_CASE(excerpts_are_one_line_of_at_most_200_characters_cut_at_a_word) {
  BOOST_TEST(notify::Excerpt("  Hej\n\nhopp  ") == "Hej hopp");
  std::string long_text;
  for (int i = 0; i < 60; ++i) long_text += "åäö ";
  std::string e = notify::Excerpt(long_text);
  size_t points = 0;
  for (unsigned char ch : e) points += (ch & 0xC0) != 0x80;
  BOOST_TEST(points <= notify::kExcerptChars);
  BOOST_TEST(e.ends_with("åäö\u2026"));
}

BOOST_FIXTURE_TEST_CASE(an_erased_account_keeps_nothing_it_was_told, Fixture) {
  int64_t a = Comment(anna, "Ett.");
  Comment(bertil, "Svar.", a);
  BOOST_REQUIRE_EQUAL(All().size(), 1u);
  AccountService accounts(db, clock);
  BOOST_REQUIRE(accounts.DeleteAccount(anna).ok());
  Comment(cecilia, "Svar till ett raderat konto.", a);
  BOOST_TEST(All().empty());
}
