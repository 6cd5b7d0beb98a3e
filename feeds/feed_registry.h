// The registry of feed kinds. Each kind of feed plugs in by registering a
// builder that makes one page of its Feed from core services; the HTTP
// routes, paging links, caching and both formats come for free.
//
// Adding a feed (e.g. comments of one consultation, decisions, datasets,
// search): write feeds/<kind>_feed.cpp with a Register<Kind>Feed(registry,
// services...) that calls registry.Register({name, path, builder, ...}) with
//  - path: the URL without extension; {id} segments become route parameters
//    (query.params["id"]), e.g. "/feeds/consultations/{id}/comments";
//  - builder: returns entries newest first, at most query.limit, starting
//    below query.before when set, and `older` (the `before` value of the next
//    older page) when more history exists. Use stable entry ids from TagUri()
//    and the same id for every later version of an item (amendments are
//    updates); a hidden item is an Entry with removed = true and no body;
//    a builder that reads query.q (search) gets it passed through.
//  - stable_pages: true for an archived feed (RFC 5005 section 4): the
//    builder serves fixed blocks with BlockFromEvents (feeds/archive_feed.h)
//    from entries that never change once written (read from event payloads,
//    not from current state); query.limit is the block size.
// Then call the register function at the end of App::Open (server/app.cpp)
// and document the path in schemas/openapi/feeds.json. Builders should read
// the event log or services only: the cache is dropped on every commit.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "feeds/feed.h"

namespace samrad::feeds {

inline constexpr int kDefaultPageSize = 50;
inline constexpr int kMaxPageSize = 200;

struct FeedQuery {
  std::string base_url;                       // public base URL, no trailing slash
  std::map<std::string, std::string> params;  // from the path pattern, e.g. id
  std::optional<int64_t> before;              // an older page: position from `older`
  std::optional<int64_t> archive;             // archived feeds: archive k (from 1)
  int limit = kDefaultPageSize;
  std::string q;  // free text, for feeds that search
};

struct FeedPage {
  Feed feed;                     // without self and history links: the service adds them
  std::optional<int64_t> older;  // `before` of the next older page; nullopt at the end
  // Archived feeds (stable_pages) only: archives 1..complete_archives are
  // complete and never change; archive is the one served (0: the current
  // document); moved_to, when set, names the document a request is
  // redirected to instead (0: the current document).
  int64_t complete_archives = 0;
  int64_t archive = 0;
  std::optional<int64_t> moved_to;
};

using FeedBuilder = std::function<Result<FeedPage>(const FeedQuery&)>;

struct FeedKind {
  std::string name;  // e.g. "consultations"
  std::string path;  // e.g. "/feeds/consultations"
  FeedBuilder build;
  bool stable_pages = false;  // older pages never change: archive documents
  // False when the builder reads something that changes after a commit
  // (the search index follows the log a moment later): built every time.
  bool cached = true;
};

// Filled once at start-up, read-only afterwards (so reads need no lock).
class FeedRegistry {
 public:
  void Register(FeedKind kind) { kinds_.push_back(std::move(kind)); }
  const std::vector<FeedKind>& kinds() const { return kinds_; }
  // nullptr when no kind has that name.
  const FeedKind* Find(const std::string& name) const {
    for (const auto& k : kinds_) {
      if (k.name == name) return &k;
    }
    return nullptr;
  }

 private:
  std::vector<FeedKind> kinds_;
};

// A tag URI (RFC 4151) that never changes while the public host name stays:
// "tag:HOST,2026:" + specific, HOST taken from the base URL.
std::string TagUri(const std::string& base_url, const std::string& specific);

}  // namespace samrad::feeds
