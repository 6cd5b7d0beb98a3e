// View models: plain JSON for the mustache templates, built from domain
// values, free of HTTP. One function per thing a page shows; pages compose
// them. New page areas (comment threads, moderation queue, search results,
// the data catalogue) add their own functions here and in their own
// web_models_<area>.cpp.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/comment.h"
#include "core/comment_answers.h"
#include "core/comment_service.h"
#include "core/moderation_service.h"
#include "core/consultation.h"
#include "core/consultation_service.h"
#include "core/decision_service.h"
#include "opendata/registry.h"
#include "search/search_request.h"
#include "server/web/form.h"
#include "server/web/page.h"

namespace samrad::server {

// A consultation in a list: {id, url, title, summary, content_lang, state,
// state_label, opens, closes, area, tags: [{name, url}]}.
nlohmann::json ConsultationCard(const WebContext& ctx, const Consultation& k);
// The consultation page: the card plus body_html, sections, linked decisions
// ("you said, we did") and the comments block.
nlohmann::json ConsultationView(const WebContext& ctx, const Consultation& k);
// A decision in a list: {id, url, title, reference, body_name, outcome,
// outcome_label, decided, version}.
nlohmann::json DecisionCard(const WebContext& ctx, const DecisionVersion& v);
// The decision page: the card plus body_html, votes, roll call, versions
// with what changed, and the verification block (log_seq, entry_hash).
// titles gives the linked consultations' titles by id where known.
nlohmann::json DecisionView(const WebContext& ctx, const Decision& d,
                            const std::map<int64_t, std::string>& titles);
// {next_url} for a keyset list: the same filters plus the cursor.
nlohmann::json Pager(const std::string& path,
                     std::vector<std::pair<std::string, std::string>> filters,
                     const std::optional<std::string>& next_cursor);
// <option> views with the current value selected: {value, label, selected}.
nlohmann::json Options(const WebContext& ctx, const std::vector<std::string>& values,
                       const std::string& label_prefix, const std::string& selected,
                       bool with_any = false);

// Atom and RSS links of the named site feeds (consultations, decisions):
// [{atom, rss, label}], for the page and its <head>.
nlohmann::json FeedLinks(const WebContext& ctx, const std::vector<std::string>& names);
// The search page's results (snippets as HTML), facets as links that add or
// take away a filter, the suggestion ("did you mean", or followed with a
// link to the words as typed) and paging; params are the page's own search
// parameters (q, type, state, outcome, area, from, to, sort, as_typed, offset).
nlohmann::json SearchView(const WebContext& ctx, const std::map<std::string, std::string>& params,
                          const search::SearchResult& r, int limit, int offset);
// The facets alone, [{name, heading, values: [{label, count, url, selected}]}],
// translated; values without words in the catalogue are left out.
nlohmann::json SearchFacets(const WebContext& ctx, const std::map<std::string, std::string>& params,
                            const search::SearchResult& r);
// A dataset of the catalogue with its download links.
nlohmann::json DatasetView(const WebContext& ctx, const opendata::DatasetSpec& d, const std::string& license);

extern const std::vector<std::string> kFlagReasons;   // spam, offensive, off_topic, personal_data
extern const std::vector<std::string> kCommentSorts;  // oldest, newest, supported

// What a thread view needs besides the comments: whether the consultation
// is open, the decisions answering each comment, the display depth, and a
// post re-shown with errors (target "new", "reply-ID", "edit-ID", "flag-ID").
struct CommentsState {
  bool open = false;
  std::map<int64_t, std::vector<std::pair<int64_t, std::string>>> answering;
  int max_depth = 3;
  const WebForm* form = nullptr;
  std::string target;
  FormErrors errors;
  std::string back = "consultation";  // where moderation forms return: "consultation" or "desk"
  std::map<int64_t, std::string> reactions;  // the signed-in user's own: comment id -> kind
  std::map<int64_t, std::string> section_headings;  // section id -> heading
  std::map<int64_t, int64_t> section_counts;        // section id -> comments about it
  int64_t done_id = 0;   // the comment a confirmation banner belongs to
  std::string done;      // what was done to it: posted, replied, edited, support, ...
  int page = 0;          // the thread page to show (1-based); 0: from the query
};
// One comment with its replies (down to max_depth, then a "more replies"
// link), its author as the API shows it, hidden ones with the reason only,
// and the forms the signed-in user may use on it.
nlohmann::json CommentView(WebContext& ctx, const Comment& k, const CommentsState& st, int depth);
// The hide or restore form of a comment for moderators: {url, csrf, action,
// back, submit, open, reason (field)}.
nlohmann::json ModerationFormView(WebContext& ctx, const Comment& k, const CommentsState& st,
                                  const std::string& back);
// The comments block of a consultation page: threads, sort links, pager and
// the new-comment form with its section choice, the position ("11–20 of
// 366") and page numbers. count as text.
// thread is the page-th page of size page_size, only comments on section
// when it is given.
nlohmann::json CommentsBlock(WebContext& ctx, const Consultation& k, const ThreadSlice& thread,
                             const std::string& sort, std::optional<int64_t> section, int page,
                             int page_size, const CommentsState& st);
// text with each {name} replaced by its value (for messages with numbers).
std::string FillText(std::string text, const std::vector<std::pair<std::string, std::string>>& values);
// Page numbers of a list in pages: {prev_url, next_url, items: [{number,
// url, current, gap, label}]} with the first, the last and those around
// page; null for a single page. url(n) is the address of page n.
nlohmann::json PageNumbers(const WebContext& ctx, const std::function<std::string(int)>& url, int page,
                           int pages);
// A flagged comment in the desk's queue with its flags and hide/restore form.
nlohmann::json QueueItemView(WebContext& ctx, const QueueItem& q, const CommentsState& st);
// A comment awaiting an official answer, with links to reply on the
// consultation page and to answer it with a decision from the desk.
nlohmann::json AwaitingView(const WebContext& ctx, const AnsweredComment& a);
// One of the user's own comments with the official replies and decisions
// answering it (for /me).
nlohmann::json MyCommentView(const WebContext& ctx, const AnsweredComment& a);
// Decision ids and titles answering each comment of the consultation.
std::map<int64_t, std::vector<std::pair<int64_t, std::string>>> AnsweringDecisions(const Consultation& k);

}  // namespace samrad::server
