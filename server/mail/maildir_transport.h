// The default transport when no SMTP server is configured: each message
// becomes one file in a Maildir (DATA/maildir), written into tmp/ and
// renamed into new/, so a reader never sees half a message.
#pragma once

#include <atomic>
#include <string>

#include "server/mail/mail_transport.h"

namespace samrad::server::mail {

class MaildirTransport : public MailTransport {
 public:
  // Creates dir with tmp/, new/ and cur/ when missing (errors show at Send).
  explicit MaildirTransport(std::string dir);
  SendResult Send(const std::string& envelope_from, const std::string& recipient,
                  const std::string& message) override;
  std::string Describe() const override { return "Maildir " + dir_; }

 private:
  std::string UniqueName();
  std::string dir_;
  std::string host_;
  std::atomic<uint64_t> counter_{0};
};

}  // namespace samrad::server::mail
