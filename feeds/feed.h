// The feed model every renderer reads: a Feed with its Entries, independent
// of Atom or RSS. Times are epoch seconds (UTC); text is any UTF-8 (the
// renderers repair what XML cannot carry).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace samrad::feeds {

enum class FeedFormat { kAtom, kRss };

struct Link {
  std::string href;  // absolute URL
  std::string rel = "alternate";
  std::string type;  // media type, optional
  std::string title;
};

struct Person {
  std::string name;
  std::string uri;  // optional
};

struct Category {
  std::string term;
  std::string scheme;  // IRI naming the kind of category (area, tag ...), optional
  std::string label;   // human-readable, optional
};

struct Entry {
  std::string id;  // stable IRI, e.g. tag:example.org,2026:consultation/12
  std::string title;
  std::vector<Link> links;  // the first rel=alternate is the entry's page
  int64_t published = 0;    // 0: unknown
  int64_t updated = 0;
  std::vector<Person> authors;
  std::vector<Category> categories;
  std::string summary;       // plain text, optional
  std::string content_html;  // HTML, optional
  std::string language;      // xml:lang when it differs from the feed's
  // A withdrawn or hidden item: renderers keep its id, title and dates but
  // never its summary or content, only removed_note (plain text).
  bool removed = false;
  std::string removed_note;
};

struct Feed {
  std::string id;  // stable IRI
  std::string title;
  std::string subtitle;
  std::string language = "sv";
  std::vector<Link> links;  // self, alternate, next, prev-archive, current ...
  int64_t updated = 0;
  std::vector<Person> authors;
  bool archive = false;  // an RFC 5005 archive document (older, unchanging)
  std::vector<Entry> entries;
};

}  // namespace samrad::feeds
