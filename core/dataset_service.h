// Datasets published by officials: stored whole in one transaction with
// their dataset.published event, or not at all.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/database.h"
#include "core/dataset.h"
#include "core/status.h"
#include "core/user.h"

namespace samrad {

// Fills the next row's cells (nullopt: an empty cell); false when there are
// no more rows. Called inside the write transaction.
using UploadRows = std::function<bool(std::vector<std::optional<std::string>>* cells)>;

class DatasetService {
 public:
  DatasetService(std::shared_ptr<Database> db, std::shared_ptr<Clock> clock)
      : db_(std::move(db)), clock_(std::move(clock)) {}

  // OK when the actor may publish datasets (officials and admins), else
  // kUnauthenticated or kPermissionDenied.
  static Status MayPublish(const Actor& actor);
  // True for names the open-data routes and catalog IRIs use themselves
  // (catalog, publisher, contact, datapackage, datasets ...): a dataset of
  // that name would shadow them.
  static bool IsReservedName(const std::string& name);
  // Stores the dataset and every row from rows, and appends dataset.published
  // (metadata whole, content as SHA-256) in the same transaction. Fills id,
  // row_count, published_at and log_seq. kConflict when the name is taken,
  // kInvalidArgument (/name) when it is reserved.
  // Thread-safe, as are all methods.
  Result<DatasetInfo> Publish(const Actor& actor, DatasetInfo info, const UploadRows& rows);
  // Every published dataset, oldest first.
  Result<std::vector<DatasetInfo>> List();
  // kNotFound when there is no dataset of that name.
  Result<DatasetInfo> Get(const std::string& name);

 private:
  std::shared_ptr<Database> db_;
  std::shared_ptr<Clock> clock_;
};

}  // namespace samrad
