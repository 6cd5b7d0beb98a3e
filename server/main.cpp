// samrad: the command line (serve, admin create-user, demo-data, verify-log,
// backup, reindex).
#include <CLI/CLI.hpp>
#include <csignal>
#include <iostream>

#include "core/crypto.h"
#include "server/commands.h"

namespace {

// serve's limits on connections and request heads (server/http/connection_guard.h).
void AddConnectionLimits(CLI::App& serve, samrad::server::GuardOptions& guard) {
  static int header_seconds = 10, keepalive_seconds = 30;
  serve.add_option("--header-timeout", header_seconds,
                   "Seconds a request's headers may take to arrive, and a body may pause")
      ->check(CLI::Range(1, 3600))
      ->capture_default_str()
      ->each([&guard](const std::string& v) { guard.header_timeout = std::chrono::seconds(std::stoi(v)); });
  serve.add_option("--keepalive-timeout", keepalive_seconds, "Seconds an idle keep-alive connection stays open")
      ->check(CLI::Range(1, 3600))
      ->capture_default_str()
      ->each([&guard](const std::string& v) { guard.keepalive_timeout = std::chrono::seconds(std::stoi(v)); });
  serve.add_option("--max-connections", guard.max_connections,
                   "Open connections in all (default: what the descriptor limit allows)");
  serve.add_option("--max-connections-per-address", guard.max_per_address,
                   "Open connections per client address (trusted proxies have none)")
      ->check(CLI::Range(size_t{1}, size_t{1} << 20))
      ->capture_default_str();
  serve.add_option("--max-header-bytes", guard.head.max_bytes, "Largest request line and headers together")
      ->check(CLI::Range(size_t{1024}, size_t{1} << 20))
      ->capture_default_str();
}

}  // namespace

int main(int argc, char** argv) {
  // An aborted download must not kill the process.
  std::signal(SIGPIPE, SIG_IGN);
  if (!samrad::crypto::InitCrypto()) {
    std::cerr << "samrad: cannot initialise libsodium" << std::endl;
    return 2;
  }
  CLI::App cli{"Samråd: citizen dialogue and open-data transparency service"};
  cli.require_subcommand(1);
  std::string data;
  int result = 0;

  auto* serve = cli.add_subcommand("serve", "Serve the web site and the API");
  samrad::server::ServeOptions opts;
  size_t max_body = 1 << 20;
  serve->add_option("--data", data, "Data folder (created on first use)")->required();
  serve->add_option("--host", opts.host, "Address to listen on")->capture_default_str();
  serve->add_option("--port", opts.port, "Port (0: any free port)")->capture_default_str();
  serve->add_option("--threads", opts.threads, "I/O threads, which answer reads")->check(CLI::Range(1, 64))->capture_default_str();
  serve->add_option("--write-threads", opts.write_threads, "Threads for writes, each waiting for its durable group commit")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  serve->add_option("--base-url", opts.base_url,
                    "Public base URL for absolute links in feeds and the open-data catalog "
                    "(default http://HOST:PORT)");
  serve->add_option("--cache-mb", opts.cache_mb,
                    "Memory in MiB for cached answers, kept until the data changes: a quarter for signed-in pages, "
                    "the rest for answers shared by signed-out readers (0: none)")
      ->check(CLI::Range(size_t{0}, size_t{1} << 16))
      ->capture_default_str();
  serve->add_option("--report-cache-mb", opts.report_cache_mb,
                    "Memory in MiB for rendered consultation reports, kept until their data changes: a third each "
                    "for HTML, JSON and PDF, the oldest dropped first (0: none)")
      ->check(CLI::Range(size_t{0}, size_t{1} << 16))
      ->capture_default_str();
  serve->add_option("--max-body", max_body, "Largest request body in bytes")
      ->check(CLI::Range(size_t{1024}, size_t{256} << 20))
      ->capture_default_str();
  samrad::opendata::OpenDataOptions od;
  serve->add_option("--publisher-name", od.publisher_name, "Publisher of the open data")
      ->capture_default_str();
  serve->add_option("--publisher-email", od.publisher_email, "Contact e-mail for the open data")
      ->capture_default_str();
  serve->add_option("--publisher-url", od.publisher_url, "Publisher's home page")->capture_default_str();
  serve->add_option("--publisher-iri", od.publisher_iri,
                    "IRI naming the publisher (default BASE/opendata/catalog#publisher)");
  serve->add_option("--spatial-iri", od.spatial_iri,
                    "IRI of the area the open data covers (dct:spatial)")
      ->capture_default_str();
  serve->add_option("--license", od.license, "Default open-data license (CC0-1.0, CC-BY-4.0, CC-BY-SA-4.0, ODbL-1.0)")
      ->check(CLI::IsMember({"CC0-1.0", "CC-BY-4.0", "CC-BY-SA-4.0", "ODbL-1.0"}))
      ->capture_default_str();
  serve->add_option("--max-upload", od.max_upload_bytes,
                    "Largest CSV an official may upload to POST /api/v1/datasets, in bytes")
      ->check(CLI::Range(size_t{1024}, size_t{1} << 30))
      ->capture_default_str();
  serve->add_flag("--secure-cookies", opts.secure_cookies,
                  "Mark web cookies Secure (behind a TLS proxy that sends no X-Forwarded-Proto)");
  AddConnectionLimits(*serve, opts.guard);
  serve->add_option("--registrations-per-hour", opts.registrations_per_hour,
                    "New accounts allowed per client address and hour")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  serve->add_option("--follows-per-hour", opts.follows_per_hour,
                    "Follow-by-e-mail requests allowed per client address and hour")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  serve->add_option("--session-idle-days", opts.session_idle_days,
                    "Days a sign-in session may lie unused before it ends (30 at most in all)")
      ->check(CLI::Range(1, 30))
      ->capture_default_str();
  samrad::server::AccessPolicy access;
  auto address_rule = [](const std::string& s) {
    return samrad::server::IsAddressRule(s) ? std::string() : "not an IP address or ADDR/BITS network: " + s;
  };
  serve->add_option("--trusted-proxy", access.trusted_proxies,
                    "A reverse proxy (address or ADDR/BITS, repeatable) whose X-Forwarded-For names the client")
      ->check(address_rule);
  serve->add_option("--metrics-allow", access.metrics_allow,
                    "An address or ADDR/BITS (repeatable) that may read /metrics (default: loopback only)")
      ->check(address_rule);
  serve->add_option("--metrics-token", access.metrics_token,
                    "A bearer token that opens /metrics from any address");
  serve->add_option("--websub-allow", opts.websub_allow,
                    "An address or ADDR/BITS (repeatable) where WebSub callbacks may lie although it is loopback, "
                    "private, link-local or otherwise refused")
      ->check(address_rule);
  samrad::server::mail::MailOptions mail;
  samrad::server::mail::AddMailOptions(*serve, mail);
  samrad::server::LogOptions log;
  serve->add_option("--log-origin", log.origin,
                    "Origin and key name of the transparency log when its key is made "
                    "(default: the base URL's host and path, then /tlog)");
  serve->add_option("--witness", log.witnesses,
                    "A witness that cosigns checkpoints, URL=VKEY (repeatable; C2SP tlog-witness)");
  serve->callback([&] { result = samrad::server::RunServe(data, opts, max_body, od, access, log, mail); });

  auto* admin = cli.add_subcommand("admin", "Administration");
  admin->require_subcommand(1);
  auto* create = admin->add_subcommand("create-user", "Create an account with a role");
  std::string email, password, name, role = "resident";
  create->add_option("--data", data, "Data folder")->required();
  create->add_option("--email", email, "E-mail address")->required();
  create->add_option("--password", password, "Password (at least 10 characters, not a common one)")->required();
  create->add_option("--name", name, "Display name")->required();
  create->add_option("--role", role, "resident, moderator, official or admin")->capture_default_str();
  create->callback([&] { result = samrad::server::RunCreateUser(data, email, password, name, role); });

  auto* demo = cli.add_subcommand("demo-data", "Load a demo municipality");
  demo->add_option("--data", data, "Data folder")->required();
  demo->callback([&] { result = samrad::server::RunDemoData(data); });

  auto* verify = cli.add_subcommand("verify-log", "Recompute the event log's hash chain");
  verify->add_option("--data", data, "Data folder")->required();
  verify->callback([&] { result = samrad::server::RunVerifyLog(data); });

  auto* log_key = cli.add_subcommand("log-key", "Print the transparency log's verifier key (C2SP signed note)");
  std::string key_origin = "localhost/tlog";
  log_key->add_option("--data", data, "Data folder")->required();
  log_key->add_option("--log-origin", key_origin, "Key name when the key does not exist yet")->capture_default_str();
  log_key->callback([&] { result = samrad::server::RunLogKey(data, key_origin); });

  auto* audit = cli.add_subcommand("audit", "Check a Samråd transparency log from outside, keeping its checkpoint");
  std::string audit_url, audit_key, audit_state;
  std::vector<std::string> audit_witnesses;
  bool audit_full = false;
  audit->add_option("--url", audit_url, "The site's base URL (or its /tlog prefix)")->required();
  audit->add_option("--key", audit_key, "The log's verifier key (samrad log-key)")->required();
  audit->add_option("--state", audit_state, "File keeping the last checkpoint seen")->required();
  audit->add_option("--witness-key", audit_witnesses, "A witness's verifier key whose cosignature is required (repeatable)");
  audit->add_flag("--full", audit_full, "Re-fetch every tile and entry and recompute the root");
  audit->callback([&] {
    result = samrad::server::RunAudit(audit_url, audit_key, audit_state, audit_witnesses, audit_full);
  });

  auto* backup = cli.add_subcommand("backup", "Take an online, consistent copy of the database");
  std::string to;
  backup->add_option("--data", data, "Data folder")->required();
  backup->add_option("--to", to, "Destination file")->required();
  backup->callback([&] { result = samrad::server::RunBackup(data, to); });

  auto* reindex = cli.add_subcommand("reindex", "Rebuild the search index from the database");
  reindex->add_option("--data", data, "Data folder")->required();
  reindex->callback([&] { result = samrad::server::RunReindex(data); });

  auto* mail_queue = cli.add_subcommand("mail-queue", "Show the e-mail outbox: counts and failed messages");
  int64_t retry_id = 0;
  mail_queue->add_option("--data", data, "Data folder")->required();
  mail_queue->add_option("--retry", retry_id, "Put this failed message (its id) back in the queue");
  mail_queue->callback([&] { result = samrad::server::RunMailQueue(data, retry_id); });

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e);
  }
  return result;
}
