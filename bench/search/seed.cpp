// Seeded bulk corpus for the search benchmark: published consultations, their
// comments and decisions, written in-process through the core services by many
// threads, plus the same items as corpus.jsonl (for FTS5) and 1-3 word queries.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <climits>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "core/comment_service.h"
#include "core/consultation_service.h"
#include "core/database.h"
#include "core/decision_service.h"

namespace {

using nlohmann::json;

// The head of a Swedish frequency list: in running text these few words are
// about a third of all tokens, so they take the top ranks of the Zipf curve.
const std::vector<std::string> kSwedishHead = {
    "och", "i", "att", "det", "som", "en", "på", "är", "av", "för", "med", "till", "den",
    "har", "de", "inte", "om", "ett", "men", "var", "sig", "från", "vi", "så", "kan", "man",
    "när", "år", "också", "efter", "eller", "nu", "där", "vid", "mot", "ska", "kommer", "ut",
    "får", "finns", "vara", "alla", "andra", "mycket", "än", "här", "då", "över", "bara",
    "blir", "upp", "även", "vad", "vill", "många", "hur", "mer", "detta", "nya", "utan"};
const std::vector<std::string> kEnglishHead = {
    "the", "of", "and", "to", "a", "in", "is", "that", "for", "it", "on", "with", "as", "be",
    "by", "this", "are", "we", "will", "from", "at", "an", "or", "not", "more", "new"};
const std::vector<std::string> kEnglish = {
    "council", "decision", "parking", "traffic", "school", "library", "park", "budget",
    "housing", "water", "road", "bicycle", "lane", "safety", "noise", "energy", "climate",
    "bus", "train", "station", "harbour", "culture", "sport", "health", "elderly", "care",
    "children", "youth", "playground", "tree", "forest", "lake", "beach", "pavement",
    "lighting", "bridge", "ferry", "waste", "recycling", "sewage", "zoning", "permit",
    "square", "market", "swimming", "pool", "skating", "rink", "allotment", "garden"};
const std::vector<std::string> kAreas = {"Sickla", "Nacka", "Centrum", "Saltsjöbaden",
                                         "Fisksätra", "Boo", "Älta", "Orminge"};
const std::vector<std::string> kBodies = {"Kommunfullmäktige", "Kommunstyrelsen",
                                          "Miljö- och stadsbyggnadsnämnden", "Natur- och trafiknämnden"};
const std::vector<std::string> kOutcomes = {"approved", "rejected", "referred", "postponed"};

struct Options {
  std::string data = "data", dict = "/usr/share/dict/swedish";
  std::string corpus = "corpus.jsonl", queries = "queries.txt";
  int64_t n = 20000;
  uint64_t seed = 42;
  int threads = 8;
  int consultation_percent = 4;
  int decision_percent = 16;  // the rest are comments
  int64_t user = 1;
};

// Lower-case words of 3-14 letters from the ISO-8859-1 list, as UTF-8,
// shuffled, at most 20,000, none of them a word of the head.
std::vector<std::string> Dictionary(const std::string& path, uint64_t seed) {
  std::ifstream in(path, std::ios::binary);
  std::vector<std::string> words;
  std::string line;
  while (std::getline(in, line)) {
    std::string utf8;
    bool ok = line.size() >= 3 && line.size() <= 14;
    for (unsigned char ch : line) {
      if (ch >= 'a' && ch <= 'z') {
        utf8 += static_cast<char>(ch);
      } else if (ch >= 0xDF && ch != 0xF7) {
        utf8 += static_cast<char>(0xC0 | (ch >> 6));
        utf8 += static_cast<char>(0x80 | (ch & 0x3F));
      } else {
        ok = false;
      }
    }
    if (ok && std::find(kSwedishHead.begin(), kSwedishHead.end(), utf8) == kSwedishHead.end()) {
      words.push_back(utf8);
    }
  }
  std::mt19937_64 rng(seed);
  std::shuffle(words.begin(), words.end(), rng);
  if (words.size() > 20000) words.resize(20000);
  return words;
}

// Zipf picks (exponent 1) over a vocabulary whose first `head` words are the
// function words: a few words are common, most are rare, as in real text.
class Words {
 public:
  Words(const std::vector<std::string>& head, const std::vector<std::string>& rest)
      : vocab_(head), head_(head.size()) {
    vocab_.insert(vocab_.end(), rest.begin(), rest.end());
    double sum = 0;
    for (size_t i = 0; i < vocab_.size(); ++i) cumulative_.push_back(sum += 1.0 / double(i + 1));
  }
  // A word of rank [from, to) (to 0: the whole vocabulary), Zipf-weighted.
  const std::string& Pick(std::mt19937_64& rng, size_t from = 0, size_t to = 0) const {
    to = to ? std::min(to, vocab_.size()) : vocab_.size();
    double lo = from ? cumulative_[from - 1] : 0.0;
    double x = std::uniform_real_distribution<double>(lo, cumulative_[to - 1])(rng);
    auto at = std::lower_bound(cumulative_.begin() + static_cast<long>(from), cumulative_.begin() + static_cast<long>(to), x);
    return vocab_[static_cast<size_t>(at - cumulative_.begin())];
  }
  // A content word (not of the head) among the `top` commonest.
  const std::string& Content(std::mt19937_64& rng, size_t top) const { return Pick(rng, head_, head_ + top); }
  const std::string& Head(std::mt19937_64& rng) const { return Pick(rng, 0, head_); }
  std::string Text(std::mt19937_64& rng, int lo, int hi) const {
    int n = std::uniform_int_distribution<int>(lo, hi)(rng);
    std::string out;
    for (int i = 0; i < n; ++i) {
      if (i) out += ' ';
      out += Pick(rng);
    }
    return out;
  }

 private:
  std::vector<std::string> vocab_;
  size_t head_;
  std::vector<double> cumulative_;
};

struct Language {
  Words swedish, english;
  const Words& Of(bool en) const { return en ? english : swedish; }
};

std::string Capitalised(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

// Consultation i (its own random stream, so the corpus does not depend on
// threads): open now, closing in 2027-2028.
json ConsultationItem(const Language& w, std::mt19937_64& rng) {
  bool english = rng() % 10 == 0;
  const Words& words = w.Of(english);
  return {{"title", Capitalised(words.Text(rng, 3, 7))},
          {"summary", words.Text(rng, 10, 25)},
          {"body", words.Text(rng, 60, 200)},
          {"language", english ? "en" : "sv"},
          {"area", kAreas[rng() % kAreas.size()]},
          {"opens_at", "2026-0" + std::to_string(1 + rng() % 9) + "-01"},
          {"closes_at", "202" + std::to_string(7 + rng() % 2) + "-0" + std::to_string(1 + rng() % 9) + "-01"}};
}

json DecisionItem(const Language& w, std::mt19937_64& rng, int64_t i) {
  int year = 2020 + static_cast<int>(rng() % 7);
  return {{"title", Capitalised(w.swedish.Text(rng, 3, 8))},
          {"body", w.swedish.Text(rng, 40, 150)},
          {"body_name", kBodies[rng() % kBodies.size()]},
          {"reference", "KFKS " + std::to_string(year) + "/" + std::to_string(i)},
          {"decided_at", std::to_string(year) + "-0" + std::to_string(1 + rng() % 9) + "-15"},
          {"outcome", kOutcomes[rng() % kOutcomes.size()]}};
}

// What a comment needs of its consultation.
struct Parent {
  int64_t id = 0;
  bool english = false;
  std::string area;
};

// The FTS5 side's rows: the same text fields the index gets for each kind.
json FtsConsultation(const json& item) {
  return {{"title", item["title"]}, {"summary", item["summary"]}, {"body", item["body"]},
          {"area", item["area"]}, {"language", item["language"]}};
}
json FtsDecision(const json& item) {
  return {{"title", item["title"]},
          {"summary", item["body_name"].get<std::string>() + " " + item["reference"].get<std::string>()},
          {"body", item["body"]}, {"area", nullptr}, {"language", "sv"}};
}
// A comment's title ("Kommentar till: ...") is a label the index does not
// search, so its row has the body alone.
json FtsComment(const Parent& p, const std::string& body) {
  return {{"title", ""}, {"summary", ""}, {"body", body}, {"area", p.area},
          {"language", p.english ? "en" : "sv"}};
}

// Writes corpus lines from many threads in large pieces.
class CorpusFile {
 public:
  explicit CorpusFile(const std::string& path) : out_(path) {}
  void Add(std::string& lines, bool flush) {
    if (!flush && lines.size() < (1 << 20)) return;
    std::lock_guard lock(mu_);
    out_ << lines;
    lines.clear();
  }

 private:
  std::ofstream out_;
  std::mutex mu_;
};

// Runs work(i) for i in [from, to) on o.threads threads; false when one failed.
template <typename Work>
bool Parallel(const Options& o, int64_t from, int64_t to, CorpusFile& corpus, Work work) {
  std::atomic<int64_t> next{from};
  std::atomic<bool> failed{false};
  auto start = std::chrono::steady_clock::now();
  auto worker = [&] {
    std::string lines;
    for (int64_t i; !failed && (i = next++) < to;) {
      samrad::Status s = work(i, lines);
      if (!s.ok()) {
        std::cerr << "seed: item " << i << ": " << s.message() << "\n";
        failed = true;
        break;
      }
      corpus.Add(lines, false);
      if ((i + 1) % 50000 == 0) {
        double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        std::fprintf(stderr, "seed: %lld items, %.0f items/s\n", static_cast<long long>(i + 1),
                     double(i + 1 - from) / secs);
      }
    }
    corpus.Add(lines, true);
  };
  std::vector<std::thread> pool;
  for (int t = 0; t < o.threads; ++t) pool.emplace_back(worker);
  for (auto& t : pool) t.join();
  return !failed;
}

// 1-3 content words among the 2,000 commonest, Zipf-weighted as searches
// are; one query in five of two or more words has a function word between
// (as in "cykelbana och gångväg"), one in twenty is English.
void WriteQueries(const Options& o, const Language& w) {
  std::ofstream queries(o.queries);
  std::mt19937_64 rng(o.seed);
  for (int q = 0; q < 1000; ++q) {
    int n = std::vector<int>{1, 1, 2, 2, 3}[rng() % 5];
    const Words& words = w.Of(rng() % 20 == 0);
    bool joined = n > 1 && rng() % 5 == 0;
    for (int k = 0; k < n; ++k) {
      if (k) queries << " ";
      if (k == 1 && joined) queries << words.Head(rng) << " ";
      queries << words.Content(rng, 2000);
    }
    queries << "\n";
  }
}

int Run(const Options& o) {
  auto db = samrad::Database::Open(o.data, true);
  if (!db.ok()) {
    std::cerr << "seed: " << db.status().message() << "\n";
    return 1;
  }
  auto clock = std::make_shared<samrad::SystemClock>();
  samrad::ConsultationService consultations(db.value(), clock);
  samrad::DecisionService decisions(db.value(), clock);
  samrad::CommentService comments(db.value(), clock, INT_MAX);
  samrad::User official;
  official.id = o.user;
  official.role = samrad::Role::kOfficial;
  samrad::Actor actor = official;
  Language w{Words(kSwedishHead, Dictionary(o.dict, o.seed)), Words(kEnglishHead, kEnglish)};
  CorpusFile corpus(o.corpus);
  auto start = std::chrono::steady_clock::now();

  // Consultations first, so that every comment has one to belong to.
  const int64_t nc = std::max<int64_t>(1, o.n * o.consultation_percent / 100);
  std::vector<Parent> parents(static_cast<size_t>(nc));
  bool ok = Parallel(o, 0, nc, corpus, [&](int64_t i, std::string& lines) -> samrad::Status {
    std::mt19937_64 rng(o.seed * 1000003 + static_cast<uint64_t>(i));
    json item = ConsultationItem(w, rng);
    auto c = consultations.Create(actor, item);
    if (!c.ok()) return c.status();
    if (auto p = consultations.Publish(actor, c->id); !p.ok()) return p.status();
    parents[static_cast<size_t>(i)] = {c->id, item["language"] == "en", item["area"]};
    lines += FtsConsultation(item).dump() + "\n";
    return samrad::Status::Ok();
  });
  // Then decisions and comments; comments are spread unevenly over the
  // consultations, so a few threads are long and most are short.
  const int decision_share = 100 - o.consultation_percent;
  std::atomic<int64_t> skipped{0};
  ok = ok && Parallel(o, nc, o.n, corpus, [&](int64_t i, std::string& lines) -> samrad::Status {
    std::mt19937_64 rng(o.seed * 1000003 + static_cast<uint64_t>(i));
    if (static_cast<int>(rng() % static_cast<uint64_t>(decision_share)) < o.decision_percent) {
      json item = DecisionItem(w, rng, i);
      if (auto d = decisions.Publish(actor, item); !d.ok()) return d.status();
      lines += FtsDecision(item).dump() + "\n";
      return samrad::Status::Ok();
    }
    double u = std::uniform_real_distribution<double>(0, 1)(rng);
    const Parent& p = parents[static_cast<size_t>(static_cast<double>(nc) * u * u)];
    std::string body = w.Of(p.english).Text(rng, 8, 80);
    auto k = comments.Post(actor, p.id, {body, std::nullopt, std::nullopt});
    if (!k.ok()) {
      // The same random body twice within a minute is refused as a repeat.
      if (k.status().code() == samrad::Code::kConflict) return ++skipped, samrad::Status::Ok();
      return k.status();
    }
    lines += FtsComment(p, body).dump() + "\n";
    return samrad::Status::Ok();
  });
  if (!ok) return 1;
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("seed: %lld items (%d%% consultations, %d%% decisions, the rest comments; %lld repeats "
              "skipped) in %.1f s, %.0f items/s, %d threads\n",
              static_cast<long long>(o.n), o.consultation_percent, o.decision_percent,
              static_cast<long long>(skipped.load()), secs, double(o.n) / secs, o.threads);
  WriteQueries(o, w);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string k = argv[i], v = argv[i + 1];
    if (k == "--data") o.data = v;
    else if (k == "--n") o.n = std::stoll(v);
    else if (k == "--seed") o.seed = std::stoull(v);
    else if (k == "--threads") o.threads = std::stoi(v);
    else if (k == "--consultations") o.consultation_percent = std::stoi(v);
    else if (k == "--decisions") o.decision_percent = std::stoi(v);
    else if (k == "--dict") o.dict = v;
    else if (k == "--corpus") o.corpus = v;
    else if (k == "--queries") o.queries = v;
    else if (k == "--user") o.user = std::stoll(v);
    else {
      std::cerr << "usage: samrad_bench_seed [--data DIR] [--n N] [--seed S] [--threads T] "
                   "[--consultations PERCENT] [--decisions PERCENT] [--dict FILE] [--corpus FILE] "
                   "[--queries FILE] [--user ID]\n";
      return 2;
    }
  }
  if (o.consultation_percent < 1 || o.decision_percent < 0 || o.consultation_percent + o.decision_percent > 100) {
    std::cerr << "seed: --consultations must be at least 1 and, with --decisions, at most 100 percent\n";
    return 2;
  }
  return Run(o);
}
