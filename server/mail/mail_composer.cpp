// Composition of notification e-mail (see mail_composer.h).
#include "server/mail/mail_composer.h"

#include <algorithm>

#include "server/web/templates.h"

namespace samrad::server::mail {

namespace {

using nlohmann::json;

std::string Msg(const json& m, const std::string& key) {
  auto it = m.find(key);
  return it != m.end() && it->is_string() ? it->get<std::string>() : key;
}

// The data with what the words need filled in: who wrote (a deleted account
// and an unknown author are named), dates as days.
json WordsData(const Notification& n, const json& m) {
  json d = n.data.is_object() ? n.data : json::object();
  if (d.value("author_kind", "") == "deleted") d["author"] = Msg(m, "mail_deleted_author");
  if (!d.contains("author") || !d["author"].is_string() || d["author"].get<std::string>().empty()) {
    d["author"] = Msg(m, "mail_someone");
  }
  for (const char* k : {"closes_at", "closes_at_to", "closes_at_from", "decided_at"}) {
    if (d.contains(k) && d[k].is_string()) d[k] = d[k].get<std::string>().substr(0, 10);
  }
  for (const char* k : {"consultation_title", "decision_title", "dataset_title", "body_name", "query", "title"}) {
    if (!d.contains(k) || !d[k].is_string()) d[k] = "";
  }
  return d;
}

json Item(const Notification& n, const json& m, const std::string& base_url) {
  json d = WordsData(n, m);
  json item = {{"headline", MailComposer::Fill(Msg(m, "mail_line_" + n.kind), d)},
               {"url", base_url + n.link},
               {"link_text", Msg(m, "mail_open")},
               {"details", json::array()}};
  if (d.contains("excerpt") && d["excerpt"].is_string()) item["quote"] = d["excerpt"];
  if (d.contains("your_excerpt") && d["your_excerpt"].is_string() && n.kind != notify::kCommentHidden) {
    item["details"].push_back(MailComposer::Fill(Msg(m, "mail_your_comment"), d));
  }
  if (d.value("amended", false)) {
    item["details"].push_back(Msg(m, "mail_amended"));
    if (d.contains("reason") && d["reason"].is_string()) item["details"].push_back(MailComposer::Fill(Msg(m, "mail_reason"), d));
  } else if (n.kind == notify::kConsultationExtended && d.contains("reason") && d["reason"].is_string()) {
    item["details"].push_back(MailComposer::Fill(Msg(m, "mail_reason"), d));
  }
  if (n.kind == notify::kCommentHidden) {
    if (d.contains("your_excerpt") && d["your_excerpt"].is_string()) item["quote"] = d["your_excerpt"];
    item["details"].push_back(Msg(m, "mail_object"));
  }
  return item;
}

json FooterModel(const json& m, const MailFooter& f, const std::string& base_url) {
  json j = {{"why", Msg(m, f.subscription ? "mail_why_subscription" : "mail_why_user")},
            {"settings_url", base_url + "/me"},
            {"settings_text", Msg(m, "mail_settings")}};
  if (!f.unsubscribe_url.empty()) {
    j["unsubscribe_url"] = f.unsubscribe_url;
    j["unsubscribe_text"] = Msg(m, "mail_unsubscribe_" + f.unsubscribe_kind);
  }
  return j;
}

// The plain-text part, from the same model as the HTML part.
std::string Text(const json& model) {
  std::string t = model["heading"].get<std::string>() + "\n";
  for (const auto& g : model["groups"]) {
    if (g.contains("title")) t += "\n== " + g["title"].get<std::string>() + " ==\n";
    for (const auto& item : g["items"]) {
      t += "\n" + item["headline"].get<std::string>() + "\n";
      if (item.contains("quote")) t += "\n  \"" + item["quote"].get<std::string>() + "\"\n\n";
      for (const auto& d : item["details"]) t += d.get<std::string>() + "\n";
      t += item["link_text"].get<std::string>() + ": " + item["url"].get<std::string>() + "\n";
    }
  }
  if (model.contains("rest_url")) {
    t += "\n" + model["rest_text"].get<std::string>() + ": " + model["rest_url"].get<std::string>() + "\n";
  }
  t += "\n-- \n" + model["why"].get<std::string>() + "\n";
  if (model.contains("unsubscribe_url")) {
    t += model["unsubscribe_text"].get<std::string>() + ": " + model["unsubscribe_url"].get<std::string>() + "\n";
  }
  t += model["settings_text"].get<std::string>() + ": " + model["settings_url"].get<std::string>() + "\n";
  return t;
}

ComposedMail Render(json model, const std::string& subject, const std::string& lang) {
  model["subject"] = subject;
  model["lang"] = lang;
  return {subject, Text(model), RenderTemplate("mail_message", model)};
}

}  // namespace

std::string MailComposer::Fill(const std::string& pattern, const json& data) {
  std::string out;
  size_t i = 0;
  while (i < pattern.size()) {
    size_t open = pattern.find('{', i);
    size_t close = open == std::string::npos ? open : pattern.find('}', open);
    if (close == std::string::npos) break;
    out += pattern.substr(i, open - i);
    std::string key = pattern.substr(open + 1, close - open - 1);
    auto it = data.find(key);
    if (it != data.end() && it->is_string()) {
      out += it->get<std::string>();
    } else if (it != data.end() && it->is_number()) {
      out += it->dump();
    }
    i = close + 1;
  }
  return out + pattern.substr(std::min(i, pattern.size()));
}

ComposedMail MailComposer::One(const Notification& n, const std::string& lang, const MailFooter& footer) const {
  const json& m = MessageCatalogue(lang);
  json item = Item(n, m, base_url_);
  json model = FooterModel(m, footer, base_url_);
  model["heading"] = item["headline"];
  json group = json::object();
  group["items"] = json::array();
  group["items"].push_back(item);
  model["groups"] = json::array();
  model["groups"].push_back(group);
  return Render(model, Fill(Msg(m, "mail_subject_" + n.kind), WordsData(n, m)), lang);
}

ComposedMail MailComposer::Digest(const std::vector<Notification>& items, size_t total, bool weekly,
                                  const std::string& rest_path, const std::string& lang,
                                  const MailFooter& footer) const {
  const json& m = MessageCatalogue(lang);
  json model = FooterModel(m, footer, base_url_);
  model["heading"] = Msg(m, "mail_digest_heading");
  json groups = json::array();
  std::vector<std::string> keys;  // one group per consultation, in order of first item
  for (const auto& n : items) {
    std::string key = n.consultation_id ? std::to_string(*n.consultation_id) : "";
    size_t g = 0;
    while (g < keys.size() && keys[g] != key) ++g;
    if (g == keys.size()) {
      keys.push_back(key);
      std::string title = n.consultation_id ? n.data.value("consultation_title", "") : Msg(m, "mail_other");
      json group = json::object();
      group["title"] = title;
      group["items"] = json::array();
      groups.push_back(group);
    }
    groups[g]["items"].push_back(Item(n, m, base_url_));
  }
  model["groups"] = groups;
  json count = {{"count", std::to_string(total)}};
  if (total > items.size()) {
    model["rest_url"] = base_url_ + rest_path;
    model["rest_text"] = Fill(Msg(m, "mail_digest_rest"), count);
  }
  return Render(model, Fill(Msg(m, weekly ? "mail_digest_subject_weekly" : "mail_digest_subject_daily"), count),
                lang);
}

}  // namespace samrad::server::mail
