// Filter choices of the consultation list: every published consultation is
// read page by page once per log position and its areas and tags collected.
#include "server/web/consultation_choices.h"

#include <algorithm>
#include <map>
#include <mutex>

namespace samrad::server {

namespace {
constexpr int kPageSize = 200;

// Adds value unless a spelling of it differing only in case is there.
void AddFolded(std::map<std::string, std::string>& by_fold, const std::string& value) {
  if (!value.empty()) by_fold.emplace(FoldCase(value), value);
}

std::vector<std::string> Values(const std::map<std::string, std::string>& by_fold) {
  std::vector<std::string> out;
  for (const auto& [fold, value] : by_fold) out.push_back(value);
  return out;
}

ConsultationChoices Collect(App& app) {
  std::map<std::string, std::string> areas, tags;
  ConsultationFilter f;
  f.page = Page{kPageSize, std::nullopt};
  for (;;) {
    auto list = app.consultations->List(Actor{}, f);
    if (!list.ok()) break;
    for (const auto& k : list->items) {
      if (k.area) AddFolded(areas, *k.area);
      for (const auto& t : k.tags) AddFolded(tags, t);
    }
    if (!list->next_cursor) break;
    auto next = MakePage(std::to_string(kPageSize), list->next_cursor, 1);
    if (!next.ok()) break;
    f.page = next.value();
  }
  return {Values(areas), Values(tags)};
}
}  // namespace

std::string FoldCase(const std::string& text) {
  std::string out = text;
  for (size_t i = 0; i < out.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(out[i]);
    if (c < 0x80) {
      out[i] = static_cast<char>(std::tolower(c));
    } else if (c == 0xC3 && i + 1 < out.size()) {
      // U+00C0..U+00DE (but U+00D7 ×) are capitals whose small letter is 0x20 on.
      unsigned char d = static_cast<unsigned char>(out[i + 1]);
      if (d >= 0x80 && d <= 0x9E && d != 0x97) out[i + 1] = static_cast<char>(d + 0x20);
      ++i;
    }
  }
  return out;
}

std::optional<std::string> MatchChoice(const std::vector<std::string>& values, const std::string& wanted) {
  std::string folded = FoldCase(wanted);
  for (const auto& v : values) {
    if (FoldCase(v) == folded) return v;
  }
  return std::nullopt;
}

ConsultationChoices CurrentChoices(App& app) {
  static std::mutex mu;
  static std::map<const App*, std::pair<int64_t, ConsultationChoices>> cache;
  auto head = app.opendata->Head();
  if (!head.ok()) return Collect(app);
  {
    std::lock_guard lock(mu);
    auto it = cache.find(&app);
    if (it != cache.end() && it->second.first == head->seq) return it->second.second;
  }
  ConsultationChoices fresh = Collect(app);
  std::lock_guard lock(mu);
  cache[&app] = {head->seq, fresh};
  return fresh;
}

}  // namespace samrad::server
