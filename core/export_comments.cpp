// ExportQueries::Comments: comments with their public authors. Page by page:
// one keyset query for the rows and one range query for their moderation
// times, so a million rows cost little more than reading the table.
#include <algorithm>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "core/comment_queries.h"
#include "core/export_queries.h"

namespace samrad {

namespace {
using K = Cell::Kind;

// The body of a hidden comment is never selected.
constexpr const char* kPageSql =
    "SELECT c.id, c.consultation_id, c.parent_id, c.section_id, c.author_id, u.display_name, "
    "u.public_name, u.deleted_at, c.official, CASE WHEN c.hidden THEN NULL ELSE c.body END, "
    "c.created_at, c.edited_at, c.version, c.hidden, c.hidden_reason "
    "FROM comments c JOIN users u ON u.id = c.author_id "
    "JOIN consultations k ON k.id = c.consultation_id "
    "WHERE c.id > ? AND k.published_at IS NOT NULL ORDER BY c.id LIMIT ?";
constexpr const char* kModeratedSql =
    "SELECT comment_id, MAX(at) FROM moderation_acts WHERE comment_id BETWEEN ? AND ? "
    "GROUP BY comment_id";
constexpr size_t kMaxCached = 1 << 16;  // pseudonyms remembered per export

// Cells are assigned in place: rows are reused page after page, so their
// strings keep their capacity and a page costs no allocation.
void SetText(Cell& c, std::string_view text) {
  c.kind = K::kString;
  c.text.assign(text);
}

void SetBool(Cell& c, bool value) {
  c.kind = K::kBoolean;
  c.text.assign(value ? std::string_view("true") : std::string_view("false"));
}

// (author, consultation): one pseudonym each.
struct PairHash {
  size_t operator()(const std::pair<int64_t, int64_t>& p) const {
    return std::hash<int64_t>()(p.first * 0x9E3779B97F4A7C15ull ^ p.second);
  }
};

struct PendingRow {
  Row row;
  int64_t id = 0;
  int64_t author_id = 0;
  std::string modified;  // from the comment itself; moderation times added later
};
}  // namespace

Status ExportQueries::Comments(const ExportQuery& q, const RowCallback& cb) {
  std::string secret;
  std::unordered_map<std::pair<int64_t, int64_t>, std::string, PairHash> pseudonyms;
  std::vector<PendingRow> page;
  int64_t after = 0;
  bool more = true;
  while (more) {
    size_t used = 0;
    Status s = db_->Read([&](db::Connection& c) {
      if (secret.empty()) {
        auto& st = c.Prepare("SELECT value FROM secrets WHERE name = 'pseudonym'");
        if (st.Step()) secret = st.Text(0);
        st.Reset();
      }
      auto& st = c.Prepare(kPageSql);
      st.Bind(1, after).Bind(2, q.page_size);
      while (st.Step()) {
        if (page.size() <= used) page.emplace_back();
        PendingRow& p = page[used++];
        Row& row = p.row;
        row.resize(14);
        for (int i = 0; i < 4; ++i) PutCell(row, i, K::kInteger, st, i);
        p.id = st.Int(0);
        p.author_id = st.Int(4);
        int64_t consultation = st.Int(1);
        if (!st.IsNull(7)) {
          SetText(row[4], "deleted account");
          SetText(row[5], "deleted");
        } else if (st.Int(6) != 0) {
          SetText(row[4], st.View(5));
          SetText(row[5], "public");
        } else {
          std::pair<int64_t, int64_t> key(p.author_id, consultation);
          auto it = pseudonyms.find(key);
          if (it == pseudonyms.end()) {
            if (pseudonyms.size() >= kMaxCached) pseudonyms.clear();
            it = pseudonyms.emplace(key, Pseudonym(secret, p.author_id, consultation)).first;
          }
          SetText(row[4], it->second);
          SetText(row[5], "pseudonym");
        }
        SetBool(row[6], st.Int(8) != 0);
        PutCell(row, 7, K::kString, st, 9);
        PutCell(row, 8, K::kString, st, 10);
        PutCell(row, 9, K::kString, st, 11);
        PutCell(row, 10, K::kInteger, st, 12);
        SetBool(row[11], st.Int(13) != 0);
        PutCell(row, 12, K::kString, st, 14);
        // Changes to the author's account (name shown or hidden, deletion)
        // leave the time alone: they touch all of one person's comments at
        // the moment the log records for that account, so modified_since
        // would join the person's pseudonyms across consultations.
        p.modified.assign(std::max(st.View(10), st.View(11)));
        after = st.Int(0);
      }
      st.Reset();
      if (used == 0) return Status::Ok();
      // Moderation times of the page, by comment id.
      std::unordered_map<int64_t, std::string> moderated;
      auto& m = c.Prepare(kModeratedSql);
      m.Bind(1, page[0].id).Bind(2, after);
      while (m.Step()) moderated.emplace(m.Int(0), m.Text(1));
      m.Reset();
      for (size_t i = 0; i < used; ++i) {
        PendingRow& p = page[i];
        if (!moderated.empty()) {
          auto mt = moderated.find(p.id);
          if (mt != moderated.end() && mt->second > p.modified) p.modified = mt->second;
        }
        SetText(p.row[13], p.modified);
      }
      return Status::Ok();
    });
    if (!s.ok()) return s;
    if (static_cast<int>(used) < q.page_size) more = false;
    // Handed on outside the read, so a slow reader holds no snapshot.
    for (size_t i = 0; i < used; ++i) {
      if (q.modified_since && page[i].modified < *q.modified_since) continue;
      if (!cb(page[i].row)) return Status::Ok();
    }
  }
  return Status::Ok();
}

}  // namespace samrad
