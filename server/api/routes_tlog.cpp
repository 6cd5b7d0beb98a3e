// The transparency log: the C2SP tlog-tiles read API under /tlog/ and the
// proof API (/api/v1/log/{seq}/proof, /api/v1/log/consistency and the
// offline proof file /api/v1/log/{seq}.tlog-proof).
#include <memory>
#include <mutex>
#include <unordered_map>

#include "core/event_log.h"
#include "core/tlog_checkpoint.h"
#include "core/tlog_proof_cache.h"
#include "core/tlog_store.h"
#include "core/tlog_tiles.h"
#include "server/api/handler_util.h"
#include "server/api/routes.h"
#include "server/api/tlog_proof_json.h"
#include "server/http/content_encoding.h"

namespace samrad::server {

namespace {
constexpr int kMaxTileGroups = 7;

// Full tiles and entry bundles never change: the bytes of the ones asked
// for are kept, up to kFullTileCacheBytes (then the cache starts again).
constexpr size_t kFullTileCacheBytes = size_t{64} << 20;

struct CachedTile {
  std::string body;
  std::string etag;  // hashed once
  // Entry bundles (JSON text) also gzip-compressed once, for clients that
  // accept it (C2SP allows it; Go's HTTP client asks by default).
  std::shared_ptr<const std::string> gzip;
  size_t Bytes() const { return body.size() + (gzip ? gzip->size() : 0); }
};

class FullTileCache {
 public:
  std::shared_ptr<const CachedTile> Get(const std::string& path) {
    std::lock_guard lock(mu_);
    auto it = tiles_.find(path);
    return it == tiles_.end() ? nullptr : it->second;
  }
  void Put(const std::string& path, std::shared_ptr<const CachedTile> body) {
    std::lock_guard lock(mu_);
    if (bytes_ + body->Bytes() > kFullTileCacheBytes) {
      tiles_.clear();
      bytes_ = 0;
    }
    bytes_ += body->Bytes();
    tiles_.emplace(path, std::move(body));
  }

 private:
  std::mutex mu_;
  std::unordered_map<std::string, std::shared_ptr<const CachedTile>> tiles_;
  size_t bytes_ = 0;
};  // index groups of a 63-bit tile index, plus the width

ApiResponse Bytes(std::string body, const std::string& type, const char* cache) {
  ApiResponse resp;
  resp.content_type = type;
  resp.body = std::move(body);
  resp.cacheable = true;
  resp.Header("Cache-Control", cache);
  return resp;
}

// A size query value in [lo, hi], or def when absent.
Result<int64_t> SizeQuery(const ApiRequest& req, const std::string& k, int64_t def, int64_t lo, int64_t hi) {
  auto v = req.Query(k);
  if (!v) return def;
  if (!v->empty() && v->size() <= 18 && v->find_first_not_of("0123456789") == std::string::npos) {
    int64_t n = std::stoll(*v);
    if (n >= lo && n <= hi) return n;
  }
  return InvalidField("/" + k, k + " must be a whole number from " + std::to_string(lo) + " to " + std::to_string(hi));
}

// A proof's answer: asked for about once, so neither kept in the read cache
// nor compressed; a client may still revalidate it by its ETag.
ApiResponse ProofAnswer(std::string body) {
  ApiResponse resp;
  resp.body = std::move(body);
  resp.cacheable = true;
  resp.one_off = true;
  resp.Header("Cache-Control", "no-cache");
  return resp;
}

// What a proof is checked against: the latest checkpoint, the tree size.
struct TreeState {
  int64_t size = 0;
  std::optional<tlog::StoredCheckpoint> latest;
};
TreeState State(db::Connection& c) { return {tlog::TreeStore::Size(c), tlog::CheckpointStore::Latest(c)}; }

ApiResponse FullTile(const std::shared_ptr<const CachedTile>& tile) {
  ApiResponse resp = Bytes("", "application/octet-stream", "public, max-age=31536000, immutable");
  // Shares the cached bytes (the aliasing constructor keeps the entry alive).
  resp.shared_body = std::shared_ptr<const std::string>(tile, &tile->body);
  resp.gzip_body = tile->gzip;
  resp.etag = tile->etag;
  return resp;
}

ApiResponse Tile(const App& app, FullTileCache& cache, const ApiRequest& req) {
  std::vector<std::string> segments;
  segments.push_back(req.params.at("l"));
  for (int i = 0; i < kMaxTileGroups; ++i) {
    auto it = req.params.find("n" + std::to_string(i));
    if (it != req.params.end()) segments.push_back(it->second);
  }
  auto t = tlog::ParseTilePath(segments);
  if (!t) return Problem(404, "no tile at this path (C2SP tlog-tiles: tile/<L>/<N>[.p/<W>] or tile/entries/<N>[.p/<W>])");
  bool full = t->width == tlog::kTileWidth;
  std::string key = t->Path();
  if (full) {
    if (auto hit = cache.Get(key)) return FullTile(hit);
  }
  std::optional<std::string> body;
  Status s = app.db->Read([&](db::Connection& c) {
    body = t->level < 0 ? tlog::TileReader::Entries(c, *t) : tlog::TileReader::Hashes(c, *t);
    return Status::Ok();
  });
  if (!s.ok()) return Problem(s);
  if (!body) return Problem(404, "the log does not hold this tile yet");
  if (full) {
    std::string etag = ContentEtag(*body);
    std::shared_ptr<const std::string> gzip;
    if (t->level < 0) gzip = std::make_shared<const std::string>(Gzip(*body));
    auto tile = std::make_shared<const CachedTile>(CachedTile{std::move(*body), std::move(etag), std::move(gzip)});
    cache.Put(key, tile);
    return FullTile(tile);
  }
  return Bytes(std::move(*body), "application/octet-stream", "public, max-age=60");
}

ApiResponse Inclusion(const App& app, tlog::ProofCache& cache, const ApiRequest& req, bool proof_file) {
  auto seq = IdParam(req, "seq");
  if (!seq.ok()) return Problem(seq.status());
  if (seq.value() < 1) return Problem(404, "log entries are numbered from 1");
  int64_t index = seq.value() - 1;
  ApiResponse out;
  Status s = app.db->Read([&](db::Connection& c) -> Status {
    TreeState st = State(c);
    if (index >= st.size) return NotFound("no log entry " + std::to_string(seq.value()));
    int64_t def = st.latest ? st.latest->size : st.size;
    auto size = SizeQuery(req, "size", def, index + 1, st.size);
    if (!size.ok()) return size.status();
    auto cp = st.latest && st.latest->size == size.value() ? st.latest : tlog::CheckpointStore::AtSize(c, size.value());
    if (proof_file && (!cp || cp->size <= index)) {
      return Status(Code::kNotFound, "the entry is not in a signed checkpoint yet; try again in a second");
    }
    auto read = cache.Reader(c);
    auto edges = cache.Edges(size.value(), size.value());
    size_t known = edges.size();
    auto path = tlog::InclusionProof(read, index, size.value(), &edges);
    if (proof_file) {
      std::string text = "c2sp.org/tlog-proof@v1\nindex " + std::to_string(index) + "\n";
      for (const auto& h : path) text += tlog::Base64(h) + "\n";
      out = Bytes(text + "\n" + cp->Served(), "text/plain; charset=utf-8", "no-cache");
      out.Header("Content-Disposition",
                 "attachment; filename=\"samrad-log-" + std::to_string(seq.value()) + ".tlog-proof\"");
      return Status::Ok();
    }
    std::string served = cp ? cp->Served() : "";
    InclusionAnswer a{seq.value(), index, size.value(), read(0, index),
                      cp ? cp->root : tlog::RootHash(read, size.value(), &edges), std::move(path),
                      cp ? &served : nullptr};
    if (edges.size() > known) cache.KeepEdges(edges);
    out = ProofAnswer(InclusionJson(a));
    return Status::Ok();
  });
  if (!s.ok()) return Problem(s);
  return out;
}

ApiResponse Consistency(const App& app, tlog::ProofCache& cache, const ApiRequest& req) {
  ApiResponse out;
  Status s = app.db->Read([&](db::Connection& c) -> Status {
    TreeState st = State(c);
    auto to = SizeQuery(req, "to", st.latest ? st.latest->size : st.size, 0, st.size);
    if (!to.ok()) return to.status();
    auto from = SizeQuery(req, "from", 0, 0, to.value());
    if (!from.ok()) return from.status();
    if (!req.Query("from")) return InvalidField("/from", "from is required: the size of the tree you hold");
    auto read = cache.Reader(c);
    auto edges = cache.Edges(from.value(), to.value());
    size_t known = edges.size();
    ConsistencyAnswer a{from.value(), to.value(), tlog::RootHash(read, from.value(), &edges),
                        tlog::RootHash(read, to.value(), &edges),
                        tlog::ConsistencyProof(read, from.value(), to.value(), &edges)};
    if (edges.size() > known) cache.KeepEdges(edges);
    out = ProofAnswer(ConsistencyJson(a));
    return Status::Ok();
  });
  if (!s.ok()) return Problem(s);
  return out;
}
}  // namespace

void AddTlogRoutes(Router& r, std::shared_ptr<App> app) {
  r.Add("GET", "/tlog/checkpoint", [app](ApiRequest&) {
    std::optional<tlog::StoredCheckpoint> cp;
    Status s = app->db->Read([&](db::Connection& c) {
      // With witnesses, what they have cosigned: clients that require their
      // cosignatures never see a checkpoint still on its way to them.
      if (app->tlog && app->tlog->witnessed()) cp = tlog::CheckpointStore::LatestCosigned(c);
      if (!cp) cp = tlog::CheckpointStore::Latest(c);
      return Status::Ok();
    });
    if (!s.ok()) return Problem(s);
    if (!cp) return Problem(503, "the log has signed no checkpoint yet").Header("Retry-After", "1");
    return Bytes(cp->Served(), "text/plain; charset=utf-8", "public, max-age=1");
  });
  std::string pattern = "/tlog/tile/{l}";
  auto cache = std::make_shared<FullTileCache>();
  for (int i = 0; i < kMaxTileGroups; ++i) {
    pattern += "/{n" + std::to_string(i) + "}";
    r.Add("GET", pattern, [app, cache](ApiRequest& req) { return Tile(*app, *cache, req); });
  }
  auto proofs = std::make_shared<tlog::ProofCache>();
  r.Add("GET", "/api/v1/log/consistency", [app, proofs](ApiRequest& req) { return Consistency(*app, *proofs, req); });
  r.Add("GET", "/api/v1/log/{seq}/proof",
        [app, proofs](ApiRequest& req) { return Inclusion(*app, *proofs, req, false); });
  r.Add("GET", "/api/v1/log/{entry}", [app, proofs](ApiRequest& req) {
    std::string entry = req.params["entry"];
    constexpr std::string_view kSuffix = ".tlog-proof";
    if (!entry.ends_with(kSuffix)) return Problem(404, "no resource at " + req.path);
    req.params["seq"] = entry.substr(0, entry.size() - kSuffix.size());
    return Inclusion(*app, *proofs, req, true);
  });
}

}  // namespace samrad::server
