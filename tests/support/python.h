// Runs small Python 3 scripts from end-to-end tests, so that downloads are
// checked by independent parsers (csv, json, rdflib) rather than our own.
#pragma once

#include <cstdio>
#include <fstream>
#include <string>

#include "tests/support/test_server.h"

namespace samrad::testing {

struct PythonResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

// Writes script to a file in dir and runs `python3 FILE ARGS...`.
inline PythonResult RunPython(const std::string& dir, const std::string& script,
                              const std::string& args = "") {
  std::string path = dir + "/check.py";
  std::ofstream(path) << script;
  PythonResult r;
  FILE* p = popen(("/usr/bin/python3 " + path + " " + args + " 2>&1").c_str(), "r");
  if (!p) return r;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.output.append(buf, n);
  int status = pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

// Writes bytes to dir/name and returns the path.
inline std::string WriteFile(const std::string& dir, const std::string& name,
                             const std::string& bytes) {
  std::string path = dir + "/" + name;
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

// Publishes a CSV as an official: POST /api/v1/datasets with metadata in
// the query string.
inline HttpResult Upload(TestServer& s, const std::string& token, const std::string& query,
                         const std::string& csv,
                         const std::string& content_type = "text/csv; charset=utf-8") {
  return s.Request("POST", "/api/v1/datasets?" + query, csv, token,
                   {{"Content-Type", content_type}});
}

}  // namespace samrad::testing
