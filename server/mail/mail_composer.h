// Words of an e-mail: turns notifications into a subject, a plain-text body
// and an HTML body in the recipient's language (server/web/messages/mail.*),
// with absolute links back to the exact comment, decision or page.
#pragma once

#include <string>
#include <vector>

#include "core/notification.h"

namespace samrad::server::mail {

struct ComposedMail {
  std::string subject;
  std::string text;
  std::string html;
};

// Who a message goes to and how they stop it.
struct MailFooter {
  bool subscription = false;     // the recipient follows something (else: a user's own kinds)
  std::string unsubscribe_url;   // absolute; empty: none
  std::string unsubscribe_kind;  // "kind", "user" or "subscription": the link's words
};

class MailComposer {
 public:
  // base_url: absolute, no trailing slash.
  explicit MailComposer(std::string base_url) : base_url_(std::move(base_url)) {}

  // One message about one notification. Pure; thread-safe.
  ComposedMail One(const Notification& n, const std::string& lang, const MailFooter& footer) const;
  // A digest of items (already at most the digest's size), grouped by
  // consultation in their order; `total` is how many items are waiting in
  // all, and rest_path the page that lists every one of them.
  ComposedMail Digest(const std::vector<Notification>& items, size_t total, bool weekly,
                      const std::string& rest_path, const std::string& lang,
                      const MailFooter& footer) const;

  // "{name}" replaced by the string (or number) data[name]. Pure.
  static std::string Fill(const std::string& pattern, const nlohmann::json& data);

 private:
  std::string base_url_;
};

}  // namespace samrad::server::mail
