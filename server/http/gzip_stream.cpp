// GzipStream: deflate with a gzip wrapper over a chunk sink.
#include "server/http/gzip_stream.h"

#include <stdexcept>

namespace samrad::server {

namespace {
constexpr size_t kOutBytes = 16 * 1024;
}

GzipStream::GzipStream() : out_(kOutBytes, '\0') {
  // 15 window bits + 16: a gzip header and trailer instead of zlib's.
  if (deflateInit2(&z_, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    throw std::runtime_error("zlib: cannot start deflate");
  }
}

GzipStream::~GzipStream() { deflateEnd(&z_); }

bool GzipStream::Deflate(std::string_view bytes, int flush, const ApiResponse::ChunkSink& sink) {
  z_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z_.avail_in = static_cast<uInt>(bytes.size());
  while (true) {
    z_.next_out = reinterpret_cast<Bytef*>(out_.data());
    z_.avail_out = static_cast<uInt>(out_.size());
    int rc = deflate(&z_, flush);
    if (rc == Z_STREAM_ERROR) throw std::runtime_error("zlib: deflate failed");
    size_t produced = out_.size() - z_.avail_out;
    if (produced > 0 && !sink(std::string_view(out_.data(), produced))) return false;
    // Output space left over means zlib has taken all input (and, when
    // finishing, written the trailer).
    if (z_.avail_out > 0 && (flush != Z_FINISH || rc == Z_STREAM_END)) return true;
  }
}

bool GzipStream::Write(std::string_view bytes, const ApiResponse::ChunkSink& sink) {
  return bytes.empty() || Deflate(bytes, Z_NO_FLUSH, sink);
}

bool GzipStream::Finish(const ApiResponse::ChunkSink& sink) { return Deflate({}, Z_FINISH, sink); }

std::function<void(const ApiResponse::ChunkSink&)> GzipStream::Wrap(
    std::function<void(const ApiResponse::ChunkSink&)> plain) {
  return [plain = std::move(plain)](const ApiResponse::ChunkSink& sink) {
    GzipStream gzip;
    bool open = true;
    plain([&](std::string_view chunk) { return open = open && gzip.Write(chunk, sink); });
    if (open) gzip.Finish(sink);
  };
}

}  // namespace samrad::server
