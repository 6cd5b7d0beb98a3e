// A bare Pistache "hello" server: the ceiling our own handlers are measured
// against. Usage: bare_pistache [PORT] [THREADS]
#include <pistache/endpoint.h>
#include <pistache/http.h>

#include <csignal>
#include <string>

using namespace Pistache;

class Hello : public Http::Handler {
 public:
  HTTP_PROTOTYPE(Hello)
  void onRequest(const Http::Request&, Http::ResponseWriter writer) override {
    writer.send(Http::Code::Ok, "hello\n");
  }
};

int main(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);
  uint16_t port = argc > 1 ? static_cast<uint16_t>(std::stoi(argv[1])) : 9080;
  int threads = argc > 2 ? std::stoi(argv[2]) : 2;
  Http::Endpoint endpoint(Address("127.0.0.1", Port(port)));
  endpoint.init(Http::Endpoint::options().threads(threads).flags(Tcp::Options::ReuseAddr));
  endpoint.setHandler(Http::make_handler<Hello>());
  endpoint.serve();
}
