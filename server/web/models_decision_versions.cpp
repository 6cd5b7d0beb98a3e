// View models of a decision's versions and of what a decision answers: the
// version page with word diffs, version labels, closing notes, answered
// comments grouped by consultation.
#include "core/clock.h"
#include "core/markdown.h"
#include "server/web/format.h"
#include "server/web/journalist_models.h"
#include "server/web/word_diff.h"

namespace samrad::server {

using nlohmann::json;

namespace {
constexpr size_t kExcerptBytes = 240;
constexpr std::string_view kPseudonymSv = "Invånare ";

std::string Date(const WebContext& ctx, const std::string& rfc3339) {
  json t = TimeView(rfc3339, ctx.lang);
  return t.is_object() ? t["date"].get<std::string>() : rfc3339;
}

// The first kExcerptBytes of text, cut at a space and never inside a UTF-8 character.
std::string Excerpt(const std::string& text) {
  if (text.size() <= kExcerptBytes) return text;
  size_t cut = kExcerptBytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  size_t space = text.rfind(' ', cut);
  if (space != std::string::npos && space > kExcerptBytes / 2) cut = space;
  return text.substr(0, cut) + " …";
}

std::string Shown(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_null()) return "";
  return value.dump();
}

std::string DecisionUrl(int64_t id) { return "/decisions/" + std::to_string(id); }

// One changed field: its label and the word diff of what it said before and now.
json ChangeView(const WebContext& ctx, const std::string& field, const json& change) {
  std::string from = Shown(change.value("from", json())), to = Shown(change.value("to", json()));
  std::string diff;
  if (field == "body") {
    diff = MarkdownDiffHtml(from, to);
  } else if (field == "outcome") {
    diff = WordDiffHtml(ctx.Text("outcome_" + from), ctx.Text("outcome_" + to));
  } else {
    diff = WordDiffHtml(from, to);
  }
  return {{"field_label", ctx.Text("field_" + field)}, {"diff_html", diff}};
}
}  // namespace

std::string FillMessage(std::string text, const std::vector<std::pair<std::string, std::string>>& values) {
  for (const auto& [name, value] : values) {
    const std::string key = "{" + name + "}";
    for (size_t at = text.find(key); at != std::string::npos; at = text.find(key, at + value.size())) {
      text.replace(at, key.size(), value);
    }
  }
  return text;
}

std::string AuthorLabel(const WebContext& ctx, const Author& a) {
  if (a.kind == "deleted") return ctx.Text("author_deleted");
  if (a.kind == "pseudonym" && a.name.starts_with(kPseudonymSv)) {
    return ctx.Text("journalist_pseudonym_prefix") + " " + a.name.substr(kPseudonymSv.size());
  }
  return a.name;
}

std::string HitTitle(const WebContext& ctx, const std::string& type, const std::string& title) {
  if (type != "comment") return title;
  for (std::string_view prefix : {"Kommentar till: ", "Comment on: "}) {
    if (title.starts_with(prefix)) return ctx.Text("journalist_comment_on") + " " + title.substr(prefix.size());
  }
  return title;
}

std::string VersionLabel(const WebContext& ctx, const DecisionVersion& v) {
  std::string key = v.version == 1 ? "journalist_version_published"
                    : v.outcome == "revoked" && v.changes.is_object() && v.changes.contains("outcome")
                        ? "journalist_version_revoked"
                        : "journalist_version_amended";
  return FillMessage(ctx.Text(key), {{"date", Date(ctx, v.published_at)}, {"reason", v.reason.value_or("")}});
}

json VersionLinks(const DecisionVersion& v) {
  std::string page = DecisionUrl(v.decision_id) + "/versions/" + std::to_string(v.version);
  return {{"url", page},
          {"api_url", "/api/v1" + page},
          {"log_url", v.log_seq > 0 ? json("/log/" + std::to_string(v.log_seq)) : json(nullptr)}};
}

json ClosingNote(const WebContext& ctx, const Consultation& k) {
  if (k.state != "decided" && k.state != "closed") return nullptr;
  auto closes = ParseTime(k.closes_at);
  auto decided = k.decided_at ? ParseTime(*k.decided_at) : std::nullopt;
  if (decided && closes && *decided < *closes) {
    return FillMessage(ctx.Text("journalist_closed_early"),
                       {{"date", Date(ctx, *k.decided_at)}, {"closes", Date(ctx, k.closes_at)}});
  }
  return FillMessage(ctx.Text("journalist_closed_on_time"), {{"date", Date(ctx, k.closes_at)}});
}

json AnsweredGroups(const WebContext& ctx, const std::vector<Comment>& comments,
                    const std::vector<Consultation>& consultations) {
  json groups = json::array();
  for (const auto& k : consultations) {
    json items = json::array();
    for (const auto& c : comments) {
      if (c.consultation_id != k.id) continue;
      items.push_back({{"url", "/comments/" + std::to_string(c.id)},
                       {"excerpt", c.hidden ? json(nullptr) : json(Excerpt(c.body))},
                       {"hidden", c.hidden},
                       {"author", AuthorLabel(ctx, c.author)},
                       {"official", c.official},
                       {"posted", TimeView(c.created_at, ctx.lang)}});
    }
    if (items.empty()) continue;
    groups.push_back({{"title", k.title},
                      {"content_lang", k.language},
                      {"url", "/consultations/" + std::to_string(k.id)},
                      {"closing_note", ClosingNote(ctx, k)},
                      {"comments", items}});
  }
  return groups;
}

json DecisionVersionView(const WebContext& ctx, const Decision& d, int n) {
  if (n < 1 || n > static_cast<int>(d.versions.size())) return nullptr;
  const DecisionVersion& v = d.versions[n - 1];
  json changes = json::array();
  if (v.changes.is_object()) {
    for (const auto& [field, change] : v.changes.items()) changes.push_back(ChangeView(ctx, field, change));
  }
  std::string base = DecisionUrl(v.decision_id) + "/versions/";
  json view = VersionLinks(v);
  view.update({{"decision_url", DecisionUrl(v.decision_id)},
               {"decision_title", d.current.title},
               {"title", v.title},
               {"version", v.version},
               {"heading", FillMessage(ctx.Text("journalist_version_heading"), {{"n", std::to_string(v.version)}})},
               {"label", VersionLabel(ctx, v)},
               {"published", TimeView(v.published_at, ctx.lang)},
               {"outcome", v.outcome},
               {"outcome_label", ctx.Text("outcome_" + v.outcome)},
               {"changes", changes},
               {"first", v.version == 1},
               {"body_html", RenderMarkdown(v.body)},
               {"log_seq", v.log_seq},
               {"entry_hash", v.entry_hash},
               {"is_current", v.version == d.current.version},
               {"prev_url", n > 1 ? json(base + std::to_string(n - 1)) : json(nullptr)},
               {"next_url", n < static_cast<int>(d.versions.size()) ? json(base + std::to_string(n + 1)) : json(nullptr)}});
  return view;
}

}  // namespace samrad::server
