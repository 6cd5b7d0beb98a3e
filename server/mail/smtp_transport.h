// SMTP delivery over libcurl: smtp:// (STARTTLS when the server offers it)
// or smtps://, optional AUTH, one easy handle kept across messages so that
// the connection is reused. Not thread-safe: one sender thread owns it.
#pragma once

#include <memory>
#include <string>

#include "core/status.h"
#include "server/mail/mail_transport.h"

namespace samrad::server::mail {

class SmtpTransport : public MailTransport {
 public:
  // url: smtp://host:port or smtps://host:port. auth_file: empty, or a file
  // holding "user:password" that only its owner may read.
  // Errors: kInvalidArgument for another scheme or an unreadable or too
  // open auth file.
  static Result<std::unique_ptr<SmtpTransport>> Make(const std::string& url, const std::string& auth_file);
  ~SmtpTransport() override;
  SendResult Send(const std::string& envelope_from, const std::string& recipient,
                  const std::string& message) override;
  std::string Describe() const override { return url_; }

 private:
  SmtpTransport() = default;
  std::string url_;
  std::string user_, password_;
  void* curl_ = nullptr;  // CURL*
};

}  // namespace samrad::server::mail
