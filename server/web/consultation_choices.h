// The areas and tags that published consultations use, for the list's
// filter choices, and matching a filter value to them without regard to
// case ("fisksätra" finds "Fisksätra").
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "server/app.h"

namespace samrad::server {

struct ConsultationChoices {
  std::vector<std::string> areas;  // sorted without regard to case, one spelling each
  std::vector<std::string> tags;
};

// The choices now, read once per position of the event log. Thread-safe.
ConsultationChoices CurrentChoices(App& app);

// Lower case for comparing: ASCII and the Latin-1 letters (Å, Ä, Ö, É ...). Pure.
std::string FoldCase(const std::string& text);

// The value among values that equals wanted without regard to case, or
// nullopt. Pure.
std::optional<std::string> MatchChoice(const std::vector<std::string>& values, const std::string& wanted);

}  // namespace samrad::server
