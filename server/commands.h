// The command-line commands of `samrad`; each returns the process exit code.
#pragma once

#include <string>
#include <vector>

#include "opendata/open_data.h"
#include "server/http/access_policy.h"
#include "server/http/server.h"
#include "server/mail/mail_setup.h"
#include "server/tlog_setup.h"

namespace samrad::server {

int RunServe(const std::string& data, const ServeOptions& options, size_t max_body,
             const opendata::OpenDataOptions& open_data, const AccessPolicy& access = {},
             const LogOptions& log = {}, const mail::MailOptions& mail = {});
int RunCreateUser(const std::string& data, const std::string& email, const std::string& password,
                  const std::string& name, const std::string& role);
int RunDemoData(const std::string& data);
int RunVerifyLog(const std::string& data);
int RunBackup(const std::string& data, const std::string& to);
int RunReindex(const std::string& data);
// Lists the e-mail outbox (counts, failed messages with their errors); with
// retry_id, puts that failed message back in the queue first.
int RunMailQueue(const std::string& data, int64_t retry_id);
// Prints the log's verifier key (creating the key named origin when missing).
int RunLogKey(const std::string& data, const std::string& origin);
// Audits the log at url against its verifier key (and required witness
// keys), keeping the last good checkpoint in state: 0 ok, 1 a failure or
// fork, 2 a usage or I/O error.
int RunAudit(const std::string& url, const std::string& key, const std::string& state,
             const std::vector<std::string>& witness_keys, bool full);

}  // namespace samrad::server
