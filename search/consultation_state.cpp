// Date-driven consultation states: facets and filters.
#include "search/consultation_state.h"

#include "search/index_schema.h"

namespace samrad::search {

namespace {
Xapian::Query Value(Xapian::Query::op op, Xapian::valueno slot, int64_t t) {
  return Xapian::Query(op, slot, Xapian::sortable_serialise(static_cast<double>(t)));
}
Xapian::Query And(const Xapian::Query& a, const Xapian::Query& b) {
  return Xapian::Query(Xapian::Query::OP_AND, a, b);
}
}  // namespace

std::string DatedState(int64_t opens, int64_t closes, std::optional<int64_t> decided, int64_t now) {
  if (decided && now >= *decided) return "decided";
  return now < opens ? "upcoming" : now < closes ? "open" : "closed";
}

Xapian::Query StateQuery(const std::string& s, int64_t now) {
  Xapian::Query fixed(kPrefixState + s);
  // A value range matches only documents that have the value: those
  // without a decision never match `decided`.
  Xapian::Query decided = Value(Xapian::Query::OP_VALUE_LE, kSlotDecided, now);
  Xapian::Query dated(kPrefixDated);
  if (s == "decided") return Xapian::Query(Xapian::Query::OP_OR, fixed, And(dated, decided));
  Xapian::Query when;
  if (s == "upcoming") {
    when = Value(Xapian::Query::OP_VALUE_GE, kSlotOpens, now + 1);
  } else if (s == "open") {
    when = And(Value(Xapian::Query::OP_VALUE_LE, kSlotOpens, now), Value(Xapian::Query::OP_VALUE_GE, kSlotCloses, now + 1));
  } else if (s == "closed") {
    when = Value(Xapian::Query::OP_VALUE_LE, kSlotCloses, now);
  } else {
    return fixed;
  }
  Xapian::Query undecided(Xapian::Query::OP_AND_NOT, And(dated, when), decided);
  return Xapian::Query(Xapian::Query::OP_OR, fixed, undecided);
}

}  // namespace samrad::search
