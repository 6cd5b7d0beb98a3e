// CompileReport: the consultation, its comments in threads, participation,
// top lists, decisions and the log position, all from one read transaction.
#include "core/consultation_report.h"

#include <algorithm>
#include <set>
#include <unordered_map>

#include "core/clock.h"
#include "core/comment_queries.h"
#include "core/consultation.h"
#include "core/event_log.h"
#include "core/tlog_checkpoint.h"

namespace samrad {

using nlohmann::json;

namespace {

bool LoadConsultation(db::Connection& c, int64_t id, int64_t now, ConsultationReport& r) {
  auto& st = c.Prepare(
      "SELECT k.title, k.summary, k.body, k.language, k.area, k.tags, k.opens_at, k.closes_at, "
      "k.created_at, k.published_at, k.decided_at, k.version, u.role FROM consultations k "
      "JOIN users u ON u.id = k.created_by WHERE k.id = ? AND k.published_at IS NOT NULL");
  if (!st.Bind(1, id).Step()) {
    st.Reset();
    return false;
  }
  r.id = id;
  r.title = st.Text(0);
  r.summary = st.Text(1);
  r.body = st.Text(2);
  r.language = st.Text(3);
  r.area = st.OptText(4);
  r.tags = json::parse(st.Text(5)).get<std::vector<std::string>>();
  r.opens_at = st.Text(6);
  r.closes_at = st.Text(7);
  r.created_at = st.Text(8);
  r.published_at = st.OptText(9);
  r.decided_at = st.OptText(10);
  r.version = static_cast<int>(st.Int(11));
  r.responsible_role = st.Text(12);
  st.Reset();
  Consultation dates;
  dates.published_at = r.published_at;
  dates.decided_at = r.decided_at;
  dates.opens_at = r.opens_at;
  dates.closes_at = r.closes_at;
  r.state = ConsultationState(dates, now);
  return true;
}

void LoadSections(db::Connection& c, ConsultationReport& r) {
  r.sections.push_back({});  // the consultation as a whole
  auto& st = c.Prepare("SELECT id, heading, body, removed FROM sections WHERE consultation_id = ? "
                       "ORDER BY removed, position, id");
  st.Bind(1, r.id);
  while (st.Step()) {
    ReportSection s;
    s.id = st.Int(0);
    s.heading = st.Text(1);
    s.body = st.Text(2);
    s.removed = st.Int(3) != 0;
    r.sections.push_back(std::move(s));
  }
  st.Reset();
}

void LoadLogFacts(db::Connection& c, ConsultationReport& r) {
  std::string subject = "consultation/" + std::to_string(r.id);
  if (auto e = EventLog::FirstOf(c, "consultation.published", subject)) {
    r.published_seq = e->seq;
    r.published_event_at = e->at;
  }
  auto& st = c.Prepare("SELECT COUNT(*) FROM events WHERE subject = ? AND kind = 'consultation.extended'");
  if (st.Bind(1, subject).Step()) r.extensions = st.Int(0);
  st.Reset();
  r.log_seq = EventLog::Head(c);
  if (auto cp = tlog::CheckpointStore::Latest(c)) {
    r.checkpoint_size = cp->size;
    r.checkpoint_note = cp->note;
    r.checkpoint_signed_at = cp->signed_at;
  }
  auto& t = c.Prepare("SELECT intro_md, summary_md, updated_at, published_at FROM report_texts "
                      "WHERE consultation_id = ?");
  if (t.Bind(1, r.id).Step()) {
    r.intro_md = t.Text(0);
    r.summary_md = t.Text(1);
    r.texts_updated_at = t.OptText(2);
    r.report_published_at = t.OptText(3);
  }
  t.Reset();
}

// Decision ids answering each comment of the consultation (current versions).
std::unordered_map<int64_t, std::vector<int64_t>> Answers(db::Connection& c, int64_t id) {
  std::unordered_map<int64_t, std::vector<int64_t>> out;
  auto& st = c.Prepare(
      "SELECT a.comment_id, a.decision_id FROM decision_answers a JOIN comments k ON k.id = a.comment_id "
      "WHERE k.consultation_id = ? AND a.version = (SELECT MAX(version) FROM decision_versions w "
      "WHERE w.decision_id = a.decision_id) ORDER BY a.comment_id, a.decision_id");
  st.Bind(1, id);
  while (st.Step()) out[st.Int(0)].push_back(st.Int(1));
  st.Reset();
  return out;
}

void LoadDecisions(db::Connection& c, ConsultationReport& r,
                   const std::unordered_map<int64_t, std::vector<int64_t>>& answers) {
  std::map<int64_t, int64_t> answered;  // decision -> comments of this consultation it answers
  for (const auto& [comment, ids] : answers) {
    for (int64_t d : ids) ++answered[d];
  }
  std::set<int64_t> ids;
  for (const auto& [d, n] : answered) ids.insert(d);
  auto& l = c.Prepare("SELECT l.decision_id FROM decision_links l WHERE l.consultation_id = ? AND l.version = "
                      "(SELECT MAX(version) FROM decision_versions w WHERE w.decision_id = l.decision_id)");
  l.Bind(1, r.id);
  while (l.Step()) ids.insert(l.Int(0));
  l.Reset();
  auto& st = c.Prepare(
      "SELECT decision_id, version, title, body_name, reference, decided_at, outcome, votes, published_at, "
      "log_seq FROM decision_versions WHERE decision_id = ? ORDER BY version DESC LIMIT 1");
  for (int64_t id : ids) {
    if (!st.Bind(1, id).Step()) {
      st.Reset();
      continue;
    }
    ReportDecision d;
    d.id = st.Int(0);
    d.version = static_cast<int>(st.Int(1));
    d.title = st.Text(2);
    d.body_name = st.Text(3);
    d.reference = st.Text(4);
    d.decided_at = st.Text(5);
    d.outcome = st.Text(6);
    d.votes = st.IsNull(7) ? json(nullptr) : json::parse(st.Text(7));
    d.published_at = st.Text(8);
    d.log_seq = st.Int(9);
    d.answers = answered.count(d.id) ? answered[d.id] : 0;
    st.Reset();
    r.decisions.push_back(std::move(d));
  }
  std::stable_sort(r.decisions.begin(), r.decisions.end(), [](const auto& a, const auto& b) {
    return a.decided_at < b.decided_at;
  });
}

struct Row {
  ReportComment k;
  int64_t section_id = 0;
  int64_t author_id = 0;
  std::vector<size_t> children;
};

// Appends row i and its replies depth-first to the thread.
void Walk(std::vector<Row>& rows, size_t i, int depth, std::vector<ReportComment>& out) {
  rows[i].k.depth = depth;
  out.push_back(std::move(rows[i].k));
  for (size_t ch : rows[i].children) Walk(rows, ch, depth + 1, out);
}

void Rank(ConsultationReport& r) {
  std::vector<ReportRanked> all;
  for (const auto& s : r.sections) {
    for (const auto& k : s.thread) {
      if (k.hidden) continue;
      int64_t lo = std::min(k.support, k.oppose), hi = std::max(k.support, k.oppose);
      all.push_back({k.id, Excerpt(k.body, 160), k.support, k.oppose, hi ? double(lo) / double(hi) : 0.0});
    }
  }
  std::vector<ReportRanked> sup;
  for (const auto& a : all) {
    if (a.support > 0) sup.push_back(a);
  }
  std::stable_sort(sup.begin(), sup.end(), [](const auto& a, const auto& b) {
    return a.support != b.support ? a.support > b.support : a.id < b.id;
  });
  if (sup.size() > kReportTopComments) sup.resize(kReportTopComments);
  r.most_supported = std::move(sup);
  std::vector<ReportRanked> div;
  for (const auto& a : all) {
    if (a.support + a.oppose >= kDividedMinReactions && a.balance >= kDividedMinBalance) div.push_back(a);
  }
  std::stable_sort(div.begin(), div.end(), [](const auto& a, const auto& b) {
    if (a.balance != b.balance) return a.balance > b.balance;
    if (a.support + a.oppose != b.support + b.oppose) return a.support + a.oppose > b.support + b.oppose;
    return a.id < b.id;
  });
  if (div.size() > kReportTopComments) div.resize(kReportTopComments);
  r.most_divided = std::move(div);
}

// The days from the first to the last comment, each with its counts.
void Days(ConsultationReport& r, const std::map<std::string, ReportDay>& by_day) {
  if (by_day.empty()) return;
  int64_t first = ParseTime(by_day.begin()->first).value_or(0);
  int64_t last = ParseTime(by_day.rbegin()->first).value_or(0);
  for (int64_t t = first; t <= last; t += 86400) {
    std::string d = FormatTime(t).substr(0, 10);
    auto it = by_day.find(d);
    r.days.push_back(it != by_day.end() ? it->second : ReportDay{d, 0, 0});
  }
}

void LoadComments(db::Connection& c, ConsultationReport& r) {
  auto answers = Answers(c, r.id);
  LoadDecisions(c, r, answers);
  CommentQueries q(c);
  std::vector<Row> rows;
  std::unordered_map<int64_t, size_t> index;
  auto& st = c.Prepare(CommentQueries::Select() + "WHERE c.consultation_id = ? ORDER BY c.id");
  st.Bind(1, r.id);
  while (st.Step()) {
    Comment k = q.Row(st);
    Row row;
    row.section_id = k.section_id.value_or(0);
    row.author_id = k.author_id;
    auto& o = row.k;
    o.id = k.id;
    o.parent_id = k.parent_id.value_or(0);
    o.author = k.author.name;
    o.author_kind = k.author.kind;
    o.official = k.official;
    o.hidden = k.hidden;
    o.hidden_reason = k.hidden_reason.value_or("");
    o.body = std::move(k.body);
    o.created_at = k.created_at;
    o.support = k.support;
    o.oppose = k.oppose;
    if (auto a = answers.find(k.id); a != answers.end()) o.decision_ids = a->second;
    index[k.id] = rows.size();
    rows.push_back(std::move(row));
  }
  st.Reset();

  std::set<int64_t> residents;
  std::map<std::string, ReportDay> by_day;
  std::unordered_map<int64_t, size_t> section_at;
  for (size_t i = 0; i < r.sections.size(); ++i) section_at[r.sections[i].id] = i;
  std::vector<std::vector<size_t>> tops(r.sections.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    auto& k = rows[i].k;
    if (!k.official) residents.insert(rows[i].author_id);
    auto parent = k.parent_id ? index.find(k.parent_id) : index.end();
    if (parent != index.end()) {
      rows[parent->second].children.push_back(i);
      if (k.official && !k.hidden && !rows[parent->second].k.parent_id) rows[parent->second].k.answered = true;
    } else {
      auto s = section_at.find(rows[i].section_id);
      tops[s != section_at.end() ? s->second : 0].push_back(i);
    }
    if (!k.decision_ids.empty()) k.answered = true;
    if (k.hidden) {
      ++r.hidden;
      ++r.hidden_reasons[k.hidden_reason];
      continue;
    }
    r.supports += k.support;
    r.opposes += k.oppose;
    auto& day = by_day[k.created_at.substr(0, 10)];
    day.date = k.created_at.substr(0, 10);
    (k.parent_id ? day.replies : day.comments)++;
    if (k.parent_id) {
      ++r.replies;
      if (k.official) ++r.official_replies;
    } else {
      ++r.comments;
    }
  }
  r.respondents = static_cast<int64_t>(residents.size());
  for (size_t s = 0; s < r.sections.size(); ++s) {
    auto& sec = r.sections[s];
    for (size_t top : tops[s]) {
      const auto& k = rows[top].k;
      if (!k.hidden && !k.official && !k.answered) r.unanswered.push_back(k.id);
      Walk(rows, top, 0, sec.thread);
    }
    for (const auto& k : sec.thread) {
      if (k.hidden) continue;
      (k.depth ? sec.replies : sec.comments)++;
      sec.support += k.support;
      sec.oppose += k.oppose;
    }
  }
  // Sections removed by an edit stay only when comments point at them.
  std::erase_if(r.sections, [](const ReportSection& s) { return s.removed && s.thread.empty(); });
  Days(r, by_day);
  Rank(r);
}

}  // namespace

std::string Excerpt(const std::string& text, size_t max_chars) {
  size_t chars = 0, i = 0;
  while (i < text.size()) {
    if (chars == max_chars) {
      std::string out = text.substr(0, i);
      while (!out.empty() && (out.back() == ' ' || out.back() == '\n')) out.pop_back();
      return out + "…";
    }
    unsigned char b = static_cast<unsigned char>(text[i]);
    i += b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    ++chars;
  }
  return text;
}

std::optional<ConsultationReport> CompileReport(db::Connection& c, int64_t consultation_id, int64_t now) {
  ConsultationReport r;
  if (!LoadConsultation(c, consultation_id, now, r)) return std::nullopt;
  r.compiled_at = FormatTime(now);
  LoadSections(c, r);
  LoadLogFacts(c, r);
  LoadComments(c, r);
  r.questions = QuestionnaireResults::For(c, consultation_id);
  return r;
}

}  // namespace samrad
