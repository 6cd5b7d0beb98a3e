// Public JSON forms of comments.
#include "core/comment.h"

#include "core/tlog_links.h"

namespace samrad {

using nlohmann::json;

namespace {
json Opt(const std::optional<int64_t>& v) { return v ? json(*v) : json(nullptr); }
json Opt(const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); }
}  // namespace

json ToJson(const Comment& c, bool with_replies) {
  json j = {{"id", c.id},
            {"url", "/api/v1/comments/" + std::to_string(c.id)},
            {"consultation_id", c.consultation_id},
            {"parent_id", Opt(c.parent_id)},
            {"section_id", Opt(c.section_id)},
            {"author", {{"name", c.author.name}, {"kind", c.author.kind}, {"official", c.author.official}}},
            {"official", c.official},
            {"answered_by", c.answered_by},
            {"created_at", c.created_at},
            {"edited_at", Opt(c.edited_at)},
            {"version", c.version},
            {"support", c.support},
            {"oppose", c.oppose},
            {"reply_count", c.reply_count},
            {"hidden", c.hidden}};
  tlog::AddLogLinks(j, c.log_seq);
  if (c.hidden) {
    j["moderation_reason"] = Opt(c.hidden_reason);
  } else {
    j["body"] = c.body;
  }
  if (with_replies) {
    json replies = json::array();
    for (const auto& r : c.replies) replies.push_back(ToJson(r, true));
    j["replies"] = std::move(replies);
    j["replies_cursor"] = Opt(c.replies_cursor);
  }
  return j;
}

json VersionsJson(const Comment& c, const std::vector<CommentVersion>& versions) {
  json items = json::array();
  for (const auto& v : versions) {
    json item = {{"version", v.version}, {"created_at", v.created_at}};
    if (!c.hidden) item["body"] = v.body;
    items.push_back(std::move(item));
  }
  return {{"comment_id", c.id}, {"hidden", c.hidden}, {"items", items}};
}

}  // namespace samrad
