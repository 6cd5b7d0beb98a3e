// Facet counting in one value slot: every document carries its type, year,
// area and state (or the dates that decide it) in kSlotFacets, so counting
// the facets of a match costs one value lookup instead of one per facet.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <map>
#include <string>

#include "search/index_document.h"

namespace samrad::search {

// The kSlotFacets value of a document.
std::string FacetValue(const IndexDocument& d);

// Counts type, year, area and state (at time now) over the matches it sees.
// Documents indexed before kSlotFacets existed are read from their older
// slots.
class FacetSpy : public Xapian::MatchSpy {
 public:
  explicit FacetSpy(int64_t now) : now_(now) {}
  void operator()(const Xapian::Document& doc, double wt) override;
  Xapian::MatchSpy* clone() const override { return new FacetSpy(now_); }
  std::string name() const override { return "samrad.FacetSpy"; }

  // facet -> value -> count, and how many documents were seen.
  const std::map<std::string, std::map<std::string, int64_t>>& counts() const { return counts_; }
  int64_t seen() const { return seen_; }

 private:
  int64_t now_;
  int64_t seen_ = 0;
  std::map<std::string, std::map<std::string, int64_t>> counts_;
};

}  // namespace samrad::search
