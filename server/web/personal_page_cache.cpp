// PersonalPageCache: one map under one mutex; a hit copies a shared pointer.
#include "server/web/personal_page_cache.h"

namespace samrad::server {

namespace {
// Pages that follow the clock may lag it by this much at most.
constexpr int64_t kMaxAgeMs = 1000;

// What a reader's parts take in memory, about: the map node, the session
// and token, and the reactions' tree nodes with their strings.
size_t BytesOf(const PersonalParts& p, const std::string& session) {
  return sizeof(PersonalParts) + 96 + session.capacity() + p.token.capacity() +
         p.reactions.size() * (sizeof(std::pair<const int64_t, std::string>) + 48);
}
}  // namespace

std::optional<PersonalParts> PersonalEntry::PartsOf(int64_t user_id, const std::string& session) const {
  std::lock_guard lock(mu_);
  auto it = readers_.find(user_id);
  if (it == readers_.end()) return std::nullopt;
  PersonalParts p = it->second.parts;
  // The token is the session's: another session of the reader gets its own.
  if (it->second.session != session) p.token.clear();
  return p;
}

PersonalEntry::Bytes PersonalEntry::Keep(const PersonalParts& parts, const std::string& session) const {
  std::lock_guard lock(mu_);
  auto [it, added] = readers_.try_emplace(parts.user_id, Reader{session, parts});
  Reader& kept = it->second;
  if (added) return {0, BytesOf(kept.parts, kept.session)};
  // Counted as stored, so that what was added is what is taken away.
  size_t before = BytesOf(kept.parts, kept.session);
  // Two requests of the session missed the entry together: kept already.
  if (kept.session == session) return {before, before};
  kept = Reader{session, parts};
  return {before, BytesOf(kept.parts, kept.session)};
}

std::shared_ptr<const PersonalEntry> PersonalPageCache::Get(const std::string& key, const PageVersion& v,
                                                            int64_t now_ms) const {
  if (max_bytes_ == 0) return nullptr;
  std::lock_guard lock(mu_);
  if (!(newest_ == v)) return nullptr;
  auto it = entries_.find(key);
  if (it == entries_.end()) return nullptr;
  const Stored& s = it->second;
  if (now_ms - s.made_ms >= kMaxAgeMs || now_ms < s.made_ms) return nullptr;
  return s.entry;
}

void PersonalPageCache::Put(const std::string& key, const PageVersion& v, int64_t now_ms,
                            std::shared_ptr<const PersonalEntry> e) {
  if (max_bytes_ == 0) return;
  size_t size = key.size() + 512 + (e->page ? e->page->bytes() : 0);
  if (size > max_bytes_ / 4) {
    // One page may not push out most others: kept as one to render whole,
    // which costs less than making it shared for each request.
    e = std::make_shared<const PersonalEntry>();
    size = key.size() + 512;
  }
  std::lock_guard lock(mu_);
  if (v.data < newest_.data) return;
  if (!(v == newest_)) {
    // Everything stored was made from data, or at a second, that has passed.
    entries_.clear();
    bytes_ = 0;
    newest_ = v;
  }
  if (auto old = entries_.find(key); old != entries_.end()) {
    bytes_ -= old->second.bytes;
    entries_.erase(old);
  }
  if (bytes_ + size > max_bytes_) {
    entries_.clear();
    bytes_ = 0;
  }
  entries_[key] = {std::move(e), now_ms, size};
  bytes_ += size;
}

void PersonalPageCache::Keep(const std::string& key, const std::shared_ptr<const PersonalEntry>& e,
                             const PersonalParts& parts, const std::string& session) {
  std::lock_guard lock(mu_);
  auto it = entries_.find(key);
  // An entry dropped meanwhile is no longer counted: nothing more is kept with it.
  if (it == entries_.end() || it->second.entry != e) return;
  if (bytes_ + BytesOf(parts, session) > max_bytes_) return;
  // The entry's and the cache's counts hold what the reader's parts took before.
  auto [before, after] = e->Keep(parts, session);
  it->second.bytes = it->second.bytes - before + after;
  bytes_ = bytes_ - before + after;
}

size_t PersonalPageCache::bytes() const {
  std::lock_guard lock(mu_);
  return bytes_;
}

}  // namespace samrad::server
