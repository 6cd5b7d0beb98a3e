// Registry implementation.
#include "opendata/registry.h"

namespace samrad::opendata {

void Registry::Add(DatasetSpec spec) { fixed_.push_back(std::move(spec)); }

void Registry::AddProvider(std::function<std::vector<DatasetSpec>()> provider) {
  providers_.push_back(std::move(provider));
}

std::vector<DatasetSpec> Registry::All() const {
  std::vector<DatasetSpec> out = fixed_;
  for (const auto& p : providers_) {
    for (auto& d : p()) out.push_back(std::move(d));
  }
  return out;
}

std::optional<DatasetSpec> Registry::Find(const std::string& name) const {
  for (const auto& d : fixed_) {
    if (d.name == name) return d;
  }
  for (const auto& p : providers_) {
    for (auto& d : p()) {
      if (d.name == name) return d;
    }
  }
  return std::nullopt;
}

bool Registry::IsBuiltin(const std::string& name) const {
  for (const auto& d : fixed_) {
    if (d.name == name) return true;
  }
  return false;
}

}  // namespace samrad::opendata
