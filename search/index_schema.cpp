// Index layout: document building and reading.
#include "search/index_schema.h"

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "search/facet_spy.h"

namespace samrad::search {

namespace {
// Snippets need only the beginning of long texts.
constexpr size_t kMaxStoredText = 4 * 1024;

std::string Year(int64_t epoch) { return FormatTime(epoch).substr(0, 4); }
}  // namespace

std::string StemmerName(const std::string& language) {
  return language == "en" ? "english" : "swedish";
}

const Xapian::Stem& StemmerFor(const std::string& language) {
  thread_local const Xapian::Stem swedish("swedish");
  thread_local const Xapian::Stem english("english");
  return language == "en" ? english : swedish;
}

std::string FoldValue(const std::string& v) {
  std::string out;
  size_t b = v.find_first_not_of(' ');
  size_t e = v.find_last_not_of(' ');
  if (b == std::string::npos) return out;
  // Xapian's Unicode helpers lower-case å, ä, ö as well as ASCII.
  return Xapian::Unicode::tolower(v.substr(b, e - b + 1));
}

Xapian::Document BuildDocument(const IndexDocument& d, Xapian::TermGenerator& tg) {
  Xapian::Document doc;
  tg.set_document(doc);
  tg.set_stemmer(StemmerFor(d.language));
  tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  // The title counts more and is searchable on its own with title:.
  if (d.title_indexed) {
    tg.index_text(d.title, 1, kPrefixTitle);
    tg.index_text(d.title, 3);
    tg.increase_termpos();
  }
  if (!d.reference.empty()) {
    tg.index_text(d.reference, 1, kPrefixRef);
    tg.index_text(d.reference);
    tg.increase_termpos();
  }
  std::string text;
  for (const auto& t : d.texts) {
    if (t.empty()) continue;
    tg.index_text(t);
    tg.increase_termpos();
    if (text.size() < kMaxStoredText) {
      if (!text.empty()) text += "\n";
      text += t;
    }
  }
  if (text.size() > kMaxStoredText) {
    // Cut on a UTF-8 boundary.
    size_t cut = kMaxStoredText;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text.resize(cut);
  }

  std::string key = d.type + "/" + std::to_string(d.id);
  doc.add_boolean_term(kPrefixKey + key);
  doc.add_boolean_term(kPrefixType + d.type);
  doc.add_value(kSlotType, d.type);
  doc.add_value(kSlotYear, Year(d.date));
  doc.add_value(kSlotDate, Xapian::sortable_serialise(static_cast<double>(d.date)));
  doc.add_value(kSlotFacets, FacetValue(d));
  if (d.area && !d.area->empty()) {
    doc.add_boolean_term(kPrefixArea + FoldValue(*d.area));
    doc.add_value(kSlotArea, *d.area);
  }
  if (!d.state.empty()) {
    doc.add_boolean_term(kPrefixState + d.state);
    doc.add_value(kSlotState, d.state);
  } else if (d.opens_at && d.closes_at) {
    doc.add_boolean_term(kPrefixDated);
    doc.add_value(kSlotOpens, Xapian::sortable_serialise(static_cast<double>(*d.opens_at)));
    doc.add_value(kSlotCloses, Xapian::sortable_serialise(static_cast<double>(*d.closes_at)));
  }
  nlohmann::json data = {{"type", d.type}, {"id", d.id},     {"title", d.title},
                         {"url", d.url},   {"date", d.date}, {"language", d.language},
                         {"text", text}};
  doc.set_data(data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  return doc;
}

void AddSpelling(Xapian::WritableDatabase& db, const Xapian::Document& doc) {
  // Spelling data from titles only: body text would multiply the indexing
  // cost for little gain, as titles carry the vocabulary. The unstemmed title
  // terms are kPrefixTitle + word, counted per occurrence (their wdf).
  const std::string prefix = kPrefixTitle;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    t.skip_to(prefix);
    if (t == doc.termlist_end()) break;
    const std::string& term = *t;
    if (!term.starts_with(prefix)) break;
    db.add_spelling(term.substr(prefix.size()), t.get_wdf());
  }
}

std::string StateAt(const Xapian::Document& doc, int64_t now) {
  std::string fixed = doc.get_value(kSlotState);
  if (!fixed.empty()) return fixed;
  std::string opens = doc.get_value(kSlotOpens);
  std::string closes = doc.get_value(kSlotCloses);
  if (opens.empty() || closes.empty()) return "";
  double t = static_cast<double>(now);
  if (t < Xapian::sortable_unserialise(opens)) return "upcoming";
  if (t < Xapian::sortable_unserialise(closes)) return "open";
  return "closed";
}

StoredFields ReadStored(const Xapian::Document& doc) {
  auto j = nlohmann::json::parse(doc.get_data(), nullptr, false);
  StoredFields f;
  if (!j.is_object()) return f;
  f.type = j.value("type", "");
  f.id = j.value("id", int64_t{0});
  f.title = j.value("title", "");
  f.url = j.value("url", "");
  f.language = j.value("language", "sv");
  f.text = j.value("text", "");
  f.date = j.value("date", int64_t{0});
  return f;
}

}  // namespace samrad::search
