// Percent-encoding both ways, and application/x-www-form-urlencoded bodies.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace samrad {

// Percent-decoding; '+' means space in query strings and form bodies only.
std::string PercentDecode(const std::string& s, bool plus_is_space);
// Encodes everything but unreserved characters (RFC 3986), for query values.
std::string PercentEncode(const std::string& s);
// The fields of a form body (or a query string) in order; repeated names
// keep every value.
std::multimap<std::string, std::string> ParseForm(const std::string& body);
// "a=1&b=2" from pairs, skipping empty values.
std::string QueryString(const std::vector<std::pair<std::string, std::string>>& pairs);

}  // namespace samrad
