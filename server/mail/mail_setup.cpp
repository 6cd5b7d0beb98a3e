// E-mail flags and the sender's assembly (see mail_setup.h).
#include "server/mail/mail_setup.h"

#include "server/mail/maildir_transport.h"
#include "server/mail/smtp_transport.h"

namespace samrad::server::mail {

void AddMailOptions(CLI::App& serve, MailOptions& o) {
  serve.add_option("--smtp-url", o.smtp_url,
                   "SMTP server for e-mail, smtp://HOST:PORT (STARTTLS when offered) or smtps://HOST:PORT "
                   "(default: no server, each message becomes a file in DATA/maildir/new)");
  serve.add_option("--smtp-auth-file", o.smtp_auth_file,
                   "File holding user:password for SMTP AUTH, readable by its owner only (the password is sent "
                   "over TLS only: smtps://, or smtp:// with STARTTLS)");
  serve.add_option("--smtp-ca-file", o.smtp_ca_file,
                   "PEM file of the CA certificates that may sign the SMTP server's certificate "
                   "(default: the system's)");
  serve.add_option("--mail-from", o.mail_from, "From of e-mail (default: Samråd <noreply@HOST of the base URL>)");
  serve.add_option("--digest-hour", o.digest_hour,
                   "Hour (Swedish time, Europe/Stockholm) when daily and weekly (Monday) digests go out")
      ->check(CLI::Range(0, 23))
      ->capture_default_str();
  serve.add_option("--mail-per-hour", o.per_hour,
                   "E-mail messages per recipient and hour; more wait for the next daily digest")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  serve.add_flag("--no-mail", o.off,
                 "Compose and send no e-mail (notifications stay on the site; the outbox keeps what it holds)");
}

std::string HostOf(const std::string& base_url) {
  size_t start = base_url.find("://");
  start = start == std::string::npos ? 0 : start + 3;
  size_t end = base_url.find_first_of(":/", start);
  std::string host = base_url.substr(start, end == std::string::npos ? std::string::npos : end - start);
  return host.empty() ? "localhost" : host;
}

Result<std::unique_ptr<MailSender>> MakeMailSender(std::shared_ptr<Database> db, std::shared_ptr<Clock> clock,
                                                   const MailOptions& o, const std::string& host) {
  std::unique_ptr<MailTransport> transport;
  if (o.smtp_url.empty()) {
    transport = std::make_unique<MaildirTransport>(db->dir() + "/maildir");
  } else {
    auto smtp = SmtpTransport::Make({o.smtp_url, o.smtp_auth_file, o.smtp_ca_file});
    if (!smtp.ok()) return smtp.status();
    transport = std::move(smtp).value();
  }
  // An address's domain must be a name: a numeric host mails as localhost.
  bool numeric = host.find_first_not_of("0123456789.") == std::string::npos || host.find(':') != std::string::npos;
  MailAddress from = o.mail_from.empty()
                         ? MailAddress{"Samråd", "noreply@" + (numeric ? std::string("localhost") : host)}
                         : ParseMailAddress(o.mail_from);
  MailerOptions mailer;
  mailer.host = host;
  mailer.per_hour = o.per_hour;
  mailer.digest_hour = o.digest_hour;
  mailer.off = o.off;
  return std::make_unique<MailSender>(std::move(db), std::move(clock), std::move(transport), std::move(from),
                                      mailer);
}

}  // namespace samrad::server::mail
