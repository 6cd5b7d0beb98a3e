// gzip of a streamed body, chunk by chunk with zlib, so a compressed
// download keeps memory as flat as a plain one.
#pragma once

#include <zlib.h>

#include <string>
#include <string_view>

#include "server/http/message.h"

namespace samrad::server {

class GzipStream {
 public:
  // Throws std::runtime_error when zlib cannot start.
  GzipStream();
  ~GzipStream();
  GzipStream(const GzipStream&) = delete;
  GzipStream& operator=(const GzipStream&) = delete;

  // Compresses bytes and passes whatever output zlib has ready to sink;
  // false once sink has returned false (the client has gone).
  bool Write(std::string_view bytes, const ApiResponse::ChunkSink& sink);
  // Ends the gzip member (the rest of the output and the trailer).
  bool Finish(const ApiResponse::ChunkSink& sink);

  // A producer that writes the gzip form of what `plain` writes.
  static std::function<void(const ApiResponse::ChunkSink&)> Wrap(
      std::function<void(const ApiResponse::ChunkSink&)> plain);

 private:
  bool Deflate(std::string_view bytes, int flush, const ApiResponse::ChunkSink& sink);
  z_stream z_{};
  std::string out_;
};

}  // namespace samrad::server
