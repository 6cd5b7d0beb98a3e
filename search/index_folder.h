// Where the index lives in the data folder, and the atomic swap that puts a
// freshly built index in place of the live one.
#pragma once

#include <cstdint>
#include <string>

#include "core/status.h"

namespace samrad::search {

// DATA/index: the live index.
std::string LiveIndexDir(const std::string& data_dir);
// DATA/index.new: where `samrad reindex` builds.
std::string NewIndexDir(const std::string& data_dir);

// Identifies the folder now at path (device and inode), 0 when missing. A
// reader or writer that opened the index notices a swap when this changes.
uint64_t FolderIdentity(const std::string& path);

// Exchanges DATA/index.new with DATA/index in one rename (renameat2
// RENAME_EXCHANGE; a plain rename when there is no live index yet), then
// removes the old index. At every instant DATA/index is a complete index.
Status SwapInNewIndex(const std::string& data_dir);

// Flushes every file of the folder, and the folder itself, to disk (fsync).
// An index built without syncing is durable after this. Errors: kInternal.
Status SyncFolder(const std::string& dir);

}  // namespace samrad::search
