// What a source hands to the index: one searchable document to add or replace,
// or a key to delete. Pure data, free of Xapian.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace samrad::search {

struct IndexDocument {
  std::string type;      // consultation, comment, decision, dataset
  int64_t id = 0;
  std::string language = "sv";  // sv or en: the stemmer used for this document
  std::string title;
  // False when the title is only a label to show, not words of the item's
  // own: a comment's "Kommentar till: <consultation>" would otherwise make
  // every comment match, and outrank, its consultation's title words.
  bool title_indexed = true;
  std::string reference;  // a reference number (decisions), searchable with ref:
  // Body text in reading order (summary, body, section headings and texts,
  // column names ...). Indexed and used for snippets.
  std::vector<std::string> texts;
  std::optional<std::string> area;
  std::string url;
  int64_t date = 0;  // epoch seconds: sorts "newest", filters from/to, gives the year
  // The state facet of consultations, the outcome facet of decisions; empty
  // for other kinds. Either a fixed state (e.g. "decided", "approved"), or,
  // for a consultation that is not decided, its dates: the state then follows
  // the clock at query time (upcoming, open, closed, and decided from
  // decided_at on when a decision lets it run) with no event needed.
  std::string state;
  std::optional<int64_t> opens_at;
  std::optional<int64_t> closes_at;
  std::optional<int64_t> decided_at;
};

// One change to the index. key is "type/id", e.g. "consultation/12".
struct IndexAction {
  std::string key;
  std::optional<IndexDocument> document;  // nullopt: remove the key from the index

  static IndexAction Put(IndexDocument d) {
    std::string k = d.type + "/" + std::to_string(d.id);
    return {std::move(k), std::move(d)};
  }
  static IndexAction Remove(std::string key) { return {std::move(key), std::nullopt}; }
};

}  // namespace samrad::search
