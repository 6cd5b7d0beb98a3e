// libFuzzer target: the search query wrapper must answer any text the API
// lets through (valid UTF-8, at most 500 characters) without an exception.
#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "search/query_builder.h"
#include "search/search_request.h"

namespace {
Xapian::WritableDatabase& Corpus() {
  static Xapian::WritableDatabase db = [] {
    // A real (glass) index: the in-memory backend has no spelling table.
    char dir[] = "/tmp/samrad-fuzz-index-XXXXXX";
    if (!mkdtemp(dir)) __builtin_trap();
    Xapian::WritableDatabase d(dir, Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::TermGenerator g;
    g.set_stemmer(Xapian::Stem("swedish"));
    g.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL_Z);  // as the live index
    g.set_database(d);
    g.set_flags(Xapian::TermGenerator::FLAG_SPELLING);
    for (const char* text : {"Nya cykelbanor längs Värmdövägen", "Budget 2027 prioriteringar",
                             "Playgrounds for everyone", "Belysning i Nyckelviken"}) {
      Xapian::Document doc;
      g.set_document(doc);
      g.index_text(text);
      g.index_text(text, 1, "S");
      d.add_document(doc);
    }
    d.commit();
    return d;
  }();
  return db;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string q(reinterpret_cast<const char*>(data), size);
  if (q.empty() || q.size() > 500 || !samrad::search::IsValidUtf8(q)) return 0;
  auto& db = Corpus();
  auto langs = samrad::search::QueryLanguages(q, std::nullopt);
  auto parsed = samrad::search::BuildQuery(q, langs, db);
  Xapian::Enquire enquire(db);
  enquire.set_query(parsed.query);
  enquire.get_mset(0, 10);
  samrad::search::CorrectedQuery(q, db);
  return 0;
}
