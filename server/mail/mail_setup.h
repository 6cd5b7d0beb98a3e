// E-mail settings of `samrad serve` (--smtp-url, --smtp-auth-file, --smtp-ca-file,
// --mail-from, --digest-hour, --mail-per-hour) and the sender they make.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "core/clock.h"
#include "core/database.h"
#include "server/mail/mail_sender.h"

namespace samrad::server::mail {

struct MailOptions {
  std::string smtp_url;        // empty: the Maildir DATA/maildir
  std::string smtp_auth_file;  // "user:password", mode 0600
  std::string smtp_ca_file;    // empty: the system's CAs verify the SMTP server
  std::string mail_from;       // empty: "Samråd <noreply@HOST>"
  int digest_hour = 7;         // Europe/Stockholm
  int per_hour = 20;
  bool off = false;            // --no-mail: nothing composed or sent
};

// Adds the e-mail flags to serve's command line.
void AddMailOptions(CLI::App& serve, MailOptions& options);

// The host of a base URL ("https://samrad.example.se:8443/x" -> samrad.example.se).
std::string HostOf(const std::string& base_url);

// The sender for a data folder, not yet started. host names this site in
// Message-IDs and the default From. Errors: kInvalidArgument for a bad
// --smtp-url, --smtp-auth-file or --smtp-ca-file.
Result<std::unique_ptr<MailSender>> MakeMailSender(std::shared_ptr<Database> db, std::shared_ptr<Clock> clock,
                                                   const MailOptions& options, const std::string& host);

}  // namespace samrad::server::mail
