// SourceRegistry: prefix lookup.
#include "search/source_registry.h"

namespace samrad::search {

std::optional<int64_t> SubjectId(const std::string& subject) {
  size_t slash = subject.find('/');
  if (slash == std::string::npos || slash + 1 >= subject.size() || subject.size() - slash > 19 ||
      subject.find_first_not_of("0123456789", slash + 1) != std::string::npos) {
    return std::nullopt;
  }
  return std::stoll(subject.substr(slash + 1));
}

void SourceRegistry::Register(std::string prefix, Source fn) {
  sources_.emplace_back(std::move(prefix), std::move(fn));
}

void SourceRegistry::RegisterBulk(std::string prefix, BulkSource fn) {
  RegisterBulkPerRebuild(std::move(prefix), [fn = std::move(fn)] { return fn; });
}

void SourceRegistry::RegisterBulkPerRebuild(std::string prefix, BulkSourceMaker make) {
  bulk_.emplace_back(std::move(prefix), std::move(make));
}

const std::pair<std::string, Source>* SourceRegistry::Find(const std::string& kind) const {
  // The longest matching prefix wins, so "comment.moderation." could refine "comment.".
  const std::pair<std::string, Source>* best = nullptr;
  for (const auto& s : sources_) {
    if (kind.starts_with(s.first) && (!best || s.first.size() >= best->first.size())) best = &s;
  }
  return best;
}

Result<std::vector<IndexAction>> SourceRegistry::Resolve(const Event& e) const {
  const auto* best = Find(e.kind);
  if (!best) return std::vector<IndexAction>{};
  return best->second(e);
}

std::optional<std::string> SourceRegistry::SourceFor(const std::string& kind) const {
  const auto* best = Find(kind);
  if (!best) return std::nullopt;
  return best->first;
}

std::vector<std::string> SourceRegistry::Prefixes() const {
  std::vector<std::string> out;
  for (const auto& s : sources_) out.push_back(s.first);
  return out;
}

std::vector<BulkSource> SourceRegistry::CompleteBulk() const {
  std::vector<BulkSource> out;
  for (const auto& [prefix, fn] : sources_) {
    bool found = false;
    for (const auto& b : bulk_) found = found || b.first == prefix;
    if (!found) return {};
  }
  for (const auto& [prefix, make] : bulk_) out.push_back(make());
  return out;
}

}  // namespace samrad::search
