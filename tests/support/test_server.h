// End-to-end test support: runs the real `samrad serve` on a free loopback
// port with a fresh data folder, and talks HTTP to it.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace samrad::testing {

struct HttpResult {
  int status = 0;
  std::string body;
  std::multimap<std::string, std::string> headers;  // names lower-cased

  nlohmann::json json() const;
  std::string header(const std::string& name) const;
};

// Runs `samrad` with arguments and returns its exit code and output.
struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};
CommandResult RunSamrad(const std::vector<std::string>& args);
// Runs any program (looked up on PATH) and returns its exit code and output.
CommandResult RunCommand(const std::vector<std::string>& argv);

// A memory figure of a process from /proc/PID/status in kB ("VmRSS" now,
// "VmHWM" its peak so far); -1 when it cannot be read.
long ProcessMemoryKb(int pid, const std::string& field);

// A fresh temporary folder, removed on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

class TestServer {
 public:
  // Starts the server on a fresh data folder. With a clock file, the server's
  // time is whatever epoch seconds the test writes there (SetTime).
  explicit TestServer(bool fixed_clock = false, std::vector<std::string> extra_args = {});
  ~TestServer();

  // Stops with SIGTERM (or kills with SIGKILL) and starts again on the same
  // data folder and a new port.
  void Restart(bool kill = false);
  // Stops the server; returns its exit status (for SIGTERM tests).
  int Stop(int signal = 15);
  void SetTime(int64_t epoch);

  HttpResult Request(const std::string& method, const std::string& path,
                     const std::string& body = "", const std::string& token = "",
                     std::map<std::string, std::string> headers = {});
  HttpResult Get(const std::string& path, const std::string& token = "",
                 std::map<std::string, std::string> headers = {}) {
    return Request("GET", path, "", token, std::move(headers));
  }
  HttpResult Post(const std::string& path, const nlohmann::json& body,
                  const std::string& token = "") {
    return Request("POST", path, body.dump(), token);
  }
  HttpResult Patch(const std::string& path, const nlohmann::json& body,
                   const std::string& token = "") {
    return Request("PATCH", path, body.dump(), token);
  }
  HttpResult Put(const std::string& path, const nlohmann::json& body,
                 const std::string& token = "") {
    return Request("PUT", path, body.dump(), token);
  }
  HttpResult Delete(const std::string& path, const std::string& token = "") {
    return Request("DELETE", path, "", token);
  }

  // Creates a user through `samrad admin create-user` and signs in; returns
  // the bearer token.
  std::string UserToken(const std::string& role, const std::string& name = "");
  // Registers a resident through the API and signs in.
  std::string ResidentToken(const std::string& name = "");
  std::string Login(const std::string& email, const std::string& password);

  const std::string& data_dir() const { return data_.path(); }
  int port() const { return port_; }
  int pid() const { return pid_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  void Start();
  TempDir data_;
  std::string clock_file_;
  std::vector<std::string> extra_args_;
  int pid_ = -1;
  int port_ = 0;
  int user_counter_ = 0;
};

}  // namespace samrad::testing
