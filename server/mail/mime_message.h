// One e-mail as RFC 5322 text: multipart/alternative with a text/plain and a
// text/html part (UTF-8, quoted-printable), RFC 2047 encoded-word subject and
// display names, CRLF line ends and no line over 998 octets.
#pragma once

#include <cstdint>
#include <string>

namespace samrad::server::mail {

struct MailAddress {
  std::string name;     // display name, any UTF-8; empty: none
  std::string address;  // addr-spec, ASCII
};

struct MimeParts {
  MailAddress from;
  std::string to;               // one address
  std::string subject;          // UTF-8
  int64_t date = 0;             // epoch seconds (the injected clock)
  std::string message_id;       // "<...@host>"
  std::string text_body;        // UTF-8, any line ends
  std::string html_body;        // a whole HTML document, UTF-8
  std::string unsubscribe_url;  // absolute https link; empty: no List-Unsubscribe
};

// The whole message, headers and body, ready for SMTP DATA or a Maildir file.
// Pure and thread-safe.
std::string BuildMimeMessage(const MimeParts& parts);

// "Samråd <noreply@host>" or "noreply@host" into its parts; the display
// name may be quoted. An address without <> is taken whole.
MailAddress ParseMailAddress(const std::string& text);

// The pieces, exposed for their tests.
// RFC 2047 "B" encoded words (UTF-8), folded into lines of at most 76
// characters; plain ASCII text without specials is returned unchanged.
std::string EncodeHeaderWords(const std::string& utf8, bool phrase);
// Quoted-printable (RFC 2045) with CRLF line ends and soft breaks at 76.
std::string QuotedPrintable(const std::string& utf8);
// RFC 5322 date-time in UTC: "Thu, 03 Dec 2026 14:20:00 +0000".
std::string Rfc5322Date(int64_t epoch);

}  // namespace samrad::server::mail
