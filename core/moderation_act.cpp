// The reasons a flag may give, shared by comments and free-text answers.
#include "core/moderation_act.h"

namespace samrad {

bool IsFlagReason(const std::string& reason) {
  return reason == "spam" || reason == "offensive" || reason == "off_topic" || reason == "personal_data";
}

}  // namespace samrad
