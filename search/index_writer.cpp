// IndexWriter: event application and commits.
#include "search/index_writer.h"

#include <algorithm>
#include <atomic>
#include <optional>
#include <thread>
#include <unordered_map>

#include "search/index_schema.h"

namespace samrad::search {

Result<std::unique_ptr<IndexWriter>> IndexWriter::Open(const std::string& dir,
                                                       const SourceRegistry* sources, bool aside) {
  try {
    int flags = Xapian::DB_CREATE_OR_OPEN | (aside ? Xapian::DB_NO_SYNC | Xapian::DB_DANGEROUS : 0);
    Xapian::WritableDatabase db(dir, flags);
    if (db.get_metadata(kMetaFormat).empty()) {
      db.set_metadata(kMetaFormat, kFormat);
      db.commit();
    }
    return std::unique_ptr<IndexWriter>(new IndexWriter(std::move(db), sources));
  } catch (const Xapian::Error& e) {
    return Status(Code::kUnavailable, "search index " + dir + ": " + e.get_description());
  }
}

IndexWriter::IndexWriter(Xapian::WritableDatabase db, const SourceRegistry* sources)
    : db_(std::move(db)), sources_(sources) {
  std::string seq = db_.get_metadata(kMetaLastSeq);
  last_seq_ = seq.empty() ? 0 : std::stoll(seq);
}

namespace {
// Batches smaller than this are prepared on the writer's thread alone.
constexpr size_t kParallelFrom = 64;
constexpr unsigned kMaxPrepareThreads = 4;

// What one event turns into, resolved and built away from the writer: the
// keys with their documents (nullopt: remove), or a failure.
struct Change {
  std::string key;
  std::optional<Xapian::Document> doc;
  std::vector<std::string> spelling;
};
struct Prepared {
  Status status;
  std::vector<Change> changes;
};

// Resolves the events through the sources (reads) and builds their documents
// (term generation), on up to one thread per core: the writer then only has
// to hand the documents to Xapian.
std::vector<Prepared> Prepare(const SourceRegistry& sources, const std::vector<const Event*>& todo) {
  std::vector<Prepared> out(todo.size());
  std::atomic<size_t> next{0};
  auto work = [&] {
    Xapian::TermGenerator tg;
    for (size_t i; (i = next++) < todo.size();) {
      try {
        auto actions = sources.Resolve(*todo[i]);
        if (!actions.ok()) {
          out[i].status = actions.status();
          continue;
        }
        for (const auto& a : actions.value()) {
          if (!a.document) {
            out[i].changes.push_back({a.key, std::nullopt, {}});
            continue;
          }
          out[i].changes.push_back({a.key, BuildDocument(*a.document, tg), SpellingWords(*a.document)});
        }
      } catch (const Xapian::Error& e) {
        out[i].status = Status(Code::kInternal, "search index: " + e.get_description());
      }
    }
  };
  unsigned threads = todo.size() < kParallelFrom
                         ? 1
                         : std::clamp(std::thread::hardware_concurrency(), 1u, kMaxPrepareThreads);
  std::vector<std::thread> helpers;
  for (unsigned t = 1; t < threads; ++t) helpers.emplace_back(work);
  work();
  for (auto& h : helpers) h.join();
  return out;
}
}  // namespace

Status IndexWriter::Apply(const std::vector<Event>& events) {
  // Sources read the current state, so only the last event of each subject in
  // the batch needs resolving, per source: a later event of the same subject
  // that another source (or none) resolves, such as a reaction on a comment,
  // does not stand in for the comment's own event.
  std::vector<std::string> keys(events.size());
  std::unordered_map<std::string, size_t> last_of;
  for (size_t i = 0; i < events.size(); ++i) {
    auto source = sources_->SourceFor(events[i].kind);
    if (!source) continue;  // nothing to index for this kind
    keys[i] = *source + '\0' + events[i].subject;
    last_of[keys[i]] = i;
  }
  std::vector<const Event*> todo;
  for (size_t i = 0; i < events.size(); ++i) {
    if (!keys[i].empty() && last_of[keys[i]] == i) todo.push_back(&events[i]);
  }
  std::vector<Prepared> prepared = Prepare(*sources_, todo);
  Status failure;
  int64_t applied = last_seq_;
  try {
    size_t next = 0;  // into todo and prepared
    for (const auto& e : events) {
      if (next < todo.size() && todo[next] == &e) {
        Prepared& p = prepared[next++];
        if (!p.status.ok()) {
          failure = p.status;
          break;
        }
        for (auto& [key, doc, spelling] : p.changes) {
          std::string id_term = kPrefixKey + key;
          if (doc) {
            AddSpelling(db_, spelling);
            db_.replace_document(id_term, *doc);
          } else {
            db_.delete_document(id_term);
          }
        }
      }
      applied = e.seq;
    }
    if (applied != last_seq_) {
      db_.set_metadata(kMetaLastSeq, std::to_string(applied));
      db_.commit();
      last_seq_ = applied;
    }
  } catch (const Xapian::Error& e) {
    // last_seq_ did not move, so the caller retries the whole batch; changes
    // already buffered are idempotent replays of the same current state.
    return Status(Code::kInternal, "search index: " + e.get_description());
  }
  return failure;
}

Result<size_t> IndexWriter::ApplyNext(Database& db, int batch) {
  std::vector<Event> events;
  Status s = db.Read([&](db::Connection& c) {
    events = EventLog::List(c, last_seq_, batch);
    return Status::Ok();
  });
  if (!s.ok()) return s;
  if (events.empty()) return size_t{0};
  if (Status a = Apply(events); !a.ok()) return a;
  return events.size();
}

}  // namespace samrad::search
