// NotifierRules: each log entry kind and who it tells, as one INSERT ...
// SELECT per group of recipients, so a decision that ten thousand people
// follow makes its rows in one statement.
#include "core/notifier_rules.h"

#include <algorithm>
#include <set>

#include "core/notification.h"

namespace samrad {

using json = nlohmann::json;

namespace {

// ?1 seq, ?2 kind, ?3 consultation, ?4 link, ?5 data, ?6 now, ?7 actor; the
// recipients (user_id, subscription_id, email) may use ?8 and ?9.
std::string InsertSql(const std::string& recipients) {
  return "INSERT OR IGNORE INTO notifications(user_id, subscription_id, event_seq, kind, "
         "consultation_id, link, data, created_at, mailed) "
         "SELECT r.user_id, r.subscription_id, ?1, ?2, ?3, ?4, ?5, ?6, "
         "CASE WHEN r.user_id IS NULL OR ifnull(p.email, 1) = 1 THEN 0 ELSE 2 END "
         "FROM (" + recipients + ") r "
         "LEFT JOIN users u ON u.id = r.user_id "
         "LEFT JOIN notification_prefs p ON p.user_id = r.user_id AND p.kind = ?2 "
         "WHERE (r.user_id IS NULL OR (u.deleted_at IS NULL AND ifnull(p.enabled, 1) = 1 "
         "AND r.user_id IS NOT ?7 AND NOT EXISTS (SELECT 1 FROM notifications n "
         "WHERE n.event_seq = ?1 AND n.user_id = r.user_id))) "
         "AND (r.email IS NULL OR (r.email IS NOT (SELECT email FROM users WHERE id = ?7) "
         "AND NOT EXISTS (SELECT 1 FROM notifications n JOIN subscriptions s2 ON s2.id = n.subscription_id "
         "WHERE n.event_seq = ?1 AND n.user_id IS NULL AND s2.email = r.email)))";
}

std::optional<int64_t> OptId(const json& j, const char* key) {
  if (j.contains(key) && j[key].is_number_integer()) return j[key].get<int64_t>();
  return std::nullopt;
}

std::vector<int64_t> Ids(const json& j) {
  std::vector<int64_t> out;
  if (j.is_array()) {
    for (const auto& v : j) {
      if (v.is_number_integer()) out.push_back(v.get<int64_t>());
    }
  }
  return out;
}

// The ids an entry adds: all on publication; on an amendment only those its
// `changes` add to the field.
std::vector<int64_t> Added(const Event& e, const char* field) {
  if (e.kind == "decision.published") return Ids(e.payload.value(field, json::array()));
  if (!e.payload.contains("changes") || !e.payload["changes"].contains(field)) return {};
  const json& change = e.payload["changes"][field];
  std::vector<int64_t> from = Ids(change.value("from", json::array()));
  std::vector<int64_t> out;
  for (int64_t id : Ids(change.value("to", json::array()))) {
    if (std::find(from.begin(), from.end(), id) == from.end()) out.push_back(id);
  }
  return out;
}

std::optional<int64_t> OneInt(db::Connection& c, const std::string& sql, int64_t a, int64_t b = 0) {
  auto& st = c.Prepare(sql);
  st.Bind(1, a);
  if (sql.find("?2") != std::string::npos) st.Bind(2, b);
  std::optional<int64_t> out;
  if (st.Step()) out = st.OptInt(0);
  st.Reset();
  return out;
}

// Lower-cases ASCII and the Latin-1 letters (å ä ö é ü ...) of UTF-8 text.
std::string Lower(const std::string& s) {
  std::string out = s;
  for (size_t i = 0; i < out.size(); ++i) {
    unsigned char ch = static_cast<unsigned char>(out[i]);
    if (ch >= 'A' && ch <= 'Z') {
      out[i] = static_cast<char>(ch + 32);
    } else if (ch == 0xC3 && i + 1 < out.size()) {
      unsigned char next = static_cast<unsigned char>(out[i + 1]);
      if (next >= 0x80 && next <= 0x9E && next != 0x97) out[i + 1] = static_cast<char>(next + 0x20);
      ++i;
    }
  }
  return out;
}

// Words of lower-cased text: runs of ASCII letters and digits and of
// non-ASCII characters other than general punctuation (U+2000..U+206F).
std::vector<std::string> Words(const std::string& text) {
  std::string s = Lower(text);
  std::vector<std::string> out;
  std::string word;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char ch = static_cast<unsigned char>(s[i]);
    bool punct = ch == 0xE2 && i + 1 < s.size() && (static_cast<unsigned char>(s[i + 1]) & 0xFE) == 0x80;
    if (std::isalnum(ch) || (ch >= 0x80 && !punct)) {
      word.push_back(s[i]);
      continue;
    }
    if (punct) i += 2;
    if (!word.empty()) out.push_back(std::move(word));
    word.clear();
  }
  if (!word.empty()) out.push_back(std::move(word));
  return out;
}

}  // namespace

bool SearchQueryMatches(const std::string& query, const std::string& text) {
  std::vector<std::string> wanted = Words(query);
  if (wanted.empty()) return false;
  std::vector<std::string> have = Words(text);
  std::sort(have.begin(), have.end());
  for (const auto& w : wanted) {
    auto it = std::lower_bound(have.begin(), have.end(), w);
    if (it == have.end() || !it->starts_with(w)) return false;
  }
  return true;
}

NotifierRules::NotifierRules(db::Connection& c, std::string now)
    : c_(c), now_(std::move(now)), comments_(c) {}

int64_t NotifierRules::Apply(const Event& e) {
  if (e.kind == "comment.posted") return CommentPosted(e);
  if (e.kind == "comment.hidden") return CommentHidden(e);
  if (e.kind == "decision.published" || e.kind == "decision.amended") return DecisionPublished(e);
  if (e.kind == "consultation.extended") return ConsultationExtended(e);
  if (e.kind == "consultation.updated") return ConsultationUpdated(e);
  if (e.kind == "consultation.published") return ConsultationPublished(e);
  if (e.kind == "dataset.published" || e.kind == "dataset.updated") return DatasetPublished(e);
  if (e.kind == "account.deleted") {
    // An erased account keeps nothing it was told, nor its switches.
    if (auto id = OptId(e.payload, "user_id")) {
      c_.Prepare("DELETE FROM notifications WHERE user_id = ?").Bind(1, *id).Run();
      c_.Prepare("DELETE FROM notification_prefs WHERE user_id = ?").Bind(1, *id).Run();
    }
  }
  return 0;
}

int64_t NotifierRules::Insert(const std::string& recipients_sql, const Row& r,
                              const std::vector<std::string>& extra_binds) {
  auto& st = c_.Prepare(InsertSql(recipients_sql));
  std::string data = r.data.dump();
  st.Bind(1, r.seq).Bind(2, r.kind).Bind(3, r.consultation_id).Bind(4, r.link).Bind(5, data)
      .Bind(6, now_).Bind(7, r.actor);
  for (size_t i = 0; i < extra_binds.size(); ++i) st.Bind(static_cast<int>(8 + i), extra_binds[i]);
  st.Run();
  return c_.Changes();
}

int64_t NotifierRules::ToUser(const Row& r, int64_t user_id) {
  return Insert("SELECT CAST(?8 AS INTEGER) AS user_id, NULL AS subscription_id, NULL AS email", r,
                {std::to_string(user_id)});
}

int64_t NotifierRules::ToParticipants(const Row& r, int64_t consultation_id) {
  return Insert("SELECT DISTINCT author_id AS user_id, NULL AS subscription_id, NULL AS email "
                "FROM comments WHERE consultation_id = CAST(?8 AS INTEGER)",
                r, {std::to_string(consultation_id)});
}

int64_t NotifierRules::ToFollowers(const Row& r, const std::string& target_kind, const std::string& target) {
  return Insert("SELECT user_id, id AS subscription_id, email FROM subscriptions "
                "WHERE target_kind = ?8 AND target = ?9 AND confirmed_at IS NOT NULL",
                r, {target_kind, target});
}

int64_t NotifierRules::ToSearchFollowers(const Row& r, const std::string& title, const std::string& text) {
  // Many people follow the same few searches: each distinct query is
  // matched once, and all its followers are told in one statement.
  std::vector<std::string> matching;
  {
    auto& st = c_.Prepare(
        "SELECT target FROM subscriptions WHERE target_kind = 'search' AND confirmed_at IS NOT NULL "
        "GROUP BY target");
    std::string all = title + "\n" + text;
    while (st.Step()) {
      std::string query = st.Text(0);
      if (SearchQueryMatches(query, all)) matching.push_back(std::move(query));
    }
    st.Reset();
  }
  int64_t made = 0;
  for (const auto& query : matching) {
    Row one = r;
    one.data["query"] = query;
    made += ToFollowers(one, "search", query);
  }
  return made;
}

std::string NotifierRules::ConsultationTitle(int64_t id) {
  auto& st = c_.Prepare("SELECT title FROM consultations WHERE id = ?");
  std::string title = st.Bind(1, id).Step() ? st.Text(0) : "";
  st.Reset();
  return title;
}

int64_t NotifierRules::ClosingSeq(int64_t consultation_id) {
  return OneInt(c_,
                "SELECT max(seq) FROM events WHERE subject = 'consultation/' || ?1 AND kind IN "
                "('consultation.published', 'consultation.updated', 'consultation.extended')",
                consultation_id)
      .value_or(0);
}

int64_t NotifierRules::CommentPosted(const Event& e) {
  auto id = OptId(e.payload, "id");
  if (!id) return 0;
  auto k = comments_.Load(c_, *id);
  // A comment hidden before it was told about is told to no one.
  if (!k || k->hidden) return 0;
  std::string title = ConsultationTitle(k->consultation_id);
  Row r{std::string(notify::kFollowedComment), e.seq, k->consultation_id, "/comments/" + std::to_string(k->id),
        {{"event_kind", e.kind}, {"consultation_title", title}, {"comment_id", k->id},
         {"parent_id", k->parent_id ? json(*k->parent_id) : json(nullptr)},
         {"excerpt", notify::Excerpt(k->body)},
         {"author", k->author.kind == "deleted" ? "" : k->author.name},
         {"author_kind", k->author.kind}, {"official", k->official}},
        k->author_id};
  int64_t made = 0;
  if (k->parent_id) {
    auto& st = c_.Prepare("SELECT author_id, body FROM comments WHERE id = ?");
    if (st.Bind(1, *k->parent_id).Step()) {
      int64_t parent_author = st.Int(0);
      Row reply = r;
      reply.kind = k->official ? notify::kOfficialAnswer : notify::kReply;
      reply.data["your_excerpt"] = notify::Excerpt(st.Text(1));
      st.Reset();
      made += ToUser(reply, parent_author);
    }
    st.Reset();
  }
  made += ToFollowers(r, "consultation", std::to_string(k->consultation_id));
  Row found = r;
  found.kind = notify::kFollowedSearch;
  found.data = {{"event_kind", e.kind}, {"consultation_title", title}, {"item_kind", "comment"},
                {"title", title}, {"excerpt", notify::Excerpt(k->body)}, {"comment_id", k->id}};
  made += ToSearchFollowers(found, title, k->body);
  return made;
}

int64_t NotifierRules::CommentHidden(const Event& e) {
  auto id = OptId(e.payload, "comment_id");
  if (!id) return 0;
  // What others were told of the comment no longer quotes it, and is not mailed.
  if (auto posted = EventLog::FirstOf(c_, "comment.posted", "comment/" + std::to_string(*id))) {
    c_.Prepare("UPDATE notifications SET data = json_set(json_remove(data, '$.excerpt'), '$.comment_hidden', "
               "json('true')), mailed = CASE mailed WHEN 0 THEN 2 ELSE mailed END WHERE event_seq = ?")
        .Bind(1, posted->seq).Run();
  }
  auto& st = c_.Prepare("SELECT author_id, body, consultation_id FROM comments WHERE id = ?");
  if (!st.Bind(1, *id).Step()) return 0;
  int64_t author = st.Int(0), consultation = st.Int(2);
  std::string excerpt = notify::Excerpt(st.Text(1));
  st.Reset();
  std::optional<int64_t> moderator;
  if (auto act = OptId(e.payload, "act_id")) {
    moderator = OneInt(c_, "SELECT moderator_id FROM moderation_acts WHERE id = ?1", *act);
  }
  Row r{std::string(notify::kCommentHidden), e.seq, consultation, "/comments/" + std::to_string(*id),
        {{"event_kind", e.kind}, {"consultation_title", ConsultationTitle(consultation)},
         {"comment_id", *id}, {"your_excerpt", excerpt}, {"reason", e.payload.value("reason", "")},
         {"object_link", "/moderation"}, {"act_id", e.payload.value("act_id", json(nullptr))}},
        moderator};
  return ToUser(r, author);
}

int64_t NotifierRules::DecisionPublished(const Event& e) {
  auto id = OptId(e.payload, "id");
  if (!id) return 0;
  int64_t version = e.payload.value("version", 1);
  bool amended = e.kind == "decision.amended";
  std::string link = "/decisions/" + std::to_string(*id);
  if (amended) link += "/versions/" + std::to_string(version);
  Row r{std::string(notify::kDecisionAnswer), e.seq, std::nullopt, link,
        {{"event_kind", e.kind}, {"decision_id", *id}, {"decision_title", e.payload.value("title", "")},
         {"body_name", e.payload.value("body_name", "")}, {"reference", e.payload.value("reference", "")},
         {"outcome", e.payload.value("outcome", "")}, {"decided_at", e.payload.value("decided_at", "")},
         {"version", version}, {"amended", amended}},
        OneInt(c_, "SELECT published_by FROM decision_versions WHERE decision_id = ?1 AND version = ?2", *id,
               version)};
  if (amended && e.payload.contains("reason")) r.data["reason"] = e.payload["reason"];
  int64_t made = 0;
  for (int64_t comment : Added(e, "answers_comment_ids")) {
    auto& st = c_.Prepare("SELECT author_id, body, consultation_id FROM comments WHERE id = ?");
    if (!st.Bind(1, comment).Step()) continue;
    Row answer = r;
    int64_t author = st.Int(0);
    answer.consultation_id = st.Int(2);
    answer.data["answered_comment_id"] = comment;
    answer.data["your_excerpt"] = notify::Excerpt(st.Text(1));
    st.Reset();
    answer.data["consultation_title"] = ConsultationTitle(*answer.consultation_id);
    made += ToUser(answer, author);
  }
  std::vector<int64_t> linked = Ids(e.payload.value("consultation_ids", json::array()));
  for (int64_t consultation : Added(e, "consultation_ids")) {
    Row told = r;
    told.kind = notify::kConsultationDecision;
    told.consultation_id = consultation;
    told.data["consultation_title"] = ConsultationTitle(consultation);
    made += ToParticipants(told, consultation);
  }
  Row followed = r;
  followed.kind = notify::kFollowedDecision;
  for (int64_t consultation : linked) {
    followed.consultation_id = consultation;
    followed.data["consultation_title"] = ConsultationTitle(consultation);
    made += ToFollowers(followed, "consultation", std::to_string(consultation));
  }
  made += ToFollowers(followed, "body", e.payload.value("body_name", ""));
  if (!amended) {
    Row found = r;
    found.kind = notify::kFollowedSearch;
    found.consultation_id.reset();
    found.data = {{"event_kind", e.kind}, {"item_kind", "decision"}, {"decision_id", *id},
                  {"title", e.payload.value("title", "")}, {"excerpt", notify::Excerpt(e.payload.value("body", ""))}};
    made += ToSearchFollowers(found, e.payload.value("title", ""),
                              e.payload.value("body_name", "") + "\n" + e.payload.value("body", ""));
  }
  return made;
}

int64_t NotifierRules::ConsultationExtended(const Event& e) {
  auto id = OptId(e.payload, "id");
  if (!id) return 0;
  json closes = e.payload.value("closes_at", json::object());
  Row r{std::string(notify::kConsultationExtended), e.seq, *id, "/consultations/" + std::to_string(*id),
        {{"event_kind", e.kind}, {"consultation_title", ConsultationTitle(*id)},
         {"closes_at_from", closes.value("from", "")}, {"closes_at_to", closes.value("to", "")},
         {"reason", e.payload.value("reason", "")}},
        OneInt(c_, "SELECT changed_by FROM consultation_versions WHERE consultation_id = ?1 AND version = ?2", *id,
               e.payload.value("version", int64_t{0}))};
  int64_t made = ToParticipants(r, *id);
  r.kind = notify::kFollowedConsultationUpdate;
  r.data["update"] = "extended";
  return made + ToFollowers(r, "consultation", std::to_string(*id));
}

int64_t NotifierRules::ConsultationUpdated(const Event& e) {
  auto id = OptId(e.payload, "id");
  // A draft's changes are nobody's news.
  if (!id || !e.payload.contains("content")) return 0;
  int64_t version = e.payload.value("version", int64_t{0});
  Row r{std::string(notify::kFollowedConsultationUpdate), e.seq, *id, "/consultations/" + std::to_string(*id),
        {{"event_kind", e.kind}, {"consultation_title", e.payload["content"].value("title", "")},
         {"update", "updated"}, {"version", version}},
        OneInt(c_, "SELECT changed_by FROM consultation_versions WHERE consultation_id = ?1 AND version = ?2", *id,
               version)};
  if (e.payload.contains("reason")) r.data["reason"] = e.payload["reason"];
  return ToFollowers(r, "consultation", std::to_string(*id));
}

int64_t NotifierRules::ConsultationPublished(const Event& e) {
  auto id = OptId(e.payload, "id");
  if (!id) return 0;
  std::string title = e.payload.value("title", ""), summary = e.payload.value("summary", "");
  Row r{std::string(notify::kFollowedSearch), e.seq, *id, "/consultations/" + std::to_string(*id),
        {{"event_kind", e.kind}, {"consultation_title", title}, {"item_kind", "consultation"},
         {"title", title}, {"excerpt", notify::Excerpt(summary)}},
        OneInt(c_, "SELECT created_by FROM consultations WHERE id = ?1", *id)};
  return ToSearchFollowers(r, title, summary + "\n" + e.payload.value("body", ""));
}

int64_t NotifierRules::DatasetPublished(const Event& e) {
  std::string name = e.payload.value("name", e.subject.starts_with("dataset/") ? e.subject.substr(8) : "");
  if (name.empty()) return 0;
  std::string title = e.payload.value("title", name), description = e.payload.value("description", "");
  auto& st = c_.Prepare("SELECT published_by FROM datasets WHERE name = ?");
  std::optional<int64_t> actor;
  if (st.Bind(1, name).Step()) actor = st.Int(0);
  st.Reset();
  Row r{std::string(notify::kFollowedDataset), e.seq, std::nullopt, "/opendata/datasets/" + name,
        {{"event_kind", e.kind}, {"dataset_name", name}, {"dataset_title", title},
         {"update", e.kind == "dataset.published" ? "published" : "updated"}},
        actor};
  int64_t made = ToFollowers(r, "dataset", name);
  if (e.kind == "dataset.published") {
    r.kind = notify::kFollowedSearch;
    r.data = {{"event_kind", e.kind}, {"item_kind", "dataset"}, {"dataset_name", name},
              {"title", title}, {"excerpt", notify::Excerpt(description)}};
    made += ToSearchFollowers(r, title, description);
  }
  return made;
}

int64_t NotifierRules::Closed(int64_t consultation_id) {
  auto& st = c_.Prepare("SELECT title, closes_at FROM consultations WHERE id = ?");
  if (!st.Bind(1, consultation_id).Step()) return 0;
  // No log entry records a closing (time does it): the rows name minus the
  // entry that set the closing time, so each closing is told once.
  Row r{std::string(notify::kConsultationClosed), -ClosingSeq(consultation_id), consultation_id,
        "/consultations/" + std::to_string(consultation_id),
        {{"event_kind", "consultation.closed"}, {"consultation_title", st.Text(0)}, {"closes_at", st.Text(1)}},
        std::nullopt};
  st.Reset();
  if (r.seq == 0) return 0;
  int64_t made = ToParticipants(r, consultation_id);
  r.kind = notify::kFollowedConsultationUpdate;
  r.data["update"] = "closed";
  return made + ToFollowers(r, "consultation", std::to_string(consultation_id));
}

}  // namespace samrad
