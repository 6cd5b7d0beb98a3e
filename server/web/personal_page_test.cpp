// PersonalPage: each reader gets their own token, count and forms of the
// regions, and pages whose marks do not add up are refused.
#define BOOST_TEST_MODULE personal_page
#include <boost/test/unit_test.hpp>

#include "server/web/personal_page.h"

using namespace samrad::server;
using M = PersonalMarks;

namespace {
std::string Region(size_t slot, const std::string& text) { return M::Begin(slot) + text + M::End(); }

// A page with an unread badge (slot 0), one comment by user 7 (slot 1) and
// a follow form (slot 2); forms of the comment and follow regions.
PersonalPage Sample() {
  std::string html = "<a>Notiser" + Region(0, "<b>" + M::Unread() + "</b>") + "</a>" + "<form t=\"" + M::Token() +
                     "\">" + Region(1, "<li>plain " + M::Token() + "</li>") + "<ol>replies</ol>" +
                     Region(2, "<form>follow</form>");
  std::string variants = Region(1, "<li>plain " + M::Token() + "</li>") + "after" + Region(1, "<li>supported</li>") +
                         Region(1, "<li>opposed</li>") + Region(1, "<li>yours " + M::Token() + "</li>") +
                         Region(2, "<form>follow</form>") + Region(2, "<p>following</p>");
  auto page = PersonalPage::Make(
      html, {{SlotKind::kUnread}, {SlotKind::kComment, 41, 7}, {SlotKind::kFollow}}, variants);
  BOOST_REQUIRE(page);
  return *page;
}
}  // namespace

BOOST_AUTO_TEST_CASE(each_reader_gets_their_token_count_and_forms) {
  PersonalPage page = Sample();
  PersonalParts anna{7, "tokA", 3, {}, true};
  BOOST_TEST(page.Fill(anna) ==
             "<a>Notiser<b>3</b></a><form t=\"tokA\"><li>yours tokA</li><ol>replies</ol><p>following</p>");
  PersonalParts bo{8, "tokB", 0, {{41, "oppose"}}, false};
  BOOST_TEST(page.Fill(bo) == "<a>Notiser</a><form t=\"tokB\"><li>opposed</li><ol>replies</ol><form>follow</form>");
  PersonalParts cia{9, "tokC", 0, {{41, "support"}, {99, "oppose"}}, false};
  BOOST_TEST(page.Fill(cia).find("<li>supported</li>") != std::string::npos);
  PersonalParts dan{10, "tokD", 0, {}, false};
  BOOST_TEST(page.Fill(dan).find("<li>plain tokD</li>") != std::string::npos);
  BOOST_TEST(page.CommentIds() == std::vector<int64_t>{41});
  BOOST_TEST(page.HasFollow());
}

BOOST_AUTO_TEST_CASE(a_region_without_forms_is_its_only_form) {
  auto page = PersonalPage::Make("a" + Region(0, "x") + "b", {{SlotKind::kComment, 1, 2}}, "");
  BOOST_REQUIRE(page);
  BOOST_TEST(page->Fill({2, "t", 0, {}, false}) == "axb");
  BOOST_TEST(page->Fill({3, "t", 0, {{1, "support"}}, false}) == "axb");
}

BOOST_AUTO_TEST_CASE(pages_whose_marks_do_not_add_up_are_refused) {
  std::vector<SlotInfo> one = {{SlotKind::kComment, 1, 2}};
  BOOST_TEST(!PersonalPage::Make("no region", one, "").has_value());  // a slot missing
  BOOST_TEST(!PersonalPage::Make(Region(0, "a") + Region(0, "a"), one, "").has_value());  // twice
  BOOST_TEST(!PersonalPage::Make(M::Begin(0) + Region(0, "a") + M::End(), one, "").has_value());  // nested
  BOOST_TEST(!PersonalPage::Make(M::Begin(0) + "open", one, "").has_value());  // not closed
  BOOST_TEST(!PersonalPage::Make(Region(1, "a"), one, "").has_value());  // no such slot
  BOOST_TEST(!PersonalPage::Make(Region(0, "a") + "\x01T\x02", one, "").has_value());  // a stray mark
  BOOST_TEST(!PersonalPage::Make(Region(0, "a") + "\x01", one, "").has_value());  // The first form must be the region as the page has it.
  BOOST_TEST(!PersonalPage::Make(Region(0, "a"), one, Region(0, "b") + Region(0, "c")).has_value());
  BOOST_TEST(PersonalPage::Make(Region(0, "a"), one, Region(0, "a") + Region(0, "c")).has_value());
}

BOOST_AUTO_TEST_CASE(marks_are_unlike_anything_typed) {
  BOOST_TEST(M::Token() != M::Unread());
  BOOST_TEST(M::Token().front() == '\x01');
  BOOST_TEST(M::Token().size() > 16);  // a random part no reader sees
  BOOST_TEST(M::Token().find_first_of("<>&\"'") == std::string::npos);
}
