// libcurl behind HttpGet, HttpPost and HttpSend.
#include "server/http_client.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <memory>

namespace samrad::server {

namespace {
// The largest answer read, after decompression: a full entry bundle (256
// entries of at most 64 KiB) fits; a witness or audited server that sends
// more (or a compressed bomb) ends the transfer with an error.
constexpr size_t kMaxReplyBytes = 32u << 20;

size_t Append(char* data, size_t size, size_t n, void* out) {
  auto* body = static_cast<std::string*>(out);
  if (body->size() + size * n > kMaxReplyBytes) return 0;  // CURLE_WRITE_ERROR
  body->append(data, size * n);
  return size * n;
}

// Opens a socket only to an address the call allows (HttpCall::allow_address).
struct SocketGate {
  const std::function<bool(const std::string&)>* allow = nullptr;
  bool refused = false;
};

curl_socket_t OpenAllowedSocket(void* gate_ptr, curlsocktype purpose, curl_sockaddr* a) {
  auto* gate = static_cast<SocketGate*>(gate_ptr);
  char text[INET6_ADDRSTRLEN] = {0};
  const void* ip = nullptr;
  if (a->family == AF_INET) ip = &reinterpret_cast<const sockaddr_in*>(&a->addr)->sin_addr;
  if (a->family == AF_INET6) ip = &reinterpret_cast<const sockaddr_in6*>(&a->addr)->sin6_addr;
  if (purpose != CURLSOCKTYPE_IPCXN || !ip || !inet_ntop(a->family, ip, text, sizeof text) ||
      !(*gate->allow)(text)) {
    gate->refused = true;
    return CURL_SOCKET_BAD;
  }
  return socket(a->family, a->socktype, a->protocol);
}

HttpReply Perform(const HttpCall& call) {
  static const bool initialised = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  HttpReply r;
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> h(initialised ? curl_easy_init() : nullptr, curl_easy_cleanup);
  if (!h) {
    r.error = "cannot initialise libcurl";
    return r;
  }
  curl_slist* headers = nullptr;
  curl_easy_setopt(h.get(), CURLOPT_URL, call.url.c_str());
  curl_easy_setopt(h.get(), CURLOPT_WRITEFUNCTION, Append);
  curl_easy_setopt(h.get(), CURLOPT_WRITEDATA, &r.body);
  curl_easy_setopt(h.get(), CURLOPT_TIMEOUT, call.timeout_seconds);
  curl_easy_setopt(h.get(), CURLOPT_CONNECTTIMEOUT, call.connect_timeout_seconds);
  curl_easy_setopt(h.get(), CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h.get(), CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h.get(), CURLOPT_ACCEPT_ENCODING, "");
  for (const auto& header : call.headers) headers = curl_slist_append(headers, header.c_str());
  if (headers) curl_easy_setopt(h.get(), CURLOPT_HTTPHEADER, headers);
  if (call.method == "POST") {
    curl_easy_setopt(h.get(), CURLOPT_POSTFIELDS, call.body.data());
    curl_easy_setopt(h.get(), CURLOPT_POSTFIELDSIZE, static_cast<long>(call.body.size()));
  }
  SocketGate gate{&call.allow_address};
  if (call.allow_address) {
    curl_easy_setopt(h.get(), CURLOPT_PROXY, "");
    curl_easy_setopt(h.get(), CURLOPT_OPENSOCKETFUNCTION, OpenAllowedSocket);
    curl_easy_setopt(h.get(), CURLOPT_OPENSOCKETDATA, &gate);
  }
  CURLcode rc = curl_easy_perform(h.get());
  if (rc != CURLE_OK) {
    r.error = gate.refused ? "the address is not allowed" : curl_easy_strerror(rc);
  } else {
    long status = 0;
    curl_easy_getinfo(h.get(), CURLINFO_RESPONSE_CODE, &status);
    r.status = static_cast<int>(status);
    char* type = nullptr;
    if (curl_easy_getinfo(h.get(), CURLINFO_CONTENT_TYPE, &type) == CURLE_OK && type) r.content_type = type;
  }
  curl_slist_free_all(headers);
  return r;
}
}  // namespace

HttpReply HttpGet(const std::string& url, long timeout_seconds) {
  HttpCall call;
  call.url = url;
  call.timeout_seconds = timeout_seconds;
  call.connect_timeout_seconds = 0;  // within the whole timeout
  return Perform(call);
}

HttpReply HttpPost(const std::string& url, const std::string& body, const std::string& content_type,
                   long timeout_seconds) {
  HttpCall call;
  call.method = "POST";
  call.url = url;
  call.body = body;
  call.headers = {"Content-Type: " + content_type};
  call.timeout_seconds = timeout_seconds;
  call.connect_timeout_seconds = 0;
  return Perform(call);
}

HttpReply HttpSend(const HttpCall& call) {
  HttpCall c = call;
  // No "Expect: 100-continue" wait before the body: many small servers never answer it.
  if (c.method == "POST") c.headers.push_back("Expect:");
  return Perform(c);
}

}  // namespace samrad::server
