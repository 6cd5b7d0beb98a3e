// Unit tests of the bulk build: the index it merges from its shards holds
// what an index written document by document holds.
#define BOOST_TEST_MODULE bulk_build
#include "search/bulk_build.h"

#include <xapian.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <map>

#include "core/crypto.h"
#include "search/index_schema.h"

using namespace samrad;
using namespace samrad::search;

namespace {
// More documents than one shard takes, so that both workers write several.
constexpr int64_t kDocuments = 4500;

IndexDocument Doc(int64_t id) {
  static const char* kWords[] = {"cykelbana", "skolgård", "bostadsområde", "kommun",
                                 "park",      "trafik",   "bibliotek",     "förskola"};
  IndexDocument d;
  d.type = "consultation";
  d.id = id;
  d.language = id % 7 == 0 ? "en" : "sv";
  d.title = std::string(kWords[id % 8]) + " och " + kWords[(id / 8) % 8] + " " + std::to_string(id % 50);
  d.title_indexed = id % 5 != 0;
  d.texts = {"Om **" + std::string(kWords[(id / 3) % 8]) + "** i stadsdelen", ""};
  d.url = "/consultations/" + std::to_string(id);
  d.date = 1700000000 + id * 997;
  d.state = "closed";
  return d;
}

// A document's terms (with wdf and positions) and values, comparable.
std::string Contents(const Xapian::Document& doc) {
  std::string out;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    out += *t + ":" + std::to_string(t.get_wdf()) + ":";
    for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) out += std::to_string(*p) + ",";
    out += "\n";
  }
  for (auto v = doc.values_begin(); v != doc.values_end(); ++v) out += std::to_string(v.get_valueno()) + "=" + *v + "\n";
  return out;
}

struct Index {
  std::map<std::string, std::string> documents;  // by key term
  std::map<std::string, Xapian::doccount> spelling;
};

Index Read(const std::string& dir) {
  Xapian::Database db(dir);
  Index out;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    Xapian::Document doc = db.get_document(*it);
    auto key = doc.termlist_begin();
    key.skip_to(kPrefixKey);
    out.documents[*key] = Contents(doc);
  }
  for (auto w = db.spellings_begin(); w != db.spellings_end(); ++w) out.spelling[*w] = w.get_termfreq();
  return out;
}

struct Folder {
  Folder() : dir(std::filesystem::temp_directory_path() / ("samrad-bulk-" + crypto::RandomToken(6))) {
    std::filesystem::create_directories(dir);
  }
  ~Folder() { std::filesystem::remove_all(dir); }
  std::filesystem::path dir;
};
}  // namespace

BOOST_AUTO_TEST_CASE(a_bulk_build_holds_the_documents_and_spelling_of_one_written_document_by_document) {
  Folder f;
  std::string one_by_one = (f.dir / "one").string();
  {
    Xapian::WritableDatabase db(one_by_one, Xapian::DB_CREATE);
    Xapian::TermGenerator tg;
    for (int64_t id = 1; id <= kDocuments; ++id) {
      IndexDocument d = Doc(id);
      db.add_document(BuildDocument(d, tg));
      AddSpelling(db, SpellingWords(d));
    }
    db.commit();
  }
  BulkSource source = [](int64_t after, int limit) -> Result<std::vector<IndexDocument>> {
    std::vector<IndexDocument> page;
    for (int64_t id = after + 1; id <= kDocuments && static_cast<int>(page.size()) < limit; ++id) {
      page.push_back(Doc(id));
    }
    return page;
  };
  std::string bulk = (f.dir / "bulk").string();
  int64_t reported = 0;
  auto built = BuildFromBulk(bulk, {source}, 42, [&](int64_t documents, int64_t) { reported = documents; });
  BOOST_REQUIRE(built.ok());
  BOOST_TEST(built.value() == kDocuments);
  BOOST_TEST(reported == kDocuments);

  Index expected = Read(one_by_one), got = Read(bulk);
  BOOST_TEST(got.documents.size() == expected.documents.size());
  BOOST_TEST((got.documents == expected.documents));
  BOOST_TEST(!expected.spelling.empty());
  BOOST_TEST((got.spelling == expected.spelling));
  Xapian::Database db(bulk);
  BOOST_TEST(db.get_metadata(kMetaLastSeq) == "42");
  BOOST_TEST(db.get_metadata(kMetaFormat) == kFormat);
  // Only the merged index is left in the folder.
  for (const auto& e : std::filesystem::directory_iterator(f.dir)) {
    BOOST_TEST(e.path().filename().string().find(".part") == std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(a_bulk_build_of_nothing_is_an_empty_index) {
  Folder f;
  BulkSource none = [](int64_t, int) -> Result<std::vector<IndexDocument>> { return std::vector<IndexDocument>{}; };
  std::string dir = (f.dir / "empty").string();
  auto built = BuildFromBulk(dir, {none}, 7, [](int64_t, int64_t) {});
  BOOST_REQUIRE(built.ok());
  BOOST_TEST(built.value() == 0);
  Xapian::Database db(dir);
  BOOST_TEST(db.get_doccount() == 0u);
  BOOST_TEST(db.get_metadata(kMetaLastSeq) == "7");
}
