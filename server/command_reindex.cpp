// `samrad reindex`: rebuilds the search index aside and swaps it in, with a
// progress bar when stderr is a terminal.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>

#include "server/app.h"
#include "server/commands.h"

namespace samrad::server {

namespace {
void DrawBar(int64_t done, int64_t total) {
  if (total <= 0) {  // documents read in bulk, total unknown
    std::fprintf(stderr, "\rindexing %lld documents", static_cast<long long>(done));
    std::fflush(stderr);
    return;
  }
  constexpr int kWidth = 40;
  double frac = total > 0 ? static_cast<double>(done) / static_cast<double>(total) : 1.0;
  int filled = static_cast<int>(frac * kWidth);
  std::string bar(static_cast<size_t>(filled), '#');
  bar.append(static_cast<size_t>(kWidth - filled), '-');
  std::fprintf(stderr, "\rindexing [%s] %3d%%  %lld/%lld events", bar.c_str(),
               static_cast<int>(frac * 100), static_cast<long long>(done),
               static_cast<long long>(total));
  std::fflush(stderr);
}
}  // namespace

int RunReindex(const std::string& data) {
  auto opened = App::Open(data, false);
  if (!opened.ok()) {
    std::cerr << "samrad: " << opened.status().message() << std::endl;
    return 2;
  }
  auto app = opened.value();
  bool tty = isatty(STDERR_FILENO) == 1;
  auto start = std::chrono::steady_clock::now();
  auto last_draw = start - std::chrono::seconds(1);
  auto docs = app->search->Rebuild([&](int64_t done, int64_t total) {
    auto now = std::chrono::steady_clock::now();
    if (tty && (now - last_draw > std::chrono::milliseconds(100) || done == total)) {
      DrawBar(done, total);
      last_draw = now;
    }
  });
  if (tty) std::fprintf(stderr, "\n");
  if (!docs.ok()) {
    std::cerr << "samrad: reindex failed, the live index is unchanged: " << docs.status().message()
              << std::endl;
    return 1;
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("reindexed %lld documents in %.2f s (%.0f documents/s)\n",
              static_cast<long long>(docs.value()), seconds,
              seconds > 0 ? static_cast<double>(docs.value()) / seconds : 0.0);
  return 0;
}

}  // namespace samrad::server
