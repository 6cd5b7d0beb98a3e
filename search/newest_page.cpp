// NewestPage: the newest buckets first, split while they hold many matches.
#include "search/newest_page.h"

#include <string>
#include <vector>

#include "search/date_buckets.h"
#include "search/index_schema.h"

namespace samrad::search {

namespace {

class NewestWalk {
 public:
  NewestWalk(const Xapian::Database& db, const Xapian::Query& query, const Xapian::Weight& weight,
             Xapian::doccount offset, Xapian::doccount limit, const std::function<void(const Xapian::MSet&)>& take,
             Xapian::doccount sort_directly_at_most)
      : db_(db), query_(query), weight_(weight), skip_(offset), want_(limit), take_(take),
        sort_directly_at_most_(sort_directly_at_most) {}

  void Run() { VisitChildren(DateBucketTop()); }

 private:
  // The buckets whose terms begin with prefix, newest first, until the page is full.
  void VisitChildren(const std::string& prefix) {
    std::vector<std::string> buckets;
    for (auto it = db_.allterms_begin(prefix); it != db_.allterms_end(prefix); ++it) buckets.push_back(*it);
    for (auto it = buckets.rbegin(); it != buckets.rend() && want_ > 0; ++it) Visit(*it);
  }

  void Visit(const std::string& bucket) {
    Xapian::Query within(Xapian::Query::OP_FILTER, query_, Xapian::Query(bucket));
    std::string children = DateBucketChildren(bucket);
    if (!children.empty()) {
      // Counting a few more than can be sorted directly is cheap: no value is read.
      Xapian::Enquire count(db_);
      count.set_query(within);
      count.set_weighting_scheme(Xapian::BoolWeight());
      Xapian::MSet counted = count.get_mset(0, 0, sort_directly_at_most_ + 1);
      if (counted.get_matches_upper_bound() == 0) return;
      if (counted.get_matches_lower_bound() > sort_directly_at_most_) {
        VisitChildren(children);
        return;
      }
    }
    Xapian::Enquire sorted(db_);
    sorted.set_query(within);
    sorted.set_weighting_scheme(weight_);
    sorted.set_sort_by_value_then_relevance(kSlotDate, true);
    // Checking every match makes the count exact, so a bucket passed over
    // by the offset is skipped by exactly its number of matches.
    Xapian::MSet page = sorted.get_mset(skip_, want_, db_.get_doccount());
    Xapian::doccount matches = page.get_matches_lower_bound();
    if (matches <= skip_) {
      skip_ -= matches;
      return;
    }
    skip_ = 0;
    want_ -= page.size();
    if (!page.empty()) take_(page);
  }

  const Xapian::Database& db_;
  const Xapian::Query& query_;
  const Xapian::Weight& weight_;
  Xapian::doccount skip_, want_;
  const std::function<void(const Xapian::MSet&)>& take_;
  Xapian::doccount sort_directly_at_most_;
};

}  // namespace

void NewestPage(const Xapian::Database& db, const Xapian::Query& query, const Xapian::Weight& weight,
                Xapian::doccount offset, Xapian::doccount limit,
                const std::function<void(const Xapian::MSet&)>& take, Xapian::doccount sort_directly_at_most) {
  if (limit == 0) return;
  NewestWalk(db, query, weight, offset, limit, take, sort_directly_at_most).Run();
}

}  // namespace samrad::search
