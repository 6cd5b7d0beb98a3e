// libcurl behind HttpGet and HttpPost.
#include "server/http_client.h"

#include <curl/curl.h>

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

HttpReply Perform(const std::string& url, const std::string* body, const std::string& content_type, long timeout) {
  static const bool initialised = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  HttpReply r;
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> h(initialised ? curl_easy_init() : nullptr, curl_easy_cleanup);
  if (!h) {
    r.error = "cannot initialise libcurl";
    return r;
  }
  curl_slist* headers = nullptr;
  curl_easy_setopt(h.get(), CURLOPT_URL, url.c_str());
  curl_easy_setopt(h.get(), CURLOPT_WRITEFUNCTION, Append);
  curl_easy_setopt(h.get(), CURLOPT_WRITEDATA, &r.body);
  curl_easy_setopt(h.get(), CURLOPT_TIMEOUT, timeout);
  curl_easy_setopt(h.get(), CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h.get(), CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h.get(), CURLOPT_ACCEPT_ENCODING, "");
  if (body) {
    headers = curl_slist_append(headers, ("Content-Type: " + content_type).c_str());
    curl_easy_setopt(h.get(), CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(h.get(), CURLOPT_POSTFIELDS, body->data());
    curl_easy_setopt(h.get(), CURLOPT_POSTFIELDSIZE, static_cast<long>(body->size()));
  }
  CURLcode rc = curl_easy_perform(h.get());
  if (rc != CURLE_OK) {
    r.error = curl_easy_strerror(rc);
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
  return Perform(url, nullptr, "", timeout_seconds);
}

HttpReply HttpPost(const std::string& url, const std::string& body, const std::string& content_type,
                   long timeout_seconds) {
  return Perform(url, &body, content_type, timeout_seconds);
}

}  // namespace samrad::server
