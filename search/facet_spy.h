// Facet counting in one value slot: every document carries its type, year,
// area and state (or the dates that decide it) in kSlotFacets, so counting
// the facets of a match costs one value lookup instead of one per facet.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>

#include "search/index_document.h"

namespace samrad::search {

// The kSlotFacets value of a document.
std::string FacetValue(const IndexDocument& d);

// Counts type, year, area, state (of consultations, at time now) and
// outcome (of decisions) over the first `limit` documents it is shown;
// later ones are passed over, since reading a document's value is the
// expensive part.
class FacetSpy : public Xapian::MatchSpy {
 public:
  FacetSpy(int64_t now, int64_t limit) : now_(now), limit_(limit) {}
  void operator()(const Xapian::Document& doc, double wt) override;
  Xapian::MatchSpy* clone() const override { return new FacetSpy(now_, limit_); }
  std::string name() const override { return "samrad.FacetSpy"; }

  // facet -> value -> count over the counted documents.
  std::map<std::string, std::map<std::string, int64_t>> counts() const;
  // How many documents were counted.
  int64_t counted() const { return counted_; }

 private:
  int64_t now_;
  int64_t limit_;
  int64_t counted_ = 0;
  // Counted per distinct packed value (few: types x years x areas x states)
  // and split into facets once at the end.
  std::unordered_map<std::string, int64_t> packed_;
};

}  // namespace samrad::search
