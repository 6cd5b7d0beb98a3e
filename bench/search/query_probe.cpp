// samrad_bench_query: times searches in-process on a data folder's index
// (no HTTP), one at a time, median of --rounds with a distinct limit each.
// Usage: samrad_bench_query --data DIR [--rounds 5] [--after-start S] QUERY...
// ("" browses). --after-start S: open the index, then wait S seconds before
// the first search, as a server that has been up that long (the stems of
// short wildcards are chosen ahead meanwhile, and the word list of compounds
// is loaded).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "search/compound_splitter.h"
#include "search/searcher.h"

int main(int argc, char** argv) {
  std::string data;
  int rounds = 5;
  double after_start = -1;
  std::vector<std::string> queries;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--data" && i + 1 < argc) {
      data = argv[++i];
    } else if (a == "--rounds" && i + 1 < argc) {
      rounds = std::max(1, std::stoi(argv[++i]));
    } else if (a == "--after-start" && i + 1 < argc) {
      after_start = std::stod(argv[++i]);
    } else {
      queries.push_back(a);
    }
  }
  if (data.empty() || queries.empty()) {
    std::fprintf(stderr, "usage: samrad_bench_query --data DIR [--rounds N] [--after-start S] QUERY...\n");
    return 2;
  }
  samrad::search::Searcher searcher(data, std::make_shared<samrad::SystemClock>());
  if (after_start >= 0) {
    // As samrad serve: opening the reader starts choosing the stems of short
    // wildcards on a thread of its own, and the indexer loads the word list.
    searcher.IndexedSeq();
    samrad::search::CompoundSplitter::Swedish();
    std::this_thread::sleep_for(std::chrono::duration<double>(after_start));
  }
  std::printf("| query | first ms | median ms | max ms | total | limited |\n|---|---|---|---|---|---|\n");
  for (const auto& q : queries) {
    std::vector<double> ms;
    samrad::search::SearchResult last;
    for (int r = 0; r < rounds; ++r) {
      samrad::search::SearchRequest req;
      req.q = q;
      req.limit = 11 + r;
      if (q.empty()) req.sort = "newest";
      auto start = std::chrono::steady_clock::now();
      auto result = searcher.Search(req);
      ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
      if (!result.ok()) {
        std::fprintf(stderr, "%s: %s\n", q.c_str(), result.status().message().c_str());
        return 1;
      }
      last = result.value();
    }
    double first = ms.front();
    std::sort(ms.begin(), ms.end());
    std::printf("| %s | %.1f | %.1f | %.1f | %lld | %s |\n", q.empty() ? "(empty)" : q.c_str(), first,
                ms[ms.size() / 2], ms.back(), static_cast<long long>(last.total),
                last.wildcard_limited ? "yes" : "no");
  }
  return 0;
}
