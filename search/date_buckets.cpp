// Date buckets: the hex digits of the date at four lengths.
#include "search/date_buckets.h"

#include <algorithm>

namespace samrad::search {

namespace {
constexpr int kDigits = 9;  // 36 bits of seconds
constexpr int kDigitsAt[kDateBucketLevels] = {3, 5, 7, 9};

std::string LevelPrefix(int level) { return std::string(kPrefixDateBucket) + static_cast<char>('a' + level); }
}  // namespace

std::vector<std::string> DateBucketTerms(int64_t date) {
  constexpr int64_t kLast = (int64_t{1} << (4 * kDigits)) - 1;
  uint64_t t = static_cast<uint64_t>(std::clamp<int64_t>(date, 0, kLast));
  static const char kHex[] = "0123456789abcdef";
  std::string digits(kDigits, '0');
  for (int i = kDigits - 1; i >= 0; --i, t >>= 4) digits[static_cast<size_t>(i)] = kHex[t & 0xF];
  std::vector<std::string> out;
  out.reserve(kDateBucketLevels);
  for (int level = 0; level < kDateBucketLevels; ++level) {
    out.push_back(LevelPrefix(level) + digits.substr(0, static_cast<size_t>(kDigitsAt[level])));
  }
  return out;
}

std::string DateBucketChildren(const std::string& term) {
  size_t head = std::string(kPrefixDateBucket).size();
  if (term.size() <= head) return "";
  int level = term[head] - 'a';
  if (level < 0 || level + 1 >= kDateBucketLevels) return "";
  return LevelPrefix(level + 1) + term.substr(head + 1);
}

std::string DateBucketTop() { return LevelPrefix(0); }

}  // namespace samrad::search
