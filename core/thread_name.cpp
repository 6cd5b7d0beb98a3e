// Thread names through pthread_setname_np (Linux, glibc).
#include "core/thread_name.h"

#include <pthread.h>

namespace samrad {

void NameThread(std::thread::native_handle_type thread, const std::string& role) {
  std::string name = ("samrad-" + role).substr(0, 15);
  pthread_setname_np(thread, name.c_str());
}

std::string ThisThreadName() {
  char name[16] = {};
  if (pthread_getname_np(pthread_self(), name, sizeof name) != 0) return {};
  return name;
}

}  // namespace samrad
