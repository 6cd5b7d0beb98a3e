// IndexWriter: event application and commits.
#include "search/index_writer.h"

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
  tg_.set_database(db_);  // BuildDocument adds title words to the spelling data
  std::string seq = db_.get_metadata(kMetaLastSeq);
  last_seq_ = seq.empty() ? 0 : std::stoll(seq);
}

Status IndexWriter::Write(const std::vector<IndexAction>& actions) {
  for (const auto& a : actions) {
    std::string id_term = kPrefixKey + a.key;
    if (a.document) {
      db_.replace_document(id_term, BuildDocument(*a.document, tg_));
    } else {
      db_.delete_document(id_term);
    }
  }
  return Status::Ok();
}

Status IndexWriter::Apply(const std::vector<Event>& events) {
  // Sources read the current state, so only the last event of each subject in
  // the batch needs resolving.
  std::unordered_map<std::string, size_t> last_of;
  for (size_t i = 0; i < events.size(); ++i) last_of[events[i].subject] = i;
  Status failure;
  int64_t applied = last_seq_;
  try {
    for (size_t i = 0; i < events.size(); ++i) {
      if (last_of[events[i].subject] == i) {
        auto actions = sources_->Resolve(events[i]);
        if (!actions.ok()) {
          failure = actions.status();
          break;
        }
        Write(actions.value());
      }
      applied = events[i].seq;
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
