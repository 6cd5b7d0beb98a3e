// View models of the journalist's pages beside models.h: a decision's
// versions each with its own page and word diff, the comments a decision
// answers grouped by consultation, when and why a consultation stopped
// taking comments, and authors named in the page's language.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/comment.h"
#include "core/consultation.h"
#include "core/decision_service.h"
#include "server/web/page.h"

namespace samrad::server {

// The message text with each {name} replaced by its value. Pure.
std::string FillMessage(std::string text, const std::vector<std::pair<std::string, std::string>>& values);

// An author as the page's language shows them: "Raderat konto" /
// "Deleted account", a pseudonym "Invånare 3f9a0c" as "Resident 3f9a0c" in
// English, a public name as it is.
std::string AuthorLabel(const WebContext& ctx, const Author& a);

// A search hit's title in the reader's language: a comment's "Kommentar
// till: X" (as the index holds it) becomes "Comment on: X" on English pages
// and the other way round; other titles are the content's own.
std::string HitTitle(const WebContext& ctx, const std::string& type, const std::string& title);

// What happened in a version, e.g. "Ändrat 3 december 2026: <reason>",
// "Publicerat 1 december 2026", "Upphävt 5 december 2026: <reason>".
std::string VersionLabel(const WebContext& ctx, const DecisionVersion& v);

// When a consultation stopped taking comments and why: early, because a
// decision was published before its closing date, or at its closing date.
// Null while it is still open or upcoming.
nlohmann::json ClosingNote(const WebContext& ctx, const Consultation& k);

// The comments a decision answers grouped by consultation, in the order of
// the decision's consultations: [{title, url, closing_note, comments:
// [{url, excerpt, author, hidden}]}]. consultations holds those readable.
nlohmann::json AnsweredGroups(const WebContext& ctx, const std::vector<Comment>& comments,
                              const std::vector<Consultation>& consultations);

// The page of version n of a decision: its label, each changed field with
// a word diff of the rendered text, the whole version, its log entry, and
// links to the neighbouring versions. Null when there is no version n.
nlohmann::json DecisionVersionView(const WebContext& ctx, const Decision& d, int n);

// Links of a version: its page and, when its event is known, /log/{seq}.
nlohmann::json VersionLinks(const DecisionVersion& v);

}  // namespace samrad::server
