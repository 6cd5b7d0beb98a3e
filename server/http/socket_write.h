// Writing response bytes straight to a connection's socket, beside Pistache:
// used for streamed bodies and for every whole answer, which Pistache 0.0.5
// would copy several times through its growing response buffer.
#pragma once

#include <string>
#include <string_view>


namespace samrad::server {

// Writes all bytes to a non-blocking socket, waiting (poll) while the
// client's receive window is full. False when the client has gone or has
// not read anything for a minute.
bool WriteAll(int fd, std::string_view data);

// Sends head then body with one sendmsg, without waiting. Returns what the
// socket did not take at once (empty when all was sent or the client has
// gone), for the caller to queue on its event loop.
std::string SendWithoutWaiting(int fd, std::string_view head, std::string_view body);

}  // namespace samrad::server
