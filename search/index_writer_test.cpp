// Unit tests of the index writer's batches: events of one subject resolved by
// different sources, with a real SQLite database and a real Xapian index.
#define BOOST_TEST_MODULE index_writer
#include "search/index_writer.h"

#include <boost/test/unit_test.hpp>

#include "core/comment_service.h"
#include "search/comment_source.h"
#include "search/search_test_fixture.h"

using namespace samrad;
using namespace samrad::search;
using samrad::search::test::Fixture;
using samrad::search::test::kNow;

namespace {
struct CommentFixture : Fixture {
  CommentFixture() {
    comments = std::make_shared<CommentService>(db, clock, 1000);
    RegisterCommentSource(index->sources(), comments, consultations);
  }
  std::shared_ptr<CommentService> comments;
};
}  // namespace

// A reaction is logged on the comment's subject ("comment/7") but no source
// indexes reactions: as the last event of that subject in a batch it once
// stood in for the comment's own event, and the comment never reached the
// index (demo data reacts right after posting).
BOOST_FIXTURE_TEST_CASE(a_reaction_in_the_same_batch_does_not_hide_the_comment, CommentFixture) {
  int64_t c = Consultation("Cykelbana längs Värmdövägen", "Förslag om cykelbana", "sv");
  clock->Set(kNow + 15 * 86400);  // the consultation is open
  auto k = comments->Post(official, c, {"Korsningen är livsfarlig i mörker", std::nullopt, std::nullopt});
  BOOST_REQUIRE(k.ok());
  BOOST_REQUIRE(comments->React(official, k->id, std::string("support")).ok());
  CatchUp();  // one batch holds the post and the reaction
  auto found = Find({{"q", "livsfarlig"}});
  BOOST_TEST(found.total == 1);
  BOOST_REQUIRE(found.hits.size() == 1u);
  BOOST_TEST(found.hits[0].url == "/consultations/" + std::to_string(c) + "#comment-" + std::to_string(k->id));
}

BOOST_AUTO_TEST_CASE(only_kinds_a_source_resolves_have_one) {
  SourceRegistry r;
  r.Register("comment.", [](const Event&) -> Result<std::vector<IndexAction>> { return std::vector<IndexAction>{}; });
  BOOST_TEST(r.SourceFor("comment.posted").value() == "comment.");
  BOOST_TEST(!r.SourceFor("reaction.set").has_value());
}
