// The registry of document sources: for each event kind prefix, a function
// that turns an event into index actions. New kinds of content plug in here.
//
// Adding a source (comments, decisions, datasets ...):
//   1. Write search/<kind>_source.{h,cpp} with
//        void Register<Kind>Source(SourceRegistry& r, std::shared_ptr<<Kind>Service> s);
//      which calls r.Register("<kind>.", fn). fn receives the Event (kind,
//      subject such as "comment/7", payload) and returns the actions for the
//      CURRENT state of the subject, read through the core service as an
//      anonymous reader: IndexAction::Put(document) when it is public,
//      IndexAction::Remove("comment/7") when it is not (hidden, draft, gone).
//      Never read content from the payload: it may be a digest, and replays
//      (catch-up, reindex) must index today's state.
//      A source may return actions for other documents too: a decision
//      re-puts the consultations it decides so their state becomes "decided".
//      Return a non-OK Status only for transient failures (database
//      unavailable): the indexer retries the event later; kNotFound is not
//      transient, answer Remove instead.
//   2. Add one line in server/app.cpp: search::Register<Kind>Source(*registry, ...).
// Resolution must be idempotent: the indexer may resolve an event again after
// a crash, resolves only the last event of a subject (per source) within a batch, and
// `samrad reindex` replays the whole log.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/event_log.h"
#include "core/status.h"
#include "search/index_document.h"

namespace samrad::search {

using Source = std::function<Result<std::vector<IndexAction>>(const Event&)>;
// For a rebuild: the current public documents of one kind with id > after_id,
// in id order, at most limit (an empty list only at the end). Optional; a rebuild
// reads in bulk only when every registered prefix has one, and replays the
// whole log otherwise. One rebuild calls its readers from one thread at a time.
using BulkSource = std::function<Result<std::vector<IndexDocument>>(int64_t after_id, int limit)>;
// Makes the reader for one rebuild, which may keep what it read for the rest
// of that rebuild (a comment's consultation, read once for all its comments).
using BulkSourceMaker = std::function<BulkSource()>;

// A bulk source's usual body: the documents made from a page of items.
template <typename T, typename Make>
Result<std::vector<IndexDocument>> DocumentsOf(const Result<std::vector<T>>& page, Make make) {
  if (!page.ok()) return page.status();
  std::vector<IndexDocument> docs;
  docs.reserve(page.value().size());
  for (const auto& item : page.value()) docs.push_back(make(item));
  return docs;
}

// The number after the slash of a subject such as "comment/7"; nullopt when
// there is none.
std::optional<int64_t> SubjectId(const std::string& subject);

class SourceRegistry {
 public:
  // Registers fn for every event whose kind starts with prefix (e.g.
  // "consultation."). Call before the indexer starts; not thread-safe.
  void Register(std::string prefix, Source fn);
  // Registers the bulk reader of the documents the source for prefix makes:
  // fn itself for every rebuild, or a fresh one from make for each. Not
  // thread-safe.
  void RegisterBulk(std::string prefix, BulkSource fn);
  void RegisterBulkPerRebuild(std::string prefix, BulkSourceMaker make);

  // The actions for one event; an empty list for kinds nobody registered
  // (accounts, sessions ...). Thread-safe once registration is done.
  Result<std::vector<IndexAction>> Resolve(const Event& e) const;
  // The prefix of the source that resolves events of kind; nullopt when none
  // does. Two events of one subject are interchangeable only when the same
  // source resolves both: a "reaction.set" on "comment/7" resolves to nothing
  // and must not stand in for the "comment.posted" before it.
  std::optional<std::string> SourceFor(const std::string& kind) const;

  // The registered prefixes, in registration order.
  std::vector<std::string> Prefixes() const;

  // Readers for one rebuild, in registration order, when every registered
  // prefix has one; empty otherwise.
  std::vector<BulkSource> CompleteBulk() const;

 private:
  const std::pair<std::string, Source>* Find(const std::string& kind) const;

  std::vector<std::pair<std::string, Source>> sources_;
  std::vector<std::pair<std::string, BulkSourceMaker>> bulk_;
};

}  // namespace samrad::search
