// SMTP over libcurl (see smtp_transport.h).
#include "server/mail/smtp_transport.h"

#include <curl/curl.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <sstream>

namespace samrad::server::mail {

namespace {

struct Upload {
  const std::string* text;
  size_t offset = 0;
};

size_t ReadChunk(char* buffer, size_t size, size_t count, void* user) {
  auto* up = static_cast<Upload*>(user);
  size_t n = std::min(size * count, up->text->size() - up->offset);
  std::memcpy(buffer, up->text->data() + up->offset, n);
  up->offset += n;
  return n;
}

// 5xx refusals end a message's delivery, except those about our own login
// (530, 534, 535, 538): those are the operator's to fix, and then it goes.
bool Permanent(long code) {
  return code >= 500 && code < 600 && code != 530 && code != 534 && code != 535 && code != 538;
}

}  // namespace

Result<std::unique_ptr<SmtpTransport>> SmtpTransport::Make(const std::string& url, const std::string& auth_file) {
  if (!url.starts_with("smtp://") && !url.starts_with("smtps://")) {
    return Invalid("--smtp-url must start with smtp:// or smtps://: " + url);
  }
  std::unique_ptr<SmtpTransport> t(new SmtpTransport());
  t->url_ = url;
  if (!auth_file.empty()) {
    struct stat st {};
    if (::stat(auth_file.c_str(), &st) != 0) return Invalid("cannot read --smtp-auth-file " + auth_file);
    if (st.st_mode & (S_IRWXG | S_IRWXO)) {
      return Invalid("--smtp-auth-file " + auth_file + " may be read by others: chmod 600 it");
    }
    std::ifstream in(auth_file);
    std::string line;
    std::getline(in, line);
    while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.pop_back();
    size_t colon = line.find(':');
    if (colon == std::string::npos) return Invalid("--smtp-auth-file wants one line user:password");
    t->user_ = line.substr(0, colon);
    t->password_ = line.substr(colon + 1);
  }
  t->curl_ = curl_easy_init();
  if (!t->curl_) return Invalid("cannot initialise libcurl");
  return t;
}

SmtpTransport::~SmtpTransport() {
  if (curl_) curl_easy_cleanup(static_cast<CURL*>(curl_));
}

SendResult SmtpTransport::Send(const std::string& envelope_from, const std::string& recipient,
                               const std::string& message) {
  CURL* c = static_cast<CURL*>(curl_);
  Upload up{&message};
  char error[CURL_ERROR_SIZE] = {0};
  curl_slist* rcpt = curl_slist_append(nullptr, ("<" + recipient + ">").c_str());
  // Options are set anew for each message on the same handle; the handle
  // keeps its connection between calls (libcurl's connection cache).
  curl_easy_setopt(c, CURLOPT_URL, url_.c_str());
  curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
  if (!user_.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, user_.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, password_.c_str());
  }
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, ("<" + envelope_from + ">").c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_READFUNCTION, ReadChunk);
  curl_easy_setopt(c, CURLOPT_READDATA, &up);
  curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, 120L);
  CURLcode rc = curl_easy_perform(c);
  curl_slist_free_all(rcpt);
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, nullptr);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, nullptr);
  if (rc == CURLE_OK) return {true, false, ""};
  long code = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
  std::ostringstream what;
  what << (code ? "SMTP " + std::to_string(code) + ": " : std::string()) << curl_easy_strerror(rc);
  if (error[0]) what << " (" << error << ")";
  return {false, Permanent(code), what.str()};
}

}  // namespace samrad::server::mail
