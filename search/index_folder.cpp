// Index folder paths and swap.
#include "search/index_folder.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace samrad::search {

std::string LiveIndexDir(const std::string& data_dir) { return data_dir + "/index"; }
std::string NewIndexDir(const std::string& data_dir) { return data_dir + "/index.new"; }

uint64_t FolderIdentity(const std::string& path) {
  struct stat st;
  if (stat(path.c_str(), &st) != 0) return 0;
  return (static_cast<uint64_t>(st.st_dev) << 40) ^ static_cast<uint64_t>(st.st_ino);
}

namespace {
Status SyncPath(const std::string& path, int flags) {
  int fd = open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) return Status(Code::kInternal, "cannot open " + path + ": " + std::strerror(errno));
  int rc = fsync(fd);
  int err = errno;
  close(fd);
  if (rc != 0) return Status(Code::kInternal, "cannot sync " + path + ": " + std::strerror(err));
  return Status::Ok();
}
}  // namespace

Status SyncFolder(const std::string& dir) {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (!entry.is_regular_file()) continue;
    if (Status s = SyncPath(entry.path().string(), O_RDONLY); !s.ok()) return s;
  }
  if (ec) return Status(Code::kInternal, "cannot list " + dir + ": " + ec.message());
  return SyncPath(dir, O_RDONLY | O_DIRECTORY);
}

Status SwapInNewIndex(const std::string& data_dir) {
  std::string live = LiveIndexDir(data_dir);
  std::string fresh = NewIndexDir(data_dir);
  if (FolderIdentity(live) == 0) {
    if (std::rename(fresh.c_str(), live.c_str()) != 0) {
      return Status(Code::kInternal, "cannot move " + fresh + " to " + live + ": " + std::strerror(errno));
    }
    return SyncPath(data_dir, O_RDONLY | O_DIRECTORY);
  }
  if (renameat2(AT_FDCWD, fresh.c_str(), AT_FDCWD, live.c_str(), RENAME_EXCHANGE) != 0) {
    return Status(Code::kInternal, "cannot swap " + fresh + " with " + live + ": " + std::strerror(errno));
  }
  // The exchange itself reaches the disk with the parent folder.
  if (Status s = SyncPath(data_dir, O_RDONLY | O_DIRECTORY); !s.ok()) return s;
  // index.new now holds the old index; readers that still have its files open
  // keep reading them until they notice the swap.
  std::error_code ec;
  std::filesystem::remove_all(fresh, ec);
  return Status::Ok();
}

}  // namespace samrad::search
