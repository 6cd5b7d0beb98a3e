// TestServer: process management and a small HTTP client over cpp-httplib.
#include "tests/support/test_server.h"

#include <fcntl.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace samrad::testing {

namespace {
// With SAMRAD_CONTRACT_LOG=FILE, every exchange is appended to FILE as one
// JSON line, for the contract check against the OpenAPI document
// (tests/contract/check_contract.py).
void RecordExchange(const std::string& method, const std::string& path, const HttpResult& r) {
  static const char* log = std::getenv("SAMRAD_CONTRACT_LOG");
  if (log == nullptr || *log == '\0') return;
  static std::mutex mu;
  nlohmann::json line = {{"method", method},
                         {"path", path},
                         {"status", r.status},
                         {"content_type", r.header("content-type")},
                         {"body", r.body.size() <= (1 << 20) ? r.body : std::string()},
                         {"body_truncated", r.body.size() > (1 << 20)}};
  std::lock_guard lock(mu);
  std::ofstream(log, std::ios::app) << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
                                    << "\n";
}

std::vector<char*> Argv(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  return argv;
}
}  // namespace

nlohmann::json HttpResult::json() const {
  return nlohmann::json::parse(body, nullptr, false);
}

std::string HttpResult::header(const std::string& name) const {
  std::string lower = name;
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto it = headers.find(lower);
  return it == headers.end() ? std::string() : it->second;
}

CommandResult RunSamrad(const std::vector<std::string>& args) {
  std::vector<std::string> full = {SAMRAD_BINARY};
  full.insert(full.end(), args.begin(), args.end());
  return RunCommand(full);
}

CommandResult RunCommand(const std::vector<std::string>& full) {
  int fds[2];
  if (pipe(fds) != 0) throw std::runtime_error("pipe");
  pid_t pid = fork();
  if (pid == 0) {
    dup2(fds[1], 1);
    dup2(fds[1], 2);
    close(fds[0]);
    close(fds[1]);
    auto argv = Argv(full);
    execvp(argv[0], argv.data());
    _exit(127);
  }
  close(fds[1]);
  CommandResult r;
  char buf[4096];
  ssize_t n;
  while ((n = read(fds[0], buf, sizeof buf)) > 0) r.output.append(buf, static_cast<size_t>(n));
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return r;
}

TempDir::TempDir() {
  char tmpl[] = "/tmp/samrad-test-XXXXXX";
  if (!mkdtemp(tmpl)) throw std::runtime_error("mkdtemp");
  path_ = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

TestServer::TestServer(bool fixed_clock, std::vector<std::string> extra_args)
    : extra_args_(std::move(extra_args)) {
  if (fixed_clock) {
    clock_file_ = data_.path() + "-clock";
    SetTime(1798761600);  // 2027-01-01T00:00:00Z
  }
  Start();
}

TestServer::~TestServer() {
  Stop(SIGKILL);
  if (!clock_file_.empty()) std::remove(clock_file_.c_str());
}

void TestServer::SetTime(int64_t epoch) {
  std::ofstream(clock_file_ + ".tmp") << epoch << "\n";
  std::rename((clock_file_ + ".tmp").c_str(), clock_file_.c_str());
}

void TestServer::Start() {
  std::vector<std::string> args = {SAMRAD_BINARY, "serve", "--data", data_.path() + "/data",
                                   "--port", "0"};
  if (std::find(extra_args_.begin(), extra_args_.end(), "--threads") == extra_args_.end()) {
    args.insert(args.end(), {"--threads", "2"});
  }
  // Tests register many accounts from one address and move the fixed clock
  // weeks on with the same sessions; both limits have their own tests.
  for (const auto& [flag, value] : {std::pair<std::string, std::string>{"--registrations-per-hour", "100000"},
                                    {"--session-idle-days", "30"}}) {
    if (std::find(extra_args_.begin(), extra_args_.end(), flag) == extra_args_.end()) {
      args.insert(args.end(), {flag, value});
    }
  }
  args.insert(args.end(), extra_args_.begin(), extra_args_.end());
  int fds[2];
  if (pipe(fds) != 0) throw std::runtime_error("pipe");
  pid_ = fork();
  if (pid_ == 0) {
    dup2(fds[1], 1);
    close(fds[0]);
    close(fds[1]);
    if (!clock_file_.empty()) setenv("SAMRAD_CLOCK_FILE", clock_file_.c_str(), 1);
    // A descriptor limit for the server alone, as systemd's default of 1,024.
    if (const char* nofile = getenv("SAMRAD_TEST_NOFILE")) {
      rlim_t n = std::strtoul(nofile, nullptr, 10);
      rlimit limit{n, n};
      setrlimit(RLIMIT_NOFILE, &limit);
    }
    auto argv = Argv(args);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(fds[1]);
  // The first line says where it listens.
  std::string line;
  char c;
  while (read(fds[0], &c, 1) == 1 && c != '\n') line += c;
  // Keep draining stdout in the background so the server never blocks on it.
  std::thread([out = fds[0]] {
    char buf[1024];
    while (read(out, buf, sizeof buf) > 0) {
    }
    close(out);
  }).detach();
  auto colon = line.rfind(':');
  if (line.find("listening") == std::string::npos || colon == std::string::npos) {
    throw std::runtime_error("samrad serve did not start: '" + line + "'");
  }
  port_ = std::stoi(line.substr(colon + 1));
}

int TestServer::Stop(int signal) {
  if (pid_ <= 0) return -1;
  kill(pid_, signal);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return status;
}

void TestServer::Restart(bool kill_it) {
  Stop(kill_it ? SIGKILL : SIGTERM);
  Start();
}

HttpResult TestServer::Request(const std::string& method, const std::string& path,
                               const std::string& body, const std::string& token,
                               std::map<std::string, std::string> headers) {
  httplib::Client cli("127.0.0.1", port_);
  cli.set_read_timeout(30, 0);
  httplib::Headers h;
  for (const auto& [k, v] : headers) h.emplace(k, v);
  if (!token.empty()) h.emplace("Authorization", "Bearer " + token);
  std::string content_type = "application/json";
  if (auto it = headers.find("Content-Type"); it != headers.end()) {
    content_type = it->second;
    h.erase("Content-Type");
  }
  httplib::Result res = [&] {
    if (method == "GET") return cli.Get(path, h);
    if (method == "DELETE") return cli.Delete(path, h, body, content_type);
    if (method == "POST") return cli.Post(path, h, body, content_type);
    if (method == "PUT") return cli.Put(path, h, body, content_type);
    if (method == "PATCH") return cli.Patch(path, h, body, content_type);
    if (method == "HEAD") return cli.Head(path, h);
    throw std::runtime_error("unsupported method " + method);
  }();
  if (!res) throw std::runtime_error(method + " " + path + " failed: " + httplib::to_string(res.error()));
  HttpResult r;
  r.status = res->status;
  r.body = res->body;
  for (const auto& [k, v] : res->headers) {
    std::string lower = k;
    for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    r.headers.emplace(lower, v);
  }
  RecordExchange(method, path, r);
  return r;
}

std::string TestServer::Login(const std::string& email, const std::string& password) {
  auto r = Post("/api/v1/sessions", {{"email", email}, {"password", password}});
  if (r.status != 201) throw std::runtime_error("login failed: " + r.body);
  return r.json()["token"];
}

std::string TestServer::UserToken(const std::string& role, const std::string& name) {
  std::string email = role + std::to_string(++user_counter_) + "@test.example";
  auto r = RunSamrad({"admin", "create-user", "--data", data_.path() + "/data", "--email", email,
                      "--password", "secret-password", "--name",
                      name.empty() ? role + " " + std::to_string(user_counter_) : name,
                      "--role", role});
  if (r.exit_code != 0) throw std::runtime_error("create-user failed: " + r.output);
  return Login(email, "secret-password");
}

std::string TestServer::ResidentToken(const std::string& name) {
  std::string email = "resident" + std::to_string(++user_counter_) + "@test.example";
  auto r = Post("/api/v1/accounts",
                {{"email", email},
                 {"password", "secret-password"},
                 {"display_name", name.empty() ? "Resident " + std::to_string(user_counter_) : name}});
  if (r.status != 201) throw std::runtime_error("register failed: " + r.body);
  return Login(email, "secret-password");
}

long ProcessMemoryKb(int pid, const std::string& field) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.starts_with(field + ":")) return std::stol(line.substr(field.size() + 1));
  }
  return -1;
}

}  // namespace samrad::testing
