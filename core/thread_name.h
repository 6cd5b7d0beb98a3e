// Names for the service's own threads, as `top -H`, `ps -L`, gdb and perf
// show them (the kernel keeps 15 bytes of a name).
#pragma once

#include <string>
#include <thread>

namespace samrad {

// Names thread (a std::thread's or std::jthread's native_handle(), named by
// the thread that started it, so the name is there before the thread runs)
// "samrad-" + role, cut to 15 bytes.
void NameThread(std::thread::native_handle_type thread, const std::string& role);

// The calling thread's name as the kernel keeps it.
std::string ThisThreadName();

}  // namespace samrad
