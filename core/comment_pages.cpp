// CommentService reads for web pages with page numbers: a thread or a
// comment's replies by position with their totals, where a comment stands
// in its thread, comment counts per section and a user's own reactions.
#include "core/comment_service.h"

namespace samrad {

namespace {
// ORDER BY of a sort, or nullopt for an unknown sort.
std::optional<std::string> SortOrder(const std::string& sort) {
  if (sort == "oldest") return "c.id";
  if (sort == "newest") return "c.id DESC";
  if (sort == "supported") return "c.support DESC, c.id";
  return std::nullopt;
}

// The condition "comes before comment ?2 (support ?3)" of a sort.
std::string BeforeCondition(const std::string& sort) {
  if (sort == "newest") return "c.id > ?2";
  if (sort == "supported") return "(c.support > ?3 OR (c.support = ?3 AND c.id < ?2))";
  return "c.id < ?2";
}

Status BadSort() { return InvalidField("/sort", "sort must be oldest, newest or supported"); }
}  // namespace

bool ThreadPlace::InThreadRead() const {
  if (path.size() > static_cast<size_t>(kReplyLevels) + 1) return false;
  for (size_t i = 1; i < reply_positions.size(); ++i) {
    if (reply_positions[i] >= kRepliesShown) return false;
  }
  return true;
}

Result<ThreadSlice> CommentService::ThreadAt(int64_t consultation_id, const std::string& sort,
                                             std::optional<int64_t> section_id, int64_t offset, int limit) {
  auto order = SortOrder(sort);
  if (!order) return BadSort();
  ThreadSlice out;
  Status s = db_->Read([&](db::Connection& c) -> Status {
    if (Status o = CheckOpen(c, consultation_id, false); !o.ok()) return o;
    std::string where = "c.consultation_id = ?1 AND c.parent_id IS NULL AND (?2 IS NULL OR c.section_id = ?2)";
    auto& count = c.Prepare("SELECT COUNT(*) FROM comments c WHERE " + where);
    count.Bind(1, consultation_id).Bind(2, section_id).Step();
    out.total = count.Int(0);
    count.Reset();
    auto& st = c.Prepare(CommentQueries::Select() + "WHERE " + where + " ORDER BY " + *order +
                         " LIMIT ?3 OFFSET ?4");
    st.Bind(1, consultation_id).Bind(2, section_id).Bind(3, limit).Bind(4, offset);
    while (st.Step()) out.items.push_back(queries_->Row(st));
    st.Reset();
    queries_->AttachThread(c, out.items);
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

Result<ThreadSlice> CommentService::RepliesAt(int64_t comment_id, int64_t offset, int limit) {
  ThreadSlice out;
  Status s = db_->Read([&](db::Connection& c) -> Status {
    auto parent = queries_->Load(c, comment_id);
    if (!parent) return NotFound("no comment " + std::to_string(comment_id));
    out.total = parent->reply_count;
    std::vector<int64_t> ids;
    auto& st = c.Prepare("SELECT id FROM comments WHERE parent_id = ? ORDER BY id LIMIT ? OFFSET ?");
    st.Bind(1, comment_id).Bind(2, limit).Bind(3, offset);
    while (st.Step()) ids.push_back(st.Int(0));
    st.Reset();
    // Replies() reads from after an id: start just before the first one.
    if (!ids.empty()) out.items = queries_->Replies(c, comment_id, ids.front() - 1, limit, kReplyLevels - 1);
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

Result<ThreadPlace> CommentService::Place(int64_t comment_id, const std::string& sort) {
  if (!SortOrder(sort)) return BadSort();
  ThreadPlace out;
  Status s = db_->Read([&](db::Connection& c) -> Status {
    auto k = queries_->Load(c, comment_id);
    if (!k) return NotFound("no comment " + std::to_string(comment_id));
    out.consultation_id = k->consultation_id;
    out.path.push_back(k->id);
    for (auto parent = k->parent_id; parent;) {
      out.path.insert(out.path.begin(), *parent);
      auto& up = c.Prepare("SELECT parent_id FROM comments WHERE id = ?");
      up.Bind(1, *parent).Step();
      parent = up.OptInt(0);
      up.Reset();
    }
    out.reply_positions.assign(out.path.size(), 0);
    for (size_t i = 1; i < out.path.size(); ++i) {
      auto& before = c.Prepare("SELECT COUNT(*) FROM comments WHERE parent_id = ? AND id < ?");
      before.Bind(1, out.path[i - 1]).Bind(2, out.path[i]).Step();
      out.reply_positions[i] = before.Int(0);
      before.Reset();
    }
    auto& support = c.Prepare("SELECT support FROM comments WHERE id = ?");
    support.Bind(1, out.path.front()).Step();
    int64_t root_support = support.Int(0);
    support.Reset();
    auto& st = c.Prepare("SELECT COUNT(*) FROM comments c WHERE c.consultation_id = ?1 AND c.parent_id IS NULL AND " +
                         BeforeCondition(sort));
    st.Bind(1, out.consultation_id).Bind(2, out.path.front());
    if (sort == "supported") st.Bind(3, root_support);
    st.Step();
    out.position = st.Int(0);
    st.Reset();
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

Result<std::map<int64_t, int64_t>> CommentService::SectionCounts(int64_t consultation_id) {
  std::map<int64_t, int64_t> out;
  Status s = db_->Read([&](db::Connection& c) {
    auto& st = c.Prepare(
        "SELECT section_id, COUNT(*) FROM comments WHERE consultation_id = ? AND section_id IS NOT NULL "
        "GROUP BY section_id");
    st.Bind(1, consultation_id);
    while (st.Step()) out[st.Int(0)] = st.Int(1);
    st.Reset();
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

Result<std::map<int64_t, std::string>> CommentService::ReactionsOf(int64_t user_id,
                                                                   const std::vector<int64_t>& ids) {
  std::map<int64_t, std::string> out;
  Status s = db_->Read([&](db::Connection& c) {
    auto& st = c.Prepare("SELECT kind FROM reactions WHERE comment_id = ? AND user_id = ?");
    for (int64_t id : ids) {
      if (st.Bind(1, id).Bind(2, user_id).Step()) out[id] = st.Text(0);
      st.Reset();
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

}  // namespace samrad
