// samrad: the command line (serve, admin create-user, demo-data, verify-log,
// backup).
#include <CLI/CLI.hpp>
#include <csignal>
#include <iostream>

#include "core/crypto.h"
#include "server/commands.h"

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
  serve->add_option("--threads", opts.threads, "Worker threads")->check(CLI::Range(1, 64))->capture_default_str();
  serve->add_option("--max-body", max_body, "Largest request body in bytes")
      ->check(CLI::Range(size_t{1024}, size_t{256} << 20))
      ->capture_default_str();
  serve->add_flag("--secure-cookies", opts.secure_cookies,
                  "Mark web cookies Secure (behind a TLS proxy that sends no X-Forwarded-Proto)");
  serve->callback([&] { result = samrad::server::RunServe(data, opts, max_body); });

  auto* admin = cli.add_subcommand("admin", "Administration");
  admin->require_subcommand(1);
  auto* create = admin->add_subcommand("create-user", "Create an account with a role");
  std::string email, password, name, role = "resident";
  create->add_option("--data", data, "Data folder")->required();
  create->add_option("--email", email, "E-mail address")->required();
  create->add_option("--password", password, "Password (at least 8 characters)")->required();
  create->add_option("--name", name, "Display name")->required();
  create->add_option("--role", role, "resident, moderator, official or admin")->capture_default_str();
  create->callback([&] { result = samrad::server::RunCreateUser(data, email, password, name, role); });

  auto* demo = cli.add_subcommand("demo-data", "Load a demo municipality");
  demo->add_option("--data", data, "Data folder")->required();
  demo->callback([&] { result = samrad::server::RunDemoData(data); });

  auto* verify = cli.add_subcommand("verify-log", "Recompute the event log's hash chain");
  verify->add_option("--data", data, "Data folder")->required();
  verify->callback([&] { result = samrad::server::RunVerifyLog(data); });

  auto* backup = cli.add_subcommand("backup", "Take an online, consistent copy of the database");
  std::string to;
  backup->add_option("--data", data, "Data folder")->required();
  backup->add_option("--to", to, "Destination file")->required();
  backup->callback([&] { result = samrad::server::RunBackup(data, to); });

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e);
  }
  return result;
}
