// Search over the live index: one Xapian reader per thread, reopened when the
// writer commits or when `samrad reindex` swaps in a new index.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "core/clock.h"
#include "core/status.h"
#include "search/query_builder.h"
#include "search/search_request.h"
#include "search/wildcard_expansion.h"

namespace samrad::search {

class Searcher {
 public:
  Searcher(std::string data_dir, std::shared_ptr<Clock> clock);

  // Runs the search: hits for the page, facet counts over all matches (the
  // state facet follows the clock; exact up to a thousand matches, scaled
  // from a sample above, see facets_exact), and a spelling suggestion. Errors:
  // kUnavailable when there is no index yet, kInternal for index trouble.
  // Thread-safe.
  Result<SearchResult> Search(const SearchRequest& r) const;

  // The last log seq the index readers see (0 for none); nullopt when there
  // is no index. Thread-safe.
  std::optional<int64_t> IndexedSeq() const;

 private:
  struct Reader;
  // This thread's reader, up to date (opened anew when fresh), nullptr when
  // there is no index. Throws Xapian::Error.
  Reader* Open(bool fresh) const;
  SearchResult Run(Reader& reader, const SearchRequest& r) const;
  ParsedQuery Parse(const Reader& reader, const std::string& q, const std::vector<std::string>& languages) const;

  std::string dir_;
  std::shared_ptr<Clock> clock_;
  uint64_t id_;
  // The most frequent stems of short wildcards, shared by all threads.
  std::shared_ptr<WildcardExpansion> expansion_ = std::make_shared<WildcardExpansion>();
};

}  // namespace samrad::search
