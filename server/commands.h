// The command-line commands of `samrad`; each returns the process exit code.
#pragma once

#include <string>

#include "opendata/open_data.h"
#include "server/http/access_policy.h"
#include "server/http/server.h"

namespace samrad::server {

int RunServe(const std::string& data, const ServeOptions& options, size_t max_body,
             const opendata::OpenDataOptions& open_data, const AccessPolicy& access = {});
int RunCreateUser(const std::string& data, const std::string& email, const std::string& password,
                  const std::string& name, const std::string& role);
int RunDemoData(const std::string& data);
int RunVerifyLog(const std::string& data);
int RunBackup(const std::string& data, const std::string& to);
int RunReindex(const std::string& data);

}  // namespace samrad::server
