// The lock one rebuild of the search index holds while it writes
// DATA/index.new, so that a second one is refused instead of removing the
// first one's folder under it.
#pragma once

#include <string>

#include "core/status.h"

namespace samrad::search {

class RebuildLock {
 public:
  // Takes the lock (an flock on DATA/index.new.lock, released when this is
  // destroyed or the process ends, even by a crash). Errors: kUnavailable
  // when another rebuild holds it, in this process or another; kInternal
  // when the lock file cannot be opened. Thread-safe.
  static Result<RebuildLock> Take(const std::string& data_dir);

  RebuildLock(RebuildLock&& other) noexcept;
  RebuildLock& operator=(RebuildLock&&) = delete;
  RebuildLock(const RebuildLock&) = delete;
  RebuildLock& operator=(const RebuildLock&) = delete;
  ~RebuildLock();

 private:
  explicit RebuildLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace samrad::search
