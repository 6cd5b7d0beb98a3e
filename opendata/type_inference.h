// Column type inference for uploaded CSV: the narrowest Frictionless type
// (integer, number, date, boolean, string) that every non-empty cell fits.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace samrad::opendata {

// JSON-compatible forms only, so the text can be written into JSON as is:
// integers without leading zeros (a "0701" code stays a string), numbers
// with a '.' decimal point, dates YYYY-MM-DD, booleans true/false. Pure.
bool IsInteger(std::string_view s);
bool IsNumber(std::string_view s);
bool IsDate(std::string_view s);
bool IsBoolean(std::string_view s);

// Accumulates the cells of every column and names each column's type.
class TypeInference {
 public:
  explicit TypeInference(size_t columns);
  void Add(const std::vector<std::string>& row);
  // "integer", "number", "date", "boolean" or "string" per column; a column
  // with no non-empty cell is "string".
  std::vector<std::string> Types() const;

 private:
  struct Fits {
    bool integer = true, number = true, date = true, boolean = true, any = false;
  };
  std::vector<Fits> fits_;
};

}  // namespace samrad::opendata
