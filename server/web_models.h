// View models: plain JSON for the mustache templates, built from domain
// values, free of HTTP. One function per thing a page shows; pages compose
// them. New page areas (comment threads, moderation queue, search results,
// the data catalogue) add their own functions here and in their own
// web_models_<area>.cpp.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/consultation.h"
#include "core/decision_service.h"
#include "server/web_page.h"

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

}  // namespace samrad::server
