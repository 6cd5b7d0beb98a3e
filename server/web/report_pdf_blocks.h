// The consultation report as the PDF typesetter's flow of blocks, in the
// page's language: the same parts and numbers as the web page, with every
// visible comment once (top lists refer to comments by number only).
#pragma once

#include <string>
#include <vector>

#include "core/consultation_report.h"
#include "server/report/pdf_writer.h"
#include "server/web/page.h"

namespace samrad::server {

// Links are absolute, from base_url. Pure over the report and the texts.
std::vector<report::PdfBlock> ReportPdfBlocks(const WebContext& ctx, const ConsultationReport& r,
                                              const std::string& base_url);
// The PDF's title, subject, language and footer.
report::PdfMeta ReportPdfMeta(const WebContext& ctx, const ConsultationReport& r);

}  // namespace samrad::server
