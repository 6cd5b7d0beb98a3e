// /log ("Så kan du kontrollera beslutsloggen"): what the transparency log
// guarantees and what it does not, the current checkpoint, verifier key and
// witnesses, and how to verify; /log/{seq}: one entry with its hash,
// neighbours and proof file; /log/scripts/<name>: the verification scripts.
#include "core/event_log.h"
#include "core/resources.h"
#include "core/tlog_checkpoint.h"
#include "core/tlog_store.h"
#include "core/tlog_tree.h"
#include "server/http/problem.h"
#include "server/web/journalist_models.h"
#include "server/web/pages.h"

namespace samrad::server {

using nlohmann::json;

namespace {
const std::vector<std::string> kScripts = {"audit_log.py", "verify_log.py", "verify_events_csv.py"};

json Paragraphs(WebContext& ctx, const std::string& prefix, int n,
                const std::vector<std::pair<std::string, std::string>>& values = {}) {
  json out = json::array();
  for (int i = 1; i <= n; ++i) out.push_back(FillMessage(ctx.Text(prefix + std::to_string(i)), values));
  return out;
}

ApiResponse Overview(WebContext& ctx) {
  std::optional<tlog::StoredCheckpoint> cp;
  std::vector<tlog::CheckpointStore::Cosigned> witnesses;
  Status s = ctx.app.db->Read([&](db::Connection& c) {
    cp = tlog::CheckpointStore::Latest(c);
    witnesses = tlog::CheckpointStore::LatestCosignatures(c);
    return Status::Ok();
  });
  if (!s.ok()) return StatusPage(ctx, s);
  std::string vkey = ctx.app.tlog ? ctx.app.tlog->key().VerifierKey() : "";
  std::string base = ctx.app.base_url;
  std::vector<std::pair<std::string, std::string>> values = {{"url", base}, {"vkey", vkey}};
  json wl = json::array();
  for (const auto& w : witnesses) {
    wl.push_back({{"name", w.witness}, {"size", w.size}, {"at", w.at}});
  }
  json scripts = json::array();
  for (const auto& name : kScripts) scripts.push_back({{"name", name}, {"href", "/log/scripts/" + name}});
  json model = {
      {"guarantees", Paragraphs(ctx, "log_guarantee_", 4)},
      {"limits", Paragraphs(ctx, "log_limit_", 3)},
      {"checkpoint", cp ? json(cp->Served()) : json(nullptr)},
      {"size", cp ? json(cp->size) : json(nullptr)},
      {"signed_at", cp ? json(cp->signed_at) : json(nullptr)},
      {"vkey", vkey},
      {"witnesses", wl},
      {"any_witnesses", !wl.empty()},
      {"scripts", scripts},
      {"python_cmd", "python3 audit_log.py " + base + " '" + vkey + "' samrad-checkpoint.txt --full"},
      {"samrad_cmd", "samrad audit --url " + base + " --key '" + vkey + "' --state samrad-checkpoint.txt --full"},
      {"chain_cmd", "python3 verify_log.py " + base},
      {"go_steps", Paragraphs(ctx, "log_go_", 3, values)},
  };
  return RenderPage(ctx, "log", ctx.Text("log_title"), model);
}

ApiResponse Entry(WebContext& ctx) {
  auto seq = IdParam(ctx.req, "seq");
  if (!seq.ok()) return StatusPage(ctx, seq.status());
  std::optional<Event> e;
  int64_t head = 0;
  std::string leaf;
  Status s = ctx.app.db->Read([&](db::Connection& c) {
    auto list = EventLog::List(c, seq.value() - 1, 1);
    if (!list.empty() && list[0].seq == seq.value()) e = list[0];
    head = EventLog::Head(c);
    if (e) leaf = tlog::Base64(tlog::LeafHash(EventLog::Canonical(*e)));
    return Status::Ok();
  });
  if (!s.ok()) return StatusPage(ctx, s);
  if (!e) return StatusPage(ctx, NotFound("no log entry " + std::to_string(seq.value())));
  std::string n = std::to_string(e->seq);
  json model = {{"heading", FillMessage(ctx.Text("log_entry_title"), {{"seq", n}})},
                {"seq", e->seq},
                {"kind", e->kind},
                {"subject", e->subject},
                {"at", e->at},
                {"actor_role", e->actor_role},
                {"canonical", EventLog::Canonical(*e)},
                {"hash", e->hash},
                {"prev_hash", e->prev_hash},
                {"leaf_hash", leaf},
                {"index", e->seq - 1},
                {"prev", e->seq > 1 ? json("/log/" + std::to_string(e->seq - 1)) : json(nullptr)},
                {"next", e->seq < head ? json("/log/" + std::to_string(e->seq + 1)) : json(nullptr)},
                {"proof_file", "/api/v1/log/" + n + ".tlog-proof"},
                {"proof_json", "/api/v1/log/" + n + "/proof"}};
  return RenderPage(ctx, "log_entry", FillMessage(ctx.Text("log_entry_title"), {{"seq", n}}), model);
}

ApiResponse Script(const ApiRequest& req) {
  std::string name = req.params.count("name") ? req.params.at("name") : "";
  if (std::find(kScripts.begin(), kScripts.end(), name) == kScripts.end()) return Problem(404, "no such script");
  ApiResponse resp;
  resp.content_type = "text/x-python; charset=utf-8";
  resp.body = std::string(resources::Get("docs/" + name));
  resp.cacheable = true;
  resp.Header("Content-Disposition", "attachment; filename=\"" + name + "\"");
  resp.Header("Cache-Control", "public, max-age=3600");
  return resp;
}
}  // namespace

void AddLogPages(Router& r, std::shared_ptr<App> app) {
  r.Add("GET", "/log", Web(app, [](WebContext& ctx) { return Overview(ctx); }));
  r.Add("GET", "/log/{seq}", Web(app, [](WebContext& ctx) { return Entry(ctx); }));
  r.Add("GET", "/log/scripts/{name}", [](ApiRequest& req) { return Script(req); });
}

}  // namespace samrad::server
