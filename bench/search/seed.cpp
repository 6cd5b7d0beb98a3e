// Seeded bulk corpus for the search benchmark: consultations (published) and
// decisions written in-process through the core services by many threads,
// plus the same items as corpus.jsonl (for FTS5) and a file of 1-3 word queries.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "core/consultation_service.h"
#include "core/database.h"
#include "core/decision_service.h"

namespace {

using nlohmann::json;

const std::vector<std::string> kEnglish = {
    "council", "decision", "parking", "traffic", "school", "library", "park", "budget",
    "housing", "water", "road", "bicycle", "lane", "safety", "noise", "energy", "climate",
    "bus", "train", "station", "harbour", "culture", "sport", "health", "elderly", "care",
    "children", "youth", "playground", "tree", "forest", "lake", "beach"};
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
  int decision_percent = 20;
  int64_t user = 1;
};

// Lower-case words of 3-14 letters from the ISO-8859-1 list, as UTF-8.
std::vector<std::string> Vocabulary(const std::string& path, uint64_t seed) {
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
    if (ok) words.push_back(utf8);
  }
  std::mt19937_64 rng(seed);
  std::shuffle(words.begin(), words.end(), rng);
  if (words.size() > 20000) words.resize(20000);
  return words;
}

// Zipf-like picks: a few words are common, most are rare, as in real text.
class Words {
 public:
  explicit Words(std::vector<std::string> vocab) : vocab_(std::move(vocab)) {
    double sum = 0;
    for (size_t i = 0; i < vocab_.size(); ++i) cumulative_.push_back(sum += 1.0 / double(i + 1));
  }
  const std::string& Pick(std::mt19937_64& rng, size_t top = 0) const {
    size_t n = top ? std::min(top, vocab_.size()) : vocab_.size();
    double x = std::uniform_real_distribution<double>(0, cumulative_[n - 1])(rng);
    return vocab_[std::lower_bound(cumulative_.begin(), cumulative_.begin() + n, x) - cumulative_.begin()];
  }
  std::string Text(std::mt19937_64& rng, int lo, int hi, bool english) const {
    int n = std::uniform_int_distribution<int>(lo, hi)(rng);
    std::string out;
    for (int i = 0; i < n; ++i) {
      if (i) out += ' ';
      out += english ? kEnglish[rng() % kEnglish.size()] : Pick(rng);
    }
    return out;
  }

 private:
  std::vector<std::string> vocab_;
  std::vector<double> cumulative_;
};

std::string Capitalised(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

// Item i: its own random stream, so the corpus does not depend on threads.
json Item(const Words& w, uint64_t seed, int64_t i, int decision_percent, bool& decision) {
  std::mt19937_64 rng(seed * 1000003 + static_cast<uint64_t>(i));
  decision = static_cast<int>(rng() % 100) < decision_percent;
  std::string area = kAreas[rng() % kAreas.size()];
  if (decision) {
    int year = 2020 + static_cast<int>(rng() % 7);
    return {{"title", Capitalised(w.Text(rng, 3, 8, false))},
            {"body", w.Text(rng, 40, 150, false)},
            {"body_name", kBodies[rng() % kBodies.size()]},
            {"reference", "KFKS " + std::to_string(year) + "/" + std::to_string(i)},
            {"decided_at", std::to_string(year) + "-0" + std::to_string(1 + rng() % 9) + "-15"},
            {"outcome", kOutcomes[rng() % kOutcomes.size()]}};
  }
  bool english = rng() % 10 == 0;
  return {{"title", Capitalised(w.Text(rng, 3, 7, english))},
          {"summary", w.Text(rng, 10, 25, english)},
          {"body", w.Text(rng, 60, 200, english)},
          {"language", english ? "en" : "sv"},
          {"area", area},
          {"opens_at", "2027-0" + std::to_string(1 + rng() % 9) + "-01"},
          {"closes_at", "2028-0" + std::to_string(1 + rng() % 9) + "-01"}};
}

// The FTS5 side's row: the same text fields for both kinds.
json FtsRow(const json& item, bool decision) {
  if (decision) {
    return {{"title", item["title"]}, {"summary", item["body_name"].get<std::string>() + " " +
                                                      item["reference"].get<std::string>()},
            {"body", item["body"]}, {"area", nullptr}, {"language", "sv"}};
  }
  return {{"title", item["title"]}, {"summary", item["summary"]}, {"body", item["body"]},
          {"area", item["area"]}, {"language", item["language"]}};
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
  samrad::User official;
  official.id = o.user;
  official.role = samrad::Role::kOfficial;
  samrad::Actor actor = official;
  Words words(Vocabulary(o.dict, o.seed));

  std::ofstream corpus(o.corpus);
  std::mutex corpus_mu;
  std::atomic<int64_t> next{0}, done{0};
  std::atomic<bool> failed{false};
  auto start = std::chrono::steady_clock::now();
  auto worker = [&] {
    std::string lines;
    for (int64_t i; !failed && (i = next++) < o.n;) {
      bool decision = false;
      json item = Item(words, o.seed, i, o.decision_percent, decision);
      samrad::Status s;
      if (decision) {
        s = decisions.Publish(actor, item).status();
      } else {
        auto c = consultations.Create(actor, item);
        s = c.ok() ? consultations.Publish(actor, c->id).status() : c.status();
      }
      if (!s.ok()) {
        std::cerr << "seed: item " << i << ": " << s.message() << "\n";
        failed = true;
        return;
      }
      lines += FtsRow(item, decision).dump() + "\n";
      if (lines.size() > (1 << 20)) {
        std::lock_guard lock(corpus_mu);
        corpus << lines;
        lines.clear();
      }
      int64_t d = ++done;
      if (d % 50000 == 0) {
        double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        std::fprintf(stderr, "seed: %lld items, %.0f items/s\n", static_cast<long long>(d), double(d) / secs);
      }
    }
    std::lock_guard lock(corpus_mu);
    corpus << lines;
  };
  std::vector<std::thread> pool;
  for (int t = 0; t < o.threads; ++t) pool.emplace_back(worker);
  for (auto& t : pool) t.join();
  if (failed) return 1;
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("seed: %lld items (%d%% decisions) in %.1f s, %.0f items/s, %d threads\n",
              static_cast<long long>(o.n), o.decision_percent, secs, double(o.n) / secs, o.threads);

  std::ofstream queries(o.queries);
  std::mt19937_64 rng(o.seed);
  for (int q = 0; q < 1000; ++q) {
    int n = std::vector<int>{1, 1, 2, 2, 3}[rng() % 5];
    for (int k = 0; k < n; ++k) queries << (k ? " " : "") << words.Pick(rng, 2000);
    queries << "\n";
  }
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
    else if (k == "--decisions") o.decision_percent = std::stoi(v);
    else if (k == "--dict") o.dict = v;
    else if (k == "--corpus") o.corpus = v;
    else if (k == "--queries") o.queries = v;
    else if (k == "--user") o.user = std::stoll(v);
    else {
      std::cerr << "usage: samrad_bench_seed [--data DIR] [--n N] [--seed S] [--threads T] "
                   "[--decisions PERCENT] [--dict FILE] [--corpus FILE] [--queries FILE] [--user ID]\n";
      return 2;
    }
  }
  return Run(o);
}
