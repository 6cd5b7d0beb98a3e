// CheckHead: a strict, linear reading of a request head.
#include "server/http/request_head.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace samrad::server {

namespace {

// RFC 9110 tchar, looked up in a table made once.
bool IsTokenChar(char c) {
  static const auto kTable = [] {
    std::array<bool, 256> t{};
    for (int i = '0'; i <= '9'; ++i) t[i] = true;
    for (int i = 'a'; i <= 'z'; ++i) t[i] = t[i - 'a' + 'A'] = true;
    for (unsigned char x : std::string_view("!#$%&'*+-.^_`|~")) t[x] = true;
    return t;
  }();
  return kTable[static_cast<unsigned char>(c)];
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The methods Pistache 0.0.5 parses; it answers any other in plain text.
bool IsKnownMethod(std::string_view m) {
  for (std::string_view known : {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT"}) {
    if (m == known) return true;
  }
  return false;
}

// type/subtype with token characters, parameters after ';' not checked:
// Pistache refuses anything else in plain text.
bool IsMediaType(std::string_view v) {
  v = v.substr(0, v.find(';'));
  while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
  size_t slash = v.find('/');
  if (slash == 0 || slash == std::string_view::npos || slash + 1 == v.size()) return false;
  return std::all_of(v.begin(), v.begin() + slash, IsTokenChar) &&
         std::all_of(v.begin() + slash + 1, v.end(), IsTokenChar);
}

HeadCheck Refuse(int status, std::string detail) {
  HeadCheck c;
  c.status = status;
  c.detail = std::move(detail);
  return c;
}

// The next line without its CRLF; empty view at the blank line.
bool NextLine(std::string_view& rest, std::string_view& line) {
  size_t end = rest.find("\r\n");
  if (end == std::string_view::npos) return false;
  line = rest.substr(0, end);
  rest.remove_prefix(end + 2);
  return true;
}

bool ParseRequestLine(std::string_view line, RequestHead& head) {
  size_t sp1 = line.find(' ');
  if (sp1 == 0 || sp1 == std::string_view::npos) return false;
  size_t sp2 = line.find(' ', sp1 + 1);
  if (sp2 == std::string_view::npos || sp2 == sp1 + 1) return false;
  std::string_view method = line.substr(0, sp1);
  std::string_view target = line.substr(sp1 + 1, sp2 - sp1 - 1);
  std::string_view version = line.substr(sp2 + 1);
  if (!std::all_of(method.begin(), method.end(), IsTokenChar)) return false;
  if (version != "HTTP/1.1" && version != "HTTP/1.0") return false;
  // Origin form only (or * for OPTIONS); no control characters or spaces.
  if (target.empty() || (target.front() != '/' && target != "*")) return false;
  for (char c : target) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return false;
  }
  head.method = method;
  head.target = target;
  return true;
}

}  // namespace

char LowerAsciiChar(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

HeadCheck CheckHead(std::string_view text, const HeadLimits& limits) {
  if (text.size() > limits.max_bytes) {
    return Refuse(431, "the request line and headers are larger than " + std::to_string(limits.max_bytes) + " bytes");
  }
  HeadCheck check;
  RequestHead& head = check.head;
  std::string_view rest = text, line;
  if (!NextLine(rest, line) || !ParseRequestLine(line, head)) return Refuse(400, "the request line is malformed");
  if (!IsKnownMethod(head.method)) return Refuse(501, "the method " + head.method + " is not implemented");
  size_t count = 0;
  bool has_length = false;
  while (NextLine(rest, line) && !line.empty()) {
    if (++count > limits.max_headers) {
      return Refuse(431, "more than " + std::to_string(limits.max_headers) + " header fields");
    }
    size_t colon = line.find(':');
    if (colon == 0 || colon == std::string_view::npos) return Refuse(400, "a header field is malformed");
    std::string_view raw_name = line.substr(0, colon);
    if (!std::all_of(raw_name.begin(), raw_name.end(), IsTokenChar)) return Refuse(400, "a header name is malformed");
    std::string name(raw_name);
    for (auto& c : name) c = LowerAsciiChar(c);
    std::string_view value = Trim(line.substr(colon + 1));
    if (name == "content-length") {
      if (value.empty() || value.size() > 15 || !std::all_of(value.begin(), value.end(), ::isdigit)) {
        return Refuse(400, "Content-Length is not a number");
      }
      uint64_t n = std::stoull(std::string(value));
      if (has_length && n != head.content_length) return Refuse(400, "conflicting Content-Length fields");
      head.content_length = n;
      has_length = true;
    } else if (name == "transfer-encoding") {
      return Refuse(411, "send the body with a Content-Length (chunked request bodies are not accepted)");
    } else if (name == "content-type" && !IsMediaType(value)) {
      return Refuse(415, "Content-Type is not a media type (type/subtype)");
    } else if (name == "expect") {
      std::string v(value);
      for (auto& c : v) c = LowerAsciiChar(c);
      if (v != "100-continue") return Refuse(417, "only Expect: 100-continue is understood");
      head.expect_continue = true;
    }
    head.headers.emplace(std::move(name), std::string(value));
  }
  if (!line.empty() || !rest.empty()) return Refuse(400, "the request head does not end with a blank line");
  return check;
}

}  // namespace samrad::server
