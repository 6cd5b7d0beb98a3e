// SMTP delivery over libcurl: smtp:// (STARTTLS when the server offers it,
// and required when a password is sent) or smtps://, optional AUTH, the
// server's certificate always verified (the system's CAs or --smtp-ca-file),
// one easy handle kept across messages so that the connection is reused.
// Not thread-safe: one sender thread owns it; only Interrupt() may be called
// from another thread.
#pragma once

#include <atomic>
#include <memory>
#include <string>

#include "core/status.h"
#include "server/mail/mail_transport.h"

namespace samrad::server::mail {

struct SmtpSettings {
  std::string url;        // smtp://host:port or smtps://host:port
  std::string auth_file;  // empty, or a file holding "user:password" that only its owner may read
  std::string ca_file;    // empty: the system's CA certificates; else a PEM file of trusted CAs
};

class SmtpTransport : public MailTransport {
 public:
  // Errors: kInvalidArgument for another scheme, an unreadable or too open
  // auth file, or an unreadable CA file.
  static Result<std::unique_ptr<SmtpTransport>> Make(const SmtpSettings& settings);
  ~SmtpTransport() override;
  SendResult Send(const std::string& envelope_from, const std::string& recipient,
                  const std::string& message) override;
  std::string Describe() const override { return url_; }
  void Interrupt() override { interrupted_ = true; }

 private:
  SmtpTransport() = default;
  std::string url_;
  std::string user_, password_;
  std::string ca_file_;
  std::atomic<bool> interrupted_{false};
  int socket_ = -1;  // the connection libcurl keeps, -1 when none
  void* curl_ = nullptr;  // CURL*
};

}  // namespace samrad::server::mail
