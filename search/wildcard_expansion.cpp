// WildcardExpansion: the few terms read afresh, the most frequent remembered
// (chosen per pattern on demand, or for all short patterns in one walk).
#include "search/wildcard_expansion.h"

#include <algorithm>
#include <map>
#include <utility>

#include "core/thread_name.h"
#include "search/index_schema.h"
#include "search/text_words.h"

namespace samrad::search {

namespace {
// Kept choices at most (patterns are short, so few): beyond this the
// remembered choices start over.
constexpr size_t kMaxRemembered = 4096;

// True when the counts differ by more than a sixteenth of the larger.
bool MovedMuch(Xapian::doccount then, Xapian::doccount now) {
  Xapian::doccount larger = std::max(then, now), diff = then > now ? then - now : now - then;
  return diff > larger / 16;
}

using Counted = std::pair<Xapian::doccount, std::string>;

// The order of choice: more frequent first, ties alphabetically.
bool Before(const Counted& a, const Counted& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; }

// The terms of counted in the order of choice.
std::vector<std::string> InOrder(std::vector<Counted> counted) {
  std::sort(counted.begin(), counted.end(), Before);
  std::vector<std::string> out;
  out.reserve(counted.size());
  for (auto& c : counted) out.push_back(std::move(c.second));
  return out;
}

// The kMaxWildcardExpansion most frequent terms with pattern, most frequent
// first (ties alphabetically).
std::vector<std::string> MostFrequent(const Xapian::Database& db, const std::string& pattern) {
  std::vector<Counted> all;
  for (auto it = db.allterms_begin(pattern); it != db.allterms_end(pattern); ++it) {
    all.emplace_back(it.get_termfreq(), *it);
  }
  size_t keep = std::min<size_t>(all.size(), kMaxWildcardExpansion);
  std::partial_sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(keep), all.end(), Before);
  all.resize(keep);
  return InOrder(std::move(all));
}

// The most frequent terms of one pattern, met one at a time: a heap whose
// top is the one to drop next.
struct Best {
  size_t seen = 0;
  std::vector<Counted> heap;
  void Offer(Xapian::doccount freq, const std::string& term) {
    ++seen;
    if (heap.size() < kMaxWildcardExpansion) {
      heap.emplace_back(freq, term);
      std::push_heap(heap.begin(), heap.end(), Before);
    } else if (Before({freq, term}, heap.front())) {
      std::pop_heap(heap.begin(), heap.end(), Before);
      heap.back() = Counted(freq, term);
      std::push_heap(heap.begin(), heap.end(), Before);
    }
  }
};
}  // namespace

WildcardExpansion::~WildcardExpansion() {
  stop_ = true;
  std::thread walk;
  {
    std::lock_guard<std::mutex> lock(mu_);
    walk = std::move(ahead_);
  }
  if (walk.joinable()) walk.join();
}

WildcardTerms WildcardExpansion::Expand(const Xapian::Database& db, uint64_t index_identity,
                                        const std::string& pattern) {
  WildcardTerms out;
  for (auto it = db.allterms_begin(pattern); it != db.allterms_end(pattern); ++it) {
    if (out.terms.size() == kMaxWildcardExpansion) {
      out.limited = true;
      break;
    }
    out.terms.push_back(*it);
  }
  if (!out.limited) return out;
  Xapian::doccount doccount = db.get_doccount();
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto found = chosen_.find(pattern);
    if (found != chosen_.end() && found->second.identity == index_identity &&
        !MovedMuch(found->second.doccount, doccount)) {
      out.terms = found->second.terms;
      return out;
    }
  }
  // Chosen outside the lock: two threads may choose at once, both rightly.
  out.terms = MostFrequent(db, pattern);
  Keep(pattern, Chosen{index_identity, doccount, out.terms});
  return out;
}

void WildcardExpansion::Keep(const std::string& pattern, Chosen chosen) {
  std::lock_guard<std::mutex> lock(mu_);
  if (chosen_.size() >= kMaxRemembered) chosen_.clear();
  chosen_[pattern] = std::move(chosen);
}

bool WildcardExpansion::Prepare(const Xapian::Database& db, uint64_t index_identity, const std::atomic<bool>& stop) {
  const std::string stemmed = kPrefixStemmed;
  Xapian::doccount doccount = db.get_doccount();
  std::map<std::string, Best> best;  // by pattern
  size_t n = 0;
  auto it = db.allterms_begin(stemmed), end = db.allterms_end(stemmed);
  while (it != end) {
    if (n++ % 4096 == 0 && stop) return false;
    const std::string term = *it;
    char field = term.size() > stemmed.size() ? term[stemmed.size()] : 'Z';
    if (field >= 'A' && field <= 'Z') {
      // A field's terms (title:, ref:) are expanded by the parser: skip them all.
      it.skip_to(stemmed + static_cast<char>(field + 1));
      continue;
    }
    Xapian::doccount freq = it.get_termfreq();
    size_t one = Utf8CharEnd(term, stemmed.size());
    best[term.substr(0, one)].Offer(freq, term);
    if (one < term.size()) best[term.substr(0, Utf8CharEnd(term, one))].Offer(freq, term);
    ++it;
  }
  for (auto& [pattern, b] : best) {
    if (b.seen > kMaxWildcardExpansion) Keep(pattern, Chosen{index_identity, doccount, InOrder(std::move(b.heap))});
  }
  return true;
}

void WildcardExpansion::PrepareAhead(const std::string& dir, uint64_t index_identity, Xapian::doccount doccount) {
  auto chosen = [&] { return ahead_identity_ == index_identity && !MovedMuch(ahead_doccount_, doccount); };
  // Every search asks: most are answered by these loads alone.
  if (walking_ || chosen()) return;
  std::lock_guard<std::mutex> lock(mu_);
  if (walking_ || stop_ || chosen()) return;
  if (ahead_.joinable()) ahead_.join();  // the last walk, ended
  ahead_identity_ = index_identity;
  ahead_doccount_ = doccount;
  walking_ = true;
  ahead_ = std::thread([this, dir, index_identity] {
    try {
      Xapian::Database db(dir);
      Prepare(db, index_identity, stop_);
    } catch (const Xapian::Error&) {
      // A swap or a writer moved the index away: the next one starts over.
    }
    walking_ = false;
  });
  NameThread(ahead_.native_handle(), "wildcards");
}

}  // namespace samrad::search
