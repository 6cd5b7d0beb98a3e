// The search tests' fixture: a real SQLite database and a real Xapian index
// in a temporary folder, an official, and the consultation source.
#pragma once

#include <xapian.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "core/account_service.h"
#include "core/clock.h"
#include "core/consultation_service.h"
#include "core/crypto.h"
#include "core/test_data_folder.h"
#include "search/consultation_source.h"
#include "search/index_folder.h"
#include "search/index_schema.h"
#include "search/index_writer.h"
#include "search/search_index.h"
#include "search/search_request.h"

namespace samrad::search::test {

using nlohmann::json;

constexpr int64_t kNow = 1798761600;  // 2027-01-01

struct Fixture : samrad::testing::DataFolder {
  Fixture() : DataFolder("search", kNow) {
    AccountService accounts(db, clock);
    official =
        accounts.Register({"o@example.se", "secret-password", "O", Role::kOfficial, true}, "admin")
            .value();
    consultations = std::make_shared<ConsultationService>(db, clock);
    index = std::make_shared<SearchIndex>(dir.string(), db, clock);
    RegisterConsultationSource(index->sources(), consultations);
  }

  int64_t Consultation(const std::string& title, const std::string& body, const std::string& lang,
                       bool publish = true, const std::string& area = "Sickla") {
    json b = {{"title", title},
              {"summary", "Sammanfattning"},
              {"body", body},
              {"language", lang},
              {"area", area},
              {"opens_at", "2027-01-10"},
              {"closes_at", "2027-02-10"}};
    auto c = consultations->Create(official, b);
    BOOST_REQUIRE(c.ok());
    if (publish) BOOST_REQUIRE(consultations->Publish(official, c->id).ok());
    return c->id;
  }

  // Applies everything logged so far to the live index, as the writer does.
  void CatchUp() {
    auto w = IndexWriter::Open(LiveIndexDir(dir.string()), &index->sources());
    BOOST_REQUIRE(w.ok());
    while (w.value()->ApplyNext(*db, 100).value() > 0) {
    }
  }

  // Writes n documents, make(i) for i = 1..n, straight into the live index:
  // thousands of writes through the services would be slow.
  void IndexStraight(int n, const std::function<IndexDocument(int)>& make) {
    try {
      Xapian::WritableDatabase w(LiveIndexDir(dir.string()), Xapian::DB_CREATE_OR_OPEN);
      Xapian::TermGenerator tg;
      for (int i = 1; i <= n; ++i) w.add_document(BuildDocument(make(i), tg));
      // As IndexWriter::Open marks a new index.
      if (w.get_metadata(kMetaFormat).empty()) w.set_metadata(kMetaFormat, kFormat);
      w.commit();
    } catch (const Xapian::Error& e) {
      BOOST_FAIL(e.get_description());
    }
  }

  SearchResult Find(std::map<std::string, std::string> params) {
    auto r = ParseSearchRequest(params);
    BOOST_REQUIRE(r.ok());
    auto res = index->Search(r.value());
    BOOST_REQUIRE_MESSAGE(res.ok(), res.status().message());
    return res.value();
  }

  User official;
  std::shared_ptr<ConsultationService> consultations;
  std::shared_ptr<SearchIndex> index;
};

}  // namespace samrad::search::test
