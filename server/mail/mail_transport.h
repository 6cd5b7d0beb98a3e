// Where a finished message goes: an SMTP server or a Maildir folder.
#pragma once

#include <string>

namespace samrad::server::mail {

struct SendResult {
  bool ok = false;
  bool permanent = false;  // the server refused for good (SMTP 5xx): no retry
  std::string error;       // what went wrong, for the queue's last_error
  bool interrupted = false;  // Interrupt() cut it short: not an attempt, it stays queued
};

class MailTransport {
 public:
  virtual ~MailTransport() = default;
  // Delivers one RFC 5322 message (CRLF line ends) from the envelope sender
  // to one recipient. Called from one thread at a time.
  virtual SendResult Send(const std::string& envelope_from, const std::string& recipient,
                          const std::string& message) = 0;
  // Where messages go, for the start-up line ("smtp://host:25", "Maildir DIR").
  virtual std::string Describe() const = 0;
  // Cuts a Send in progress short (within about a second) and makes later
  // ones return at once, interrupted. Thread-safe: called while stopping.
  virtual void Interrupt() {}
};

}  // namespace samrad::server::mail
