// Where comments are shown: the address of a comment in its thread (for the
// redirect after a post), the page of one comment and its replies, a form
// of a comment re-shown with its errors, and the page of its versions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "server/web/pages.h"
#include "server/web/personal_page_cache.h"

namespace samrad::server {

inline constexpr int kThreadPage = 10;   // top-level comments per consultation page
inline constexpr int kRepliesPage = 20;  // direct replies per comment page

// The address that shows the comment, anchored to it: the consultation
// page that carries it (?page=N), else the page of its parent's replies.
// done names the confirmation shown on it ("posted", "edited", ...; empty
// for none). "/" when the comment is gone. Thread-safe.
std::string CommentLocation(WebContext& ctx, int64_t comment_id, const std::string& done);

// The page that holds comment_id's forms, with st's form re-shown and its
// errors summarised at the top.
ApiResponse CommentFormPage(WebContext& ctx, int64_t comment_id, CommentsState st, int status);

// The consultation page's model: the consultation, the page's view (the
// model of page_consultation.mustache) and the top-level comments it shows
// with their replies, and the state they were shown with.
struct ConsultationPageModel {
  Consultation consultation;
  nlohmann::json view;
  std::vector<Comment> shown;
  CommentsState st;
};
// Fills m for the reader of ctx; the status of a failed read (no
// consultation, or one the reader may not see). Thread-safe.
Status MakeConsultationPageModel(WebContext& ctx, int64_t id, CommentsState st, ConsultationPageModel& m);

// The page of consultation id for a signed-in reader from the page made
// once for every reader of their role and language (kept in cache until
// the data changes), with the reader's own parts filled in; nullopt when
// it is not one to share (signed out, a banner cookie, a ?lang= choice,
// a failed read), for the caller to render the page whole. Thread-safe.
std::optional<ApiResponse> PersonalConsultationPage(WebContext& ctx, int64_t id, PersonalPageCache& cache);

// One comment with a page of its direct replies (page from 1).
ApiResponse CommentPageAt(WebContext& ctx, int64_t id, CommentsState st, int page, int status);

// GET /comments/{id}/versions: every version of a comment as a page.
ApiResponse CommentVersionsPage(WebContext& ctx);

// A positive page number from the query's "page", 1 when absent or bad.
int PageParam(const ApiRequest& req);

// The confirmation banner for a done=... in the query, or in the done
// cookie (which it then deletes), that is not about one comment (login,
// register, privacy), or null.
nlohmann::json QueryBanner(WebContext& ctx);

// The error summary at the top of a page for a comment form re-shown with
// errors: each error linked to its field (ids as the comment forms make them).
nlohmann::json CommentErrorSummary(const WebContext& ctx, const CommentsState& st);

}  // namespace samrad::server
