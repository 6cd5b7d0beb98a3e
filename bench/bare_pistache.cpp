// A bare Pistache server: the ceiling our own handlers are measured against.
// GET / answers "hello"; GET /bytes/N answers N bytes (up to 1 MiB) from a
// buffer filled once at start, the transport's speed for a body of that size.
// Usage: bare_pistache [PORT] [THREADS]
#include <pistache/endpoint.h>
#include <pistache/http.h>

#include <csignal>
#include <string>
#include <string_view>

using namespace Pistache;

namespace {
constexpr size_t kMaxBytes = size_t{1} << 20;
const std::string& Filler() {
  static const std::string bytes(kMaxBytes, 'x');
  return bytes;
}
}  // namespace

class Hello : public Http::Handler {
 public:
  HTTP_PROTOTYPE(Hello)
  void onRequest(const Http::Request& request, Http::ResponseWriter writer) override {
    constexpr std::string_view kBytes = "/bytes/";
    const std::string& path = request.resource();
    if (path.starts_with(kBytes)) {
      size_t n = 0;
      try {
        n = std::stoul(path.substr(kBytes.size()));
      } catch (const std::exception&) {
        n = kMaxBytes + 1;
      }
      if (n > kMaxBytes) {
        writer.send(Http::Code::Not_Found, "at most 1048576 bytes\n");
        return;
      }
      writer.send(Http::Code::Ok, Filler().data(), n, MIME(Application, OctetStream));
      return;
    }
    writer.send(Http::Code::Ok, "hello\n");
  }
};

int main(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);
  Filler();
  uint16_t port = argc > 1 ? static_cast<uint16_t>(std::stoi(argv[1])) : 9080;
  int threads = argc > 2 ? std::stoi(argv[2]) : 2;
  Http::Endpoint endpoint(Address("127.0.0.1", Port(port)));
  endpoint.init(Http::Endpoint::options().threads(threads).flags(Tcp::Options::ReuseAddr).maxResponseSize(2 * kMaxBytes));
  endpoint.setHandler(Http::make_handler<Hello>());
  endpoint.serve();
}
