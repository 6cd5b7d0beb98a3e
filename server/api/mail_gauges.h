// The e-mail outbox as /metrics gauges: samrad_mail_queued (waiting for a
// first attempt), _retrying (waiting after a failed one, or in hand),
// _sent, _failed (for good), and _oldest_unsent_seconds, the age of the
// oldest message not yet sent nor failed (0 when none waits): it grows
// when delivery is stuck, whatever the cause.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "core/database.h"

namespace samrad::server {

// Reads the gauges inside the caller's read transaction; now is epoch seconds.
std::map<std::string, double> MailGauges(db::Connection& c, int64_t now);

}  // namespace samrad::server
