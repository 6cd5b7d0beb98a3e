// Strong ETags computed from a response body.
#include "server/http/etag.h"

#include "core/crypto.h"

namespace samrad::server {

std::string ContentEtag(const std::string& body) {
  std::string etag(1, '"');
  etag.append(crypto::Sha256Hex(body), 0, 32).push_back('"');
  return etag;
}

}  // namespace samrad::server
