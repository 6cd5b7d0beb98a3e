// For tests: a fresh data folder in the temporary directory with its
// database and a fixed clock, removed with everything in it at the end. A
// fixture derives from it and sets its services up on db and clock.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "core/clock.h"
#include "core/crypto.h"
#include "core/database.h"

namespace samrad::testing {

struct DataFolder {
  // name: a word in the folder's name, to tell which test left one behind.
  DataFolder(const std::string& name, int64_t now)
      : dir(Fresh(name)), db(Database::Open(dir.string(), true).value()), clock(std::make_shared<FixedClock>(now)) {}
  ~DataFolder() { std::filesystem::remove_all(dir); }
  DataFolder(const DataFolder&) = delete;
  DataFolder& operator=(const DataFolder&) = delete;

  std::filesystem::path dir;
  std::shared_ptr<Database> db;
  std::shared_ptr<FixedClock> clock;

 private:
  static std::filesystem::path Fresh(const std::string& name) {
    crypto::InitCrypto();
    return std::filesystem::temp_directory_path() / ("samrad-" + name + "-" + crypto::RandomToken(6));
  }
};

}  // namespace samrad::testing
