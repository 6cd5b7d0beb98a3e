// FacetSpy: the packed facet value and its counting.
#include "search/facet_spy.h"

#include "core/clock.h"
#include "search/consultation_state.h"
#include "search/index_schema.h"

namespace samrad::search {

namespace {
constexpr char kSep = '\x1f';
}  // namespace

// type SEP year SEP area SEP state, where state is a fixed state or
// "@opens,closes[,decided]" (epoch seconds) for a state that follows the clock.
std::string FacetValue(const IndexDocument& d) {
  std::string state = d.state;
  if (state.empty() && d.opens_at && d.closes_at) {
    state = "@" + std::to_string(*d.opens_at) + "," + std::to_string(*d.closes_at);
    if (d.decided_at) state += "," + std::to_string(*d.decided_at);
  }
  return d.type + kSep + FormatTime(d.date).substr(0, 4) + kSep + d.area.value_or("") + kSep + state;
}

void FacetSpy::operator()(const Xapian::Document& doc, double) {
  if (counted_ >= limit_) return;
  ++counted_;
  ++packed_[doc.get_value(kSlotFacets)];
}

std::map<std::string, std::map<std::string, int64_t>> FacetSpy::counts() const {
  std::map<std::string, std::map<std::string, int64_t>> out;
  for (const auto& [v, n] : packed_) {
    size_t a = v.find(kSep);
    size_t b = a == std::string::npos ? a : v.find(kSep, a + 1);
    size_t c = b == std::string::npos ? b : v.find(kSep, b + 1);
    if (c == std::string::npos) continue;
    std::string state = v.substr(c + 1);
    if (!state.empty() && state[0] == '@') {
      size_t comma = state.find(',');
      size_t second = state.find(',', comma + 1);
      int64_t opens = std::stoll(state.substr(1, comma - 1));
      int64_t closes = std::stoll(state.substr(comma + 1, second - comma - 1));
      std::optional<int64_t> decided;
      if (second != std::string::npos) decided = std::stoll(state.substr(second + 1));
      state = DatedState(opens, closes, decided, now_);
    }
    auto add = [&out, count = n](const char* facet, std::string value) {
      if (!value.empty()) out[facet][std::move(value)] += count;
    };
    std::string type = v.substr(0, a);
    add("year", v.substr(a + 1, b - a - 1));
    add("area", v.substr(b + 1, c - b - 1));
    // A consultation's state and a decision's outcome are told apart; other
    // kinds have neither (an index of format 3 still says "visible").
    if (type == "consultation") add("state", std::move(state));
    if (type == "decision") add("outcome", std::move(state));
    add("type", std::move(type));
  }
  return out;
}

}  // namespace samrad::search
