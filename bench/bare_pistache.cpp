// The baseline for benchmarks: Pistache answering "hello" with nothing else,
// configured like samrad serve (same thread count), so the two compare.
#include <pistache/endpoint.h>
#include <pistache/http.h>

#include <csignal>
#include <cstdlib>
#include <iostream>

using namespace Pistache;

class Hello : public Http::Handler {
 public:
  HTTP_PROTOTYPE(Hello)
  void onRequest(const Http::Request&, Http::ResponseWriter writer) override {
    writer.send(Http::Code::Ok, "hello", MIME(Text, Plain));
  }
};

int main(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);
  int port = argc > 1 ? std::atoi(argv[1]) : 9080;
  int threads = argc > 2 ? std::atoi(argv[2]) : 2;
  Http::Endpoint server(Address("127.0.0.1", Port(static_cast<uint16_t>(port))));
  server.init(Http::Endpoint::options().threads(threads).flags(Tcp::Options::ReuseAddr));
  server.setHandler(Http::make_handler<Hello>());
  std::cout << "bare pistache on http://127.0.0.1:" << port << std::endl;
  server.serve();
}
