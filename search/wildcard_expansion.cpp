// WildcardExpansion: the few terms read afresh, the most frequent remembered.
#include "search/wildcard_expansion.h"

#include <algorithm>
#include <utility>

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

// The kMaxWildcardExpansion most frequent terms with pattern, most frequent
// first (ties alphabetically).
std::vector<std::string> MostFrequent(const Xapian::Database& db, const std::string& pattern) {
  std::vector<std::pair<Xapian::doccount, std::string>> all;
  for (auto it = db.allterms_begin(pattern); it != db.allterms_end(pattern); ++it) {
    all.emplace_back(it.get_termfreq(), *it);
  }
  size_t keep = std::min<size_t>(all.size(), kMaxWildcardExpansion);
  std::partial_sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(keep), all.end(),
                    [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
  std::vector<std::string> out;
  for (size_t i = 0; i < keep; ++i) out.push_back(std::move(all[i].second));
  return out;
}
}  // namespace

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
  std::lock_guard<std::mutex> lock(mu_);
  if (chosen_.size() >= kMaxRemembered) chosen_.clear();
  chosen_[pattern] = Chosen{index_identity, doccount, out.terms};
  return out;
}

}  // namespace samrad::search
