// RebuildLock: an flock on a file beside the index folders.
#include "search/rebuild_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "search/index_folder.h"

namespace samrad::search {

Result<RebuildLock> RebuildLock::Take(const std::string& data_dir) {
  // The file stays: removing it would let a third rebuild lock a new file
  // while the second still holds the old one.
  std::string path = NewIndexDir(data_dir) + ".lock";
  int fd = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return Status(Code::kInternal, "cannot open " + path + ": " + std::strerror(errno));
  // Each open() is a lock of its own, so two rebuilds in one process exclude
  // each other as two processes do.
  if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
    int err = errno;
    close(fd);
    if (err == EWOULDBLOCK)
      return Status(Code::kUnavailable, "another rebuild of the search index is running");
    return Status(Code::kInternal, "cannot lock " + path + ": " + std::strerror(err));
  }
  return RebuildLock(fd);
}

RebuildLock::RebuildLock(RebuildLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

RebuildLock::~RebuildLock() {
  if (fd_ >= 0) close(fd_);
}

}  // namespace samrad::search
