// gzip with zlib, and the Accept-Encoding choice.
#include "server/http/content_encoding.h"

#include <zlib.h>

#include <cctype>
#include <stdexcept>

#include "server/http/conditional.h"
#include "server/http/gzip_stream.h"

namespace samrad::server {

std::string Gzip(std::string_view bytes) {
  z_stream z{};
  // 15 window bits + 16: a gzip header and trailer instead of zlib's.
  if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    throw std::runtime_error("zlib: cannot start deflate");
  }
  std::string out(deflateBound(&z, bytes.size()) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z.avail_in = static_cast<uInt>(bytes.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  if (rc != Z_STREAM_END) throw std::runtime_error("zlib: deflate did not finish");
  return out;
}

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool SameToken(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != b[i]) return false;
  }
  return true;
}

// The q value of one list item ("gzip;q=0.5"): 1 when absent, 0 when zero.
bool Acceptable(std::string_view params) {
  for (size_t at = params.find(';'); at != std::string_view::npos; at = params.find(';')) {
    params.remove_prefix(at + 1);
    std::string_view param = Trim(params.substr(0, params.find(';')));
    if (param.size() >= 2 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=') {
      std::string_view q = Trim(param.substr(2));
      return !(q.find_first_not_of("0.") == std::string_view::npos);
    }
  }
  return true;
}

}  // namespace

bool AcceptsGzip(std::string_view header) {
  bool star = false;
  while (!header.empty()) {
    size_t comma = header.find(',');
    std::string_view item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    std::string_view coding = Trim(item.substr(0, item.find(';')));
    std::string_view params = item.substr(std::min(item.find(';'), item.size()));
    if (SameToken(coding, "gzip") || SameToken(coding, "x-gzip")) return Acceptable(params);
    if (coding == "*") star = Acceptable(params);
  }
  return star;
}

void ChooseEncoding(const ApiRequest& req, ApiResponse& resp) {
  if (!resp.gzip_body) return;
  resp.Header("Vary", "Accept-Encoding");
  if (!AcceptsGzip(req.Header("accept-encoding"))) return;
  resp.shared_body = resp.gzip_body;
  resp.Header("Content-Encoding", "gzip");
  // A strong ETag names one representation: the gzip form gets its own.
  resp.etag = CodedEtag(resp.etag, "gzip");
}

namespace {
bool HasHeader(const ApiResponse& resp, std::string_view name) {
  for (const auto& [n, v] : resp.headers) {
    if (n.size() == name.size() && SameToken(n, name)) return true;
  }
  return false;
}
}  // namespace

bool IsCompressible(const std::string& content_type) {
  std::string base = content_type.substr(0, content_type.find(';'));
  for (auto& c : base) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  while (!base.empty() && base.back() == ' ') base.pop_back();
  if (base.starts_with("text/")) return true;
  if (!base.starts_with("application/")) return false;
  return base == "application/json" || base == "application/xml" || base == "application/x-ndjson" ||
         base == "application/javascript" || base.ends_with("+json") || base.ends_with("+xml");
}

void EncodeResponse(const ApiRequest& req, ApiResponse& resp) {
  if (resp.status == 204 || resp.status == 304 || resp.one_off || HasHeader(resp, "content-encoding")) return;
  if (resp.gzip_body) return ChooseEncoding(req, resp);
  if (!IsCompressible(resp.content_type)) return;
  if (!resp.stream && resp.Body().size() < kMinGzipBytes) return;
  resp.Header("Vary", "Accept-Encoding");
  if (!AcceptsGzip(req.Header("accept-encoding"))) return;
  if (resp.stream) {
    resp.stream = GzipStream::Wrap(std::move(resp.stream));
  } else {
    resp.body = Gzip(resp.Body());
    resp.shared_body.reset();
  }
  resp.Header("Content-Encoding", "gzip");
  resp.etag = CodedEtag(resp.etag, "gzip");
}

}  // namespace samrad::server
