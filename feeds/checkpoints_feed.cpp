// Checkpoints feed builder: one entry per hour with a checkpoint, the last
// one signed in that hour, its signed note whole.
#include "feeds/checkpoints_feed.h"

#include "core/clock.h"
#include "core/tlog_checkpoint.h"
#include "feeds/entry_text.h"

namespace samrad::feeds {

namespace {
struct Hourly {
  int64_t size;
  std::string note;
  std::string signed_at;
};

// The newest checkpoint of each hour with size below `before`, newest first.
std::vector<Hourly> Read(db::Connection& c, int64_t before, int limit) {
  std::vector<Hourly> out;
  auto& st = c.Prepare(
      "SELECT size, note, signed_at FROM tlog_checkpoints WHERE size IN "
      "(SELECT MAX(size) FROM tlog_checkpoints GROUP BY substr(signed_at, 1, 13)) "
      "AND size < ?1 ORDER BY size DESC LIMIT ?2");
  st.Bind(1, before).Bind(2, limit);
  while (st.Step()) out.push_back({st.Int(0), st.Text(1), st.Text(2)});
  st.Reset();
  return out;
}

Entry MakeEntry(const FeedQuery& q, const Hourly& h) {
  Entry e;
  e.id = TagUri(q.base_url, "tlog/checkpoint/" + std::to_string(h.size));
  e.title = "Kontrollpunkt: " + std::to_string(h.size) + " poster";
  e.links.push_back({q.base_url + "/log", "alternate", "text/html", ""});
  e.links.push_back({q.base_url + "/tlog/checkpoint", "related", "text/plain", "checkpoint"});
  e.updated = e.published = ParseTime(h.signed_at).value_or(0);
  e.authors.push_back({"Samråd", q.base_url + "/"});
  e.summary = h.note;
  e.content_html = "<pre>" + EscapeHtml(h.note) + "</pre>";
  return e;
}
}  // namespace

void RegisterCheckpointsFeed(FeedRegistry& registry, std::shared_ptr<Database> db) {
  registry.Register({"checkpoints", "/feeds/checkpoints", [db](const FeedQuery& q) -> Result<FeedPage> {
                       FeedPage page;
                       Feed& f = page.feed;
                       f.id = TagUri(q.base_url, "feeds/checkpoints");
                       f.title = "Samråd: beslutsloggens kontrollpunkter";
                       f.subtitle = "Loggens underskrivna kontrollpunkter (C2SP tlog-checkpoint), den senaste varje timme.";
                       f.authors.push_back({"Samråd", q.base_url + "/"});
                       f.links.push_back({q.base_url + "/log", "alternate", "text/html", ""});
                       std::vector<Hourly> rows;
                       Status s = db->Read([&](db::Connection& c) {
                         rows = Read(c, q.before.value_or(INT64_MAX), q.limit + 1);
                         return Status::Ok();
                       });
                       if (!s.ok()) return s;
                       if (static_cast<int>(rows.size()) > q.limit) {
                         rows.pop_back();
                         page.older = rows.back().size;
                       }
                       for (const auto& h : rows) f.entries.push_back(MakeEntry(q, h));
                       if (!f.entries.empty()) f.updated = f.entries.front().updated;
                       return page;
                     }});
}

}  // namespace samrad::feeds
