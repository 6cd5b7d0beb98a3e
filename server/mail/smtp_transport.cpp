// SMTP over libcurl (see smtp_transport.h).
#include "server/mail/smtp_transport.h"

#include <curl/curl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

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

// libcurl calls this at least once a second during a transfer, also while
// it waits for the server; non-zero aborts the transfer.
int CheckInterrupt(void* flag, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  return static_cast<std::atomic<bool>*>(flag)->load() ? 1 : 0;
}

// The connection's socket, so that an interrupted transfer can be cut off:
// libcurl would otherwise say QUIT on it when the handle is cleaned up and
// wait for the (stalled) server's answer, up to its response timeout.
int NoteSocket(void* socket, curl_socket_t fd, curlsocktype) {
  *static_cast<int*>(socket) = fd;
  return CURL_SOCKOPT_OK;
}

int CloseSocket(void* socket, curl_socket_t fd) {
  if (*static_cast<int*>(socket) == fd) *static_cast<int*>(socket) = -1;
  return ::close(fd);
}

// 5xx refusals end a message's delivery, except those about our own login
// (530, 534, 535, 538): those are the operator's to fix, and then it goes.
bool Permanent(long code) {
  return code >= 500 && code < 600 && code != 530 && code != 534 && code != 535 && code != 538;
}

// What the operator can do about errors that are theirs to fix.
const char* Hint(CURLcode rc) {
  switch (rc) {
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
      return "; the SMTP server's certificate is not trusted: give its CA with --smtp-ca-file";
    case CURLE_USE_SSL_FAILED:
      return "; the SMTP server offers no STARTTLS, and with --smtp-auth-file the password goes over TLS only";
    case CURLE_LOGIN_DENIED:
      return "; check the user and password in --smtp-auth-file";
    default:
      return "";
  }
}

}  // namespace

Result<std::unique_ptr<SmtpTransport>> SmtpTransport::Make(const SmtpSettings& settings) {
  const std::string& url = settings.url;
  if (!url.starts_with("smtp://") && !url.starts_with("smtps://")) {
    return Invalid("--smtp-url must start with smtp:// or smtps://: " + url);
  }
  std::unique_ptr<SmtpTransport> t(new SmtpTransport());
  t->url_ = url;
  if (!settings.auth_file.empty()) {
    const std::string& auth_file = settings.auth_file;
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
  if (!settings.ca_file.empty()) {
    if (::access(settings.ca_file.c_str(), R_OK) != 0) return Invalid("cannot read --smtp-ca-file " + settings.ca_file);
    t->ca_file_ = settings.ca_file;
  }
  t->curl_ = curl_easy_init();
  if (!t->curl_) return Invalid("cannot initialise libcurl");
  curl_easy_setopt(t->curl_, CURLOPT_SOCKOPTFUNCTION, NoteSocket);
  curl_easy_setopt(t->curl_, CURLOPT_SOCKOPTDATA, &t->socket_);
  curl_easy_setopt(t->curl_, CURLOPT_CLOSESOCKETFUNCTION, CloseSocket);
  curl_easy_setopt(t->curl_, CURLOPT_CLOSESOCKETDATA, &t->socket_);
  return t;
}

SmtpTransport::~SmtpTransport() {
  if (curl_) curl_easy_cleanup(static_cast<CURL*>(curl_));
}

SendResult SmtpTransport::Send(const std::string& envelope_from, const std::string& recipient,
                               const std::string& message) {
  SendResult interrupted{false, false, "interrupted by the server's stop", true};
  if (interrupted_) return interrupted;
  CURL* c = static_cast<CURL*>(curl_);
  Upload up{&message};
  char error[CURL_ERROR_SIZE] = {0};
  curl_slist* rcpt = curl_slist_append(nullptr, ("<" + recipient + ">").c_str());
  // Options are set anew for each message on the same handle; the handle
  // keeps its connection between calls (libcurl's connection cache).
  curl_easy_setopt(c, CURLOPT_URL, url_.c_str());
  // A password never crosses in the clear: with one, smtp:// must STARTTLS.
  curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(user_.empty() ? CURLUSESSL_TRY : CURLUSESSL_ALL));
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!ca_file_.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, ca_file_.c_str());
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
  curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, CheckInterrupt);
  curl_easy_setopt(c, CURLOPT_XFERINFODATA, &interrupted_);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, 120L);
  CURLcode rc = curl_easy_perform(c);
  curl_slist_free_all(rcpt);
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, nullptr);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, nullptr);
  if (rc == CURLE_OK) return {true, false, ""};
  if (rc == CURLE_ABORTED_BY_CALLBACK) {
    if (socket_ >= 0) ::shutdown(socket_, SHUT_RDWR);  // no goodbye to a server that stalls
    return interrupted;
  }
  long code = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
  std::ostringstream what;
  // The last reply's code, when it was a refusal (a TLS or connection error
  // leaves the greeting's 220 or the EHLO's 250 there).
  if (code < 400) code = 0;
  what << (code ? "SMTP " + std::to_string(code) + ": " : std::string()) << curl_easy_strerror(rc);
  if (error[0]) what << " (" << error << ")";
  what << Hint(rc);
  return {false, Permanent(code), what.str()};
}

}  // namespace samrad::server::mail
