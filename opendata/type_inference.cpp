// Type inference for uploaded columns.
#include "opendata/type_inference.h"

namespace samrad::opendata {

namespace {
bool Digits(std::string_view s, size_t& i) {
  size_t start = i;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  return i > start;
}
}  // namespace

bool IsInteger(std::string_view s) {
  size_t i = (!s.empty() && s[0] == '-') ? 1 : 0;
  size_t start = i;
  if (!Digits(s, i) || i != s.size()) return false;
  size_t len = i - start;
  return len <= 18 && (len == 1 || s[start] != '0');
}

bool IsNumber(std::string_view s) {
  size_t i = (!s.empty() && s[0] == '-') ? 1 : 0;
  size_t start = i;
  if (!Digits(s, i)) return false;
  if (i - start > 1 && s[start] == '0') return false;
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (!Digits(s, i)) return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (!Digits(s, i)) return false;
  }
  return i == s.size();
}

bool IsDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  int y = std::stoi(std::string(s.substr(0, 4)));
  int m = std::stoi(std::string(s.substr(5, 2)));
  int d = std::stoi(std::string(s.substr(8, 2)));
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1 || d > kDays[m - 1]) return false;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return !(m == 2 && d == 29 && !leap);
}

bool IsBoolean(std::string_view s) {
  auto eq = [&](std::string_view word) {
    if (s.size() != word.size()) return false;
    for (size_t i = 0; i < s.size(); ++i) {
      if ((s[i] | 0x20) != word[i]) return false;
    }
    return true;
  };
  return eq("true") || eq("false");
}

TypeInference::TypeInference(size_t columns) : fits_(columns) {}

void TypeInference::Add(const std::vector<std::string>& row) {
  for (size_t i = 0; i < row.size() && i < fits_.size(); ++i) {
    const std::string& v = row[i];
    if (v.empty()) continue;
    Fits& f = fits_[i];
    f.any = true;
    if (f.integer) f.integer = IsInteger(v);
    if (f.number) f.number = IsNumber(v);
    if (f.date) f.date = IsDate(v);
    if (f.boolean) f.boolean = IsBoolean(v);
  }
}

std::vector<std::string> TypeInference::Types() const {
  std::vector<std::string> out;
  for (const auto& f : fits_) {
    if (!f.any)
      out.push_back("string");
    else if (f.integer)
      out.push_back("integer");
    else if (f.number)
      out.push_back("number");
    else if (f.date)
      out.push_back("date");
    else if (f.boolean)
      out.push_back("boolean");
    else
      out.push_back("string");
  }
  return out;
}

}  // namespace samrad::opendata
