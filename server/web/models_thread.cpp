// The comments block of a consultation page: where the reader is in a long
// thread ("Comments 11–20 of 366"), page numbers, sort and section filters,
// and the new-comment form with its section choice.
#include "core/url_codec.h"
#include "server/web/models.h"

namespace samrad::server {

using nlohmann::json;

namespace {
constexpr int kPagesAround = 2;  // page numbers shown on each side of the current one

// The address of one thread page with the reader's sort and section.
std::string ThreadUrl(const std::string& path, const std::string& sort, std::optional<int64_t> section,
                      int page) {
  std::vector<std::pair<std::string, std::string>> q;
  if (sort != "oldest") q.emplace_back("sort", sort);
  if (section) q.emplace_back("section", std::to_string(*section));
  if (page > 1) q.emplace_back("page", std::to_string(page));
  return path + (q.empty() ? "" : "?" + QueryString(q)) + "#comments";
}
}  // namespace

std::string FillText(std::string text, const std::vector<std::pair<std::string, std::string>>& values) {
  for (const auto& [name, value] : values) {
    std::string key = "{" + name + "}";
    for (size_t at; (at = text.find(key)) != std::string::npos;) text.replace(at, key.size(), value);
  }
  return text;
}

json PageNumbers(const WebContext& ctx, const std::function<std::string(int)>& url, int page, int pages) {
  if (pages <= 1) return nullptr;
  json items = json::array();
  int last_shown = 0;
  for (int n = 1; n <= pages; ++n) {
    bool shown = n == 1 || n == pages || (n >= page - kPagesAround && n <= page + kPagesAround);
    if (!shown) continue;
    if (n > last_shown + 1) items.push_back({{"gap", true}});
    items.push_back({{"number", std::to_string(n)}, {"url", url(n)}, {"current", n == page}, {"gap", false},
                     {"label", FillText(ctx.Text("resident_page_n"), {{"n", std::to_string(n)}})}});
    last_shown = n;
  }
  return {{"prev_url", page > 1 ? json(url(page - 1)) : json(nullptr)},
          {"next_url", page < pages ? json(url(page + 1)) : json(nullptr)},
          {"items", items}};
}

namespace {

// Links that show the comments on one section, or on all of them.
json SectionFilter(const WebContext& ctx, const Consultation& k, const std::string& path, const std::string& sort,
                   std::optional<int64_t> section, const std::map<int64_t, int64_t>& counts) {
  if (k.sections.empty()) return nullptr;
  json items = json::array({{{"label", ctx.Text("resident_all_sections")}, {"current", !section},
                             {"url", ThreadUrl(path, sort, std::nullopt, 1)}}});
  for (const auto& s : k.sections) {
    auto n = counts.find(s.id);
    items.push_back({{"label", s.heading + " (" + std::to_string(n == counts.end() ? 0 : n->second) + ")"},
                     {"current", section == s.id}, {"url", ThreadUrl(path, sort, s.id, 1)}});
  }
  return {{"items", items}};
}

// The section choice of the new-comment form, preselected from the filter.
json SectionField(WebContext& ctx, const Consultation& k, const CommentsState& st, bool reshown,
                  std::optional<int64_t> section) {
  if (k.sections.empty()) return nullptr;
  std::string chosen = reshown ? st.form->Get("section_id") : section ? std::to_string(*section) : "";
  json options = json::array({{{"value", ""}, {"label", ctx.Text("resident_section_whole")}, {"selected", chosen.empty()}}});
  for (const auto& s : k.sections) {
    std::string id = std::to_string(s.id);
    options.push_back({{"value", id}, {"label", s.heading}, {"selected", id == chosen}});
  }
  return FieldView(ctx, "section_id", chosen, reshown ? st.errors : FormErrors{},
                   {{"options", options}, {"id_prefix", "new-"}, {"label", ctx.Text("resident_label_section")}});
}
}  // namespace

json CommentsBlock(WebContext& ctx, const Consultation& k, const ThreadSlice& thread, const std::string& sort,
                   std::optional<int64_t> section, int page, int page_size, const CommentsState& st) {
  json threads = json::array();
  for (const auto& c : thread.items) threads.push_back(CommentView(ctx, c, st, 0));
  std::string path = "/consultations/" + std::to_string(k.id);
  json sorts = json::array();
  for (const auto& s : kCommentSorts) {
    sorts.push_back({{"label", ctx.Text("sort_" + s)}, {"current", s == sort}, {"url", ThreadUrl(path, s, section, 1)}});
  }
  int pages = static_cast<int>((thread.total + page_size - 1) / page_size);
  int64_t from = static_cast<int64_t>(page - 1) * page_size + 1;
  int64_t to = from + static_cast<int64_t>(thread.items.size()) - 1;
  json position = nullptr;
  if (!thread.items.empty()) {
    position = FillText(ctx.Text("resident_thread_range"),
                    {{"from", std::to_string(from)}, {"to", std::to_string(to)}, {"total", std::to_string(thread.total)}});
  }
  auto url = [&](int n) { return ThreadUrl(path, sort, section, n); };
  json block = {{"count", std::to_string(k.comment_count)},
                {"position", position},
                {"threads", threads},
                {"empty", threads.empty()},
                {"sorts", sorts},
                {"section_filter", SectionFilter(ctx, k, path, sort, section, st.section_counts)},
                {"pages", PageNumbers(ctx, url, page, pages)},
                {"open", st.open},
                {"signed_in", ctx.req.actor.has_value()},
                {"login_url", "/login?next=" + PercentEncode(path + "#comment-form")},
                {"feed", {{"atom", "/feeds/consultations/" + std::to_string(k.id) + "/comments.atom"},
                          {"rss", "/feeds/consultations/" + std::to_string(k.id) + "/comments.rss"}}},
                {"form", nullptr}};
  if (st.open && ctx.req.actor) {
    bool reshown = st.form && st.target == "new";
    block["form"] = {{"csrf", ctx.FormToken()},
                     {"action", path + "/comments#error-summary"},
                     {"section", SectionField(ctx, k, st, reshown, section)},
                     {"body", FieldView(ctx, "body", reshown ? st.form->Get("body") : "", reshown ? st.errors : FormErrors{},
                                        {{"rows", 5}, {"required", true}, {"id_prefix", "new-"},
                                         {"label", ctx.Text("label_comment_body")}})}};
  }
  return block;
}

}  // namespace samrad::server
