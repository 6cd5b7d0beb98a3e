// The link of an item to its log entry and proof.
#include "server/web/log_link.h"

#include "core/tlog_entry_limit.h"
#include "core/tlog_links.h"
#include "server/web/journalist_models.h"

namespace samrad::server {

nlohmann::json LogLinkView(const WebContext& ctx, int64_t seq) {
  if (seq <= 0) return nullptr;
  return {{"entry_url", tlog::EntryPath(seq)},
          {"entry_text", FillMessage(ctx.Text("log_link_entry"), {{"seq", std::to_string(seq)}})},
          {"proof_url", tlog::ProofFilePath(seq)},
          {"proof_text", ctx.Text("log_link_proof")}};
}

std::optional<std::string> EntryTooLargeText(const WebContext& ctx, const std::string& message) {
  auto sizes = tlog::EntryTooLargeSizes(message);
  if (!sizes) return std::nullopt;
  return FillMessage(ctx.Text("log_error_entry_too_large"),
                     {{"bytes", std::to_string(sizes->bytes)}, {"limit", std::to_string(sizes->limit)}});
}

}  // namespace samrad::server
