// The bytes a gzip stream (RFC 1952) holds, for tests that read answers as
// they arrive on the socket.
#pragma once

#include <zlib.h>

#include <boost/test/unit_test.hpp>
#include <string>

namespace samrad::testing {

inline std::string Gunzip(const std::string& bytes) {
  z_stream z{};
  BOOST_REQUIRE(inflateInit2(&z, 15 + 16) == Z_OK);
  std::string out;
  char buf[65536];
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z.avail_in = static_cast<uInt>(bytes.size());
  int rc = Z_OK;
  while (rc == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof buf;
    rc = inflate(&z, Z_NO_FLUSH);
    out.append(buf, sizeof buf - z.avail_out);
  }
  inflateEnd(&z);
  BOOST_REQUIRE_MESSAGE(rc == Z_STREAM_END, "not a whole gzip stream");
  return out;
}

}  // namespace samrad::testing
