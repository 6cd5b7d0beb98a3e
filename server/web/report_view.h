// The consultation report as a web page: the view model of
// page_report.mustache, and the comment threads as one HTML fragment (the
// bulk of a large report, written directly rather than through mustache).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "core/consultation_report.h"
#include "server/web/page.h"

namespace samrad::server {

// The model of page_report (everything but the threads). Thread-safe.
nlohmann::json ReportModel(const WebContext& ctx, const ConsultationReport& r);
// Every section's comments, each with its replies, marks and links. Pure
// over the report and the language.
std::string ReportThreadsHtml(const WebContext& ctx, const ConsultationReport& r);
// A section's name in the report: its heading ("removed section" noted),
// or "the proposal as a whole" for comments on no section.
std::string ReportSectionLabel(const WebContext& ctx, const ReportSection& s);
// A number with two decimals ("0.67"). Pure.
std::string ReportDecimal(double v);
// "3 mars 2027" for an RFC 3339 time or date in the page's language; the
// text itself when it is not a time.
std::string ReportDate(const std::string& lang, const std::string& time);

}  // namespace samrad::server
