// The confirmation e-mail of a follow by e-mail (see follow_mail.h).
#include "server/web/follow_mail.h"

#include "server/web/format.h"
#include "server/web/models.h"
#include "server/web/templates.h"

namespace samrad::server {

namespace {
std::string Message(const nlohmann::json& t, const std::string& key) {
  auto it = t.find(key);
  return it != t.end() && it->is_string() ? it->get<std::string>() : key;
}
}  // namespace

std::string FollowWhat(const std::string& lang, const std::string& kind, const std::string& title) {
  return FillText(Message(MessageCatalogue(lang), "follow_what_" + kind), {{"title", title}});
}

OutgoingMail ComposeFollowConfirmation(const ConfirmationMail& m) {
  const nlohmann::json& t = MessageCatalogue(m.lang);
  std::string what = FollowWhat(m.lang, m.target_kind, m.title);
  auto expires = TimeView(m.expires_at, m.lang);
  std::string when = expires.is_object() ? expires.value("datetime", m.expires_at) : m.expires_at;
  std::string intro = FillText(Message(t, "follow_mail_intro"), {{"what", what}});
  std::string action = FillText(Message(t, "follow_mail_action"), {{"expires", when}});
  std::string ignore = Message(t, "follow_mail_ignore");
  OutgoingMail mail;
  mail.subject = FillText(Message(t, "follow_mail_subject"), {{"what", what}});
  mail.text_body = intro + "\n\n" + action + "\n\n" + m.confirm_url + "\n\n" + ignore + "\n";
  mail.html_body = RenderTemplate("mail_follow_confirm", {{"lang", m.lang},
                                                          {"subject", mail.subject},
                                                          {"intro", intro},
                                                          {"action", action},
                                                          {"url", m.confirm_url},
                                                          {"button", Message(t, "follow_mail_button")},
                                                          {"ignore", ignore}});
  return mail;
}

}  // namespace samrad::server
