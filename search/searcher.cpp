// Searcher: readers, filters, facets, snippets.
#include "search/searcher.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <memory>
#include <unordered_map>

#include "search/consultation_state.h"
#include "search/facet_spy.h"
#include "search/index_folder.h"
#include "search/index_schema.h"
#include "search/newest_page.h"
#include "search/query_builder.h"
#include "search/snippet_stem.h"
#include "search/word_beginnings.h"

namespace samrad::search {

namespace {
Xapian::Query ValueGe(Xapian::valueno slot, int64_t t) {
  return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, Xapian::sortable_serialise(static_cast<double>(t)));
}
Xapian::Query ValueLe(Xapian::valueno slot, int64_t t) {
  return Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, Xapian::sortable_serialise(static_cast<double>(t)));
}
Xapian::Query And(const Xapian::Query& a, const Xapian::Query& b) {
  return Xapian::Query(Xapian::Query::OP_AND, a, b);
}

Xapian::Query AnyOf(const std::vector<std::string>& values, const std::string& prefix, bool fold = false) {
  std::vector<Xapian::Query> terms;
  for (const auto& v : values) terms.emplace_back(prefix + (fold ? FoldValue(v) : v));
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

// Totals and facet counts are exact while the matches are at most this
// many; beyond it the matcher may stop looking, and facets are counted over
// a sample (see kSampleTarget) and scaled up.
constexpr Xapian::doccount kExactFacetBound = 1000;

// BM25 without document-length normalisation (b = 0). With it, Xapian 1.4
// looks up the length of every matching document in a list it decodes from
// the start of each block, which at a million documents is most of a
// search's time (p50 5.7 ms against 1.4 ms in-process). Term frequencies
// still saturate (k1), titles count extra (their words are indexed with a
// higher wdf), and the items here are short, so little ranking is lost.
Xapian::BM25Weight RankingWeight() { return Xapian::BM25Weight(1.0, 0.0, 1.0, 0.0, 0.5); }

// Above the bound, facets are counted over a sample of 75 to 150 matches: a
// sampled document costs one scattered B-tree read of its facet value and
// the sample a second pass of the matcher, so at a million items samples of
// 500-1,000 made searches half as long again (p50 8.1 ms against 4.8 ms)
// and 125-250 still took p95 over 10 ms; this many give each share within
// about 4 percentage points (one standard error).
constexpr Xapian::doccount kSampleTarget = 150;
// The facet pass counts at most this many documents (room for a total
// estimated too low).
constexpr Xapian::doccount kMaxFacetCounted = 2 * kExactFacetBound;

// The least sample level that keeps about total / 2^level within the target.
unsigned SampleLevel(Xapian::doccount total) {
  unsigned level = 1;
  while (level < kSampleLevels && (total >> level) > kSampleTarget) ++level;
  return level;
}

using FacetCounts = std::map<std::string, std::map<std::string, int64_t>>;

// The facets of every match, from their docids (read in docid order).
FacetCounts CountAll(const Xapian::Database& db, const std::vector<Xapian::docid>& docids, int64_t now) {
  FacetSpy spy(now, static_cast<int64_t>(docids.size()));
  for (Xapian::docid did : docids) spy(db.get_document(did, Xapian::DOC_ASSUME_VALID), 0);
  return spy.counts();
}

// The facets of query's matches over an even sample of them (those carrying
// the sample level's term), scaled up so they add up to about total. The
// first matches would be the oldest, or after a bulk build the first kind
// built.
FacetCounts CountSample(const Xapian::Database& db, const Xapian::Query& query, unsigned level,
                        int64_t now, Xapian::doccount total) {
  Xapian::Enquire sample(db);
  sample.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query,
                                 Xapian::Query(kPrefixSample + std::to_string(level))));
  sample.set_weighting_scheme(Xapian::BoolWeight());
  FacetSpy spy(now, kMaxFacetCounted);
  sample.add_matchspy(&spy);
  sample.get_mset(0, 0, kMaxFacetCounted);
  FacetCounts counts = spy.counts();
  if (spy.counted() == 0) return counts;
  double factor = static_cast<double>(total) / static_cast<double>(spy.counted());
  for (auto& [facet, values] : counts) {
    for (auto& [value, n] : values) n = std::max<int64_t>(1, std::llround(static_cast<double>(n) * factor));
  }
  return counts;
}

// Notes the docids of the first `limit` matches the matcher shows it (cheap:
// no document is read), and counts all it was shown.
class DocidSpy : public Xapian::MatchSpy {
 public:
  explicit DocidSpy(Xapian::doccount limit) : limit_(limit) {}
  void operator()(const Xapian::Document& doc, double) override {
    if (++seen_ <= limit_) docids_.push_back(doc.get_docid());
  }
  Xapian::doccount seen() const { return seen_; }
  const std::vector<Xapian::docid>& docids() const { return docids_; }

 private:
  Xapian::doccount limit_;
  Xapian::doccount seen_ = 0;
  std::vector<Xapian::docid> docids_;
};

// Appends the hits of mset to out, with their snippets.
void AppendHits(const Xapian::MSet& mset, const Xapian::Query& query, SearchResult& out) {
  std::optional<Xapian::Stem> swedish;  // made when a Swedish hit needs it
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    StoredFields f = ReadStored(it.get_document());
    SearchHit h{f.type, f.id, f.title, "", f.url, f.date};
    if (f.language != "en" && !swedish) swedish.emplace(new SnippetStem(QueryStems(query)));
    // Without the background model: it looks up the frequency of every word
    // of the text in the index, which costs more than the rest of the search.
    h.snippet = mset.snippet(f.text, 240, f.language == "en" ? StemmerFor("en") : *swedish, 0, "<mark>",
                             "</mark>", "…");
    out.hits.push_back(std::move(h));
  }
}

// Runs query under r's filters, for r's page, into out: total, facets, hits.
// With buckets (an index whose documents carry their date buckets), the
// newest-first order of many matches is read bucket by bucket.
// With checked short wildcards (parsed), a match in order of relevance runs
// their lead query and checks them in a decider, for the matches that can
// still reach the page only.
void Match(const Xapian::Database& db, Xapian::Query query, const SearchRequest& r, int64_t now, bool buckets,
           SearchResult& out, const ParsedQuery* parsed = nullptr) {
  std::vector<Xapian::Query> filters;
  if (!r.types.empty()) filters.push_back(AnyOf(r.types, kPrefixType));
  if (!r.areas.empty()) filters.push_back(AnyOf(r.areas, kPrefixArea, true));
  if (!r.states.empty()) {
    std::vector<Xapian::Query> states;
    for (const auto& s : r.states) states.push_back(StateQuery(s, now));
    filters.emplace_back(Xapian::Query::OP_OR, states.begin(), states.end());
  }
  // Outcomes are fixed states of decisions.
  if (!r.outcomes.empty()) {
    filters.push_back(And(AnyOf(r.outcomes, kPrefixState), Xapian::Query(std::string(kPrefixType) + "decision")));
  }
  if (r.from) filters.push_back(ValueGe(kSlotDate, *r.from));
  if (r.to) filters.push_back(ValueLe(kSlotDate, *r.to));
  for (const auto& f : filters) query = Xapian::Query(Xapian::Query::OP_FILTER, query, f);
  bool newest = r.sort == "newest";
  std::unique_ptr<Xapian::MatchDecider> decider;
  Xapian::Query lead = query;
  if (parsed && !parsed->checked_beginnings.empty() && !newest) {
    decider = BeginningsCheck(db, parsed->checked_beginnings);
    lead = parsed->lead;
    for (const auto& f : filters) lead = Xapian::Query(Xapian::Query::OP_FILTER, lead, f);
  }

  Xapian::Enquire enquire(db);
  enquire.set_query(lead);
  enquire.set_weighting_scheme(RankingWeight());
  // Sorting by date reads the date of every match. With buckets, the
  // matches are first only counted, unsorted: if there are many, the page
  // is read from the newest buckets instead.
  bool by_buckets = newest && buckets;
  if (newest && !by_buckets) enquire.set_sort_by_value_then_relevance(kSlotDate, true);
  DocidSpy first(kExactFacetBound);
  enquire.add_matchspy(&first);
  auto offset = static_cast<Xapian::doccount>(r.offset), limit = static_cast<Xapian::doccount>(r.limit);
  // Up to the bound the matcher looks at every match, which makes the total
  // exact; above it the total is an estimate. It looks at one more, so that
  // exactly the bound's number of matches is known to be all.
  Xapian::MSet mset = enquire.get_mset(by_buckets ? 0 : offset, by_buckets ? 0 : limit, kExactFacetBound + 1,
                                       nullptr, decider.get());
  out.total = mset.get_matches_estimated();
  out.facets_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound() &&
                     first.seen() == mset.get_matches_lower_bound() && first.seen() <= kExactFacetBound;
  FacetCounts facets = out.facets_exact ? CountAll(db, first.docids(), now)
                                        : CountSample(db, query, SampleLevel(out.total), now, out.total);
  for (const char* name : {"type", "year", "area", "state", "outcome"}) out.facets[name] = {};
  for (auto& [name, counts] : facets) out.facets[name] = std::move(counts);
  if (!by_buckets) {
    AppendHits(mset, query, out);
    return;
  }
  if (mset.get_matches_upper_bound() <= kSortDirectlyAtMost) {
    // Few matches: sorting them all reads few dates.
    Xapian::Enquire sorted(db);
    sorted.set_query(query);
    sorted.set_weighting_scheme(RankingWeight());
    sorted.set_sort_by_value_then_relevance(kSlotDate, true);
    AppendHits(sorted.get_mset(offset, limit), query, out);
    return;
  }
  NewestPage(db, query, RankingWeight(), offset, limit,
             [&](const Xapian::MSet& page) { AppendHits(page, query, out); });
}

}  // namespace

struct Searcher::Reader {
  std::unique_ptr<Xapian::Database> db;
  uint64_t identity = 0;
  // The index is of this build's format (kFormat): its documents carry word
  // beginnings and date buckets. An older index is searched without them
  // while it is rebuilt.
  bool current = false;
};

Searcher::Searcher(std::string data_dir, std::shared_ptr<Clock> clock)
    : dir_(LiveIndexDir(data_dir)), clock_(std::move(clock)) {
  static std::atomic<uint64_t> next{1};
  id_ = next++;
}

Searcher::Reader* Searcher::Open(bool fresh) const {
  thread_local std::unordered_map<uint64_t, Reader> readers;
  Reader& r = readers[id_];
  uint64_t identity = FolderIdentity(dir_);
  if (identity == 0) {
    r.db.reset();
    return nullptr;
  }
  if (!r.db || r.identity != identity || fresh) {
    // First use on this thread, or a rebuilt index was swapped in.
    r.db = std::make_unique<Xapian::Database>(dir_);
    r.identity = identity;
    r.current = r.db->get_metadata(kMetaFormat) == kFormat;
  } else {
    r.db->reopen();  // cheap when nothing was committed since
  }
  expansion_->PrepareAhead(dir_, identity, r.db->get_doccount());
  return &r;
}

std::optional<int64_t> Searcher::IndexedSeq() const {
  try {
    Reader* r = Open(false);
    if (!r) return std::nullopt;
    std::string seq = r->db->get_metadata(kMetaLastSeq);
    return seq.empty() ? 0 : std::stoll(seq);
  } catch (const Xapian::Error&) {
    return std::nullopt;
  }
}

Result<SearchResult> Searcher::Search(const SearchRequest& r) const {
  bool fresh = false;
  for (int attempt = 0;; ++attempt) {
    try {
      Reader* reader = Open(fresh);
      if (!reader) return Status(Code::kUnavailable, "the search index is not built yet");
      return Run(*reader, r);
    } catch (const Xapian::DatabaseModifiedError& e) {
      // The writer moved on past this reader's revision: reopen and retry.
      if (attempt >= 2) return Status(Code::kUnavailable, "search index busy: " + e.get_description());
    } catch (const Xapian::Error& e) {
      // A swap can remove files under an open reader: start afresh once.
      fresh = true;
      if (attempt >= 1) return Status(Code::kInternal, "search index: " + e.get_description());
    }
  }
}

ParsedQuery Searcher::Parse(const Reader& reader, const std::string& q,
                           const std::vector<std::string>& languages) const {
  return BuildQuery(q, languages, *reader.db, expansion_.get(), reader.identity, reader.current);
}

SearchResult Searcher::Run(Reader& reader, const SearchRequest& r) const {
  Xapian::Database& db = *reader.db;
  int64_t now = clock_->Now();
  bool browse = r.q.find_first_not_of(" \t\r\n") == std::string::npos;
  SearchResult out;
  if (browse) {
    // Query::MatchAll is a shared static whose reference count is not atomic:
    // copying it from several threads at once corrupts it. An empty term is
    // the same match-all query, made anew for this request.
    Match(db, Xapian::Query(std::string()), r, now, reader.current, out);
    return out;
  }
  std::vector<std::string> languages = QueryLanguages(r.q, r.lang);
  ParsedQuery parsed = Parse(reader, r.q, languages);
  Match(db, parsed.query, r, now, reader.current, out, &parsed);
  out.wildcard_limited = parsed.wildcard_limited;
  if (out.total > 0) return out;
  // Function words are not indexed: say so rather than suggest a spelling.
  out.stop_words_only = OnlyStopWords(r.q, languages);
  if (out.stop_words_only) return out;
  // "Did you mean" only when the query as typed finds nothing, and one of
  // its words is not in the index.
  if (EveryWordIndexed(r.q, languages, db)) return out;
  std::string corrected = CorrectedQuery(r.q, db);
  if (corrected.empty()) return out;
  out.suggestion = corrected;
  if (!r.follow_suggestion) return out;
  SearchResult followed;
  Match(db, Parse(reader, corrected, QueryLanguages(corrected, r.lang)).query, r, now, reader.current, followed);
  if (followed.total == 0) return out;
  followed.suggestion = corrected;
  followed.suggestion_followed = true;
  return followed;
}

}  // namespace samrad::search
