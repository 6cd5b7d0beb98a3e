// RFC 5322 / MIME rendering of one message (see mime_message.h).
#include "server/mail/mime_message.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <string_view>

#include "core/crypto.h"

namespace samrad::server::mail {

namespace {

constexpr char kHex[] = "0123456789ABCDEF";
constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
// Raw bytes per encoded word: 52 base64 characters, so that "Subject: " and
// the first word stay within 76 characters.
constexpr size_t kWordBytes = 39;

std::string Base64(const std::string& in) {
  std::string out;
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    uint32_t v = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8) | uint8_t(in[i + 2]);
    out += kBase64[v >> 18];
    out += kBase64[(v >> 12) & 63];
    out += kBase64[(v >> 6) & 63];
    out += kBase64[v & 63];
  }
  if (i + 1 == in.size()) {
    uint32_t v = uint8_t(in[i]) << 16;
    out += kBase64[v >> 18];
    out += kBase64[(v >> 12) & 63];
    out += "==";
  } else if (i + 2 == in.size()) {
    uint32_t v = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8);
    out += kBase64[v >> 18];
    out += kBase64[(v >> 12) & 63];
    out += kBase64[(v >> 6) & 63];
    out += '=';
  }
  return out;
}

bool IsPlainAscii(const std::string& s, bool phrase) {
  for (unsigned char ch : s) {
    if (ch < 0x20 || ch > 0x7e) return false;
    if (phrase && std::string_view("()<>[]:;@\\,.\"").find(char(ch)) != std::string_view::npos) return false;
  }
  return true;
}

// Lines split on CR, LF or CRLF.
template <typename Fn>
void ForEachLine(const std::string& text, Fn fn) {
  size_t start = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == '\n' || text[i] == '\r') {
      if (i == text.size() && start == i) break;
      fn(std::string_view(text).substr(start, i - start));
      if (i < text.size() && text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      start = i + 1;
    }
  }
}

std::string Part(const std::string& boundary, const std::string& type, const std::string& body) {
  return "--" + boundary + "\r\nContent-Type: " + type +
         "; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n" +
         QuotedPrintable(body) + "\r\n";
}

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

}  // namespace

std::string EncodeHeaderWords(const std::string& utf8, bool phrase) {
  if (utf8.size() < 900 && IsPlainAscii(utf8, false)) {
    if (!phrase || IsPlainAscii(utf8, true)) return utf8;
    std::string quoted = "\"";
    for (char ch : utf8) {
      if (ch == '"' || ch == '\\') quoted += '\\';
      quoted += ch;
    }
    return quoted + "\"";
  }
  std::string out;
  size_t i = 0;
  while (i < utf8.size()) {
    size_t n = std::min(kWordBytes, utf8.size() - i);
    // Never split a UTF-8 sequence between two words (RFC 2047 section 5).
    while (n > 0 && i + n < utf8.size() && (uint8_t(utf8[i + n]) & 0xC0) == 0x80) --n;
    if (n == 0) n = std::min(kWordBytes, utf8.size() - i);
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + Base64(utf8.substr(i, n)) + "?=";
    i += n;
  }
  return out;
}

std::string QuotedPrintable(const std::string& utf8) {
  std::string out;
  bool first = true;
  ForEachLine(utf8, [&](std::string_view line) {
    if (!first) out += "\r\n";
    first = false;
    size_t col = 0;
    for (size_t i = 0; i < line.size(); ++i) {
      unsigned char ch = line[i];
      bool last = i + 1 == line.size();
      std::string piece;
      if ((ch >= 33 && ch <= 126 && ch != '=') || ((ch == ' ' || ch == '\t') && !last)) {
        piece = std::string(1, char(ch));
      } else {
        piece = {'=', kHex[ch >> 4], kHex[ch & 15]};
      }
      // A soft break keeps every encoded line within 76 characters.
      if (col + piece.size() > 75) {
        out += "=\r\n";
        col = 0;
      }
      out += piece;
      col += piece.size();
    }
  });
  return out;
}

std::string Rfc5322Date(int64_t epoch) {
  static const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  time_t t = static_cast<time_t>(epoch);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday], tm.tm_mday,
           kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

MailAddress ParseMailAddress(const std::string& text) {
  size_t lt = text.rfind('<'), gt = text.rfind('>');
  if (lt == std::string::npos || gt == std::string::npos || gt < lt) return {"", Trim(text)};
  std::string name = Trim(text.substr(0, lt));
  if (name.size() >= 2 && name.front() == '"' && name.back() == '"') name = name.substr(1, name.size() - 2);
  return {name, Trim(text.substr(lt + 1, gt - lt - 1))};
}

std::string BuildMimeMessage(const MimeParts& p) {
  std::string boundary = "=_samrad_" + crypto::Sha256Hex(p.message_id).substr(0, 24);
  std::string from = p.from.name.empty() ? p.from.address
                                         : EncodeHeaderWords(p.from.name, true) + " <" + p.from.address + ">";
  std::string m;
  m += "Date: " + Rfc5322Date(p.date) + "\r\n";
  m += "From: " + from + "\r\n";
  m += "To: " + p.to + "\r\n";
  m += "Subject: " + EncodeHeaderWords(p.subject, false) + "\r\n";
  m += "Message-ID: " + p.message_id + "\r\n";
  m += "MIME-Version: 1.0\r\n";
  m += "Auto-Submitted: auto-generated\r\n";
  if (!p.unsubscribe_url.empty()) {
    m += "List-Unsubscribe: <" + p.unsubscribe_url + ">\r\n";
    m += "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n";
  }
  m += "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n\r\n";
  m += Part(boundary, "text/plain", p.text_body);
  m += Part(boundary, "text/html", p.html_body);
  m += "--" + boundary + "--\r\n";
  return m;
}

}  // namespace samrad::server::mail
