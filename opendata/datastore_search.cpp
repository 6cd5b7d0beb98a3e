// CKAN datastore_search over any registered dataset: one pass over its rows
// with filters, q, full_text and distinct applied, total counted, and a
// bounded window kept (a partial sort when sorting), so memory follows
// offset + limit, not size. Records as objects, lists, csv or tsv.
#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <unordered_set>

#include "core/url_codec.h"

#include "core/json_depth.h"
#include "opendata/ckan_api.h"
#include "opendata/csv.h"

namespace samrad::opendata {

using nlohmann::json;

namespace {
std::string DatastoreType(const std::string& t) {
  if (t == "integer") return "int";
  if (t == "number") return "numeric";
  if (t == "boolean") return "bool";
  if (t == "date") return "date";
  if (t == "datetime") return "timestamp";
  if (t == "object" || t == "array") return "json";
  return "text";
}

json CellJson(const Cell& c) {
  switch (c.kind) {
    case Cell::Kind::kNull:
      return nullptr;
    case Cell::Kind::kString:
      return c.text;
    case Cell::Kind::kBoolean:
      return !c.text.empty() && (c.text[0] | 0x20) == 't';
    default: {
      auto j = json::parse(c.text, nullptr, false);
      return j.is_discarded() ? json(c.text) : j;
    }
  }
}

// A filter value as the text a cell holds.
std::string FilterText(const json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

// "a,b" or ["a","b"] -> names; kInvalidArgument naming param otherwise.
Result<std::vector<std::string>> NameList(const std::string& text, const std::string& param) {
  std::vector<std::string> out;
  auto j = ParseClientJson(text, param);
  if (!j.ok()) return j.status();
  if (!j->is_discarded() && j->is_array()) {
    for (const auto& v : *j) {
      if (!v.is_string()) return InvalidField(param, "must be a list of field names");
      out.push_back(v);
    }
    return out;
  }
  return SplitCommaList(text);
}

struct SortKey {
  size_t col;
  bool desc;
  bool numeric;
};

struct Hit {
  int64_t id;
  Row row;
};

// One record as CKAN's csv or tsv records_format writes it (no header).
void AppendDelimited(std::string& out, const std::vector<std::string>& cells, char sep) {
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i) out.push_back(sep);
    if (sep == ',') {
      AppendCsvField(out, cells[i]);
    } else if (cells[i].find_first_of("\t\r\n\"") == std::string::npos) {
      out += cells[i];
    } else {
      out.push_back('"');
      for (char c : cells[i]) c == '"' ? out += "\"\"" : out += c;
      out.push_back('"');
    }
  }
  out.push_back('\n');
}

// The _links CKAN gives: this search again, from its start and from `next`,
// with every argument the client gave.
json Links(const CkanParams& p, int64_t next) {
  std::vector<std::pair<std::string, std::string>> args;
  for (const auto& [k, v] : p) {
    if (k != "offset") args.emplace_back(k, v);
  }
  std::string base = "/api/3/action/datastore_search?" + QueryString(args);
  return {{"start", base}, {"next", base + "&offset=" + std::to_string(next)}};
}
}  // namespace

Result<json> CkanApi::DatastoreSearch(const CkanParams& p) {
  auto get = [&](const char* k) {
    auto it = p.find(k);
    return it == p.end() ? std::string() : it->second;
  };
  std::string rid = get("resource_id");
  if (rid.empty()) return InvalidField("resource_id", "Missing value");
  std::string name = rid;
  for (const char* suffix : {"-excel-csv", "-csv", "-json", "-ndjson"}) {
    if (name == rid && rid.ends_with(suffix) && !od_.registry().Find(rid) &&
        od_.registry().Find(rid.substr(0, rid.size() - std::strlen(suffix)))) {
      name = rid.substr(0, rid.size() - std::strlen(suffix));
    }
  }
  auto spec = od_.registry().Find(name);
  if (!spec) return NotFound("Resource \"" + rid + "\" was not found.");
  auto limit = CkanInt(p, "limit", 100, 0, kMaxLimit);
  if (!limit.ok()) return limit.status();
  auto offset = CkanInt(p, "offset", 0, 0, INT32_MAX);
  if (!offset.ok()) return offset.status();
  auto include_total = CkanBool(p, "include_total", true);
  if (!include_total.ok()) return include_total.status();
  auto distinct = CkanBool(p, "distinct", false);
  if (!distinct.ok()) return distinct.status();
  const std::string format = get("records_format").empty() ? "objects" : get("records_format");
  if (format != "objects" && format != "lists" && format != "csv" && format != "tsv") {
    return InvalidField("records_format", "must be objects, lists, csv or tsv");
  }
  auto column = [&](const std::string& n) -> std::optional<size_t> {
    for (size_t i = 0; i < spec->fields.size(); ++i) {
      if (spec->fields[i].name == n) return i;
    }
    return std::nullopt;
  };
  // filters: {field: value | [values]}
  std::vector<std::pair<size_t, std::vector<std::string>>> filters;
  json filters_json;  // echoed in the result as CKAN does
  if (auto f = get("filters"); !f.empty()) {
    auto j = ParseClientJson(f, "filters");
    if (!j.ok()) return j.status();
    if (!j->is_object()) return InvalidField("filters", "must be a JSON object of field: value");
    filters_json = std::move(j).value();
    for (const auto& [k, v] : filters_json.items()) {
      auto col = column(k);
      if (!col) return InvalidField("filters", "field \"" + k + "\" not in table");
      std::vector<std::string> vals;
      if (v.is_array()) {
        for (const auto& x : v) vals.push_back(FilterText(x));
      } else {
        vals.push_back(FilterText(v));
      }
      filters.emplace_back(*col, vals);
    }
  }
  // q: text in any field, or {field: text}
  std::vector<std::pair<std::optional<size_t>, std::string>> qs;
  if (auto q = get("q"); !q.empty()) {
    auto j = ParseClientJson(q, "q");
    if (!j.ok()) return j.status();
    if (j->is_object()) {
      for (const auto& [k, v] : j->items()) {
        auto col = column(k);
        if (!col) return InvalidField("q", "field \"" + k + "\" not in table");
        qs.emplace_back(col, Lower(FilterText(v)));
      }
    } else {
      qs.emplace_back(std::nullopt, Lower(q));
    }
  }
  // full_text: text anywhere in the row, as q's plain form.
  if (auto t = get("full_text"); !t.empty()) qs.emplace_back(std::nullopt, Lower(t));
  std::vector<size_t> out_cols;
  if (auto f = get("fields"); !f.empty()) {
    auto names = NameList(f, "fields");
    if (!names.ok()) return names.status();
    for (const auto& n : names.value()) {
      if (n == "_id") continue;
      auto col = column(n);
      if (!col) return InvalidField("fields", "field \"" + n + "\" not in table");
      out_cols.push_back(*col);
    }
  } else {
    for (size_t i = 0; i < spec->fields.size(); ++i) out_cols.push_back(i);
  }
  std::vector<SortKey> keys;
  if (auto s = get("sort"); !s.empty()) {
    auto parts = NameList(s, "sort");
    if (!parts.ok()) return parts.status();
    for (const auto& part : parts.value()) {
      auto sp = part.find(' ');
      std::string field = part.substr(0, sp);
      std::string dir = sp == std::string::npos ? "asc" : Lower(part.substr(sp + 1));
      auto col = column(field);
      if (!col || (dir != "asc" && dir != "desc")) {
        return InvalidField("sort", "\"" + part + "\" is not field [asc|desc] of this table");
      }
      const auto& t = spec->fields[*col].type;
      keys.push_back({*col, dir == "desc", t == "integer" || t == "number"});
    }
    if (offset.value() + limit.value() > kMaxSortWindow) {
      return InvalidField("offset", "offset + limit must stay within " +
                                        std::to_string(kMaxSortWindow) + " when sorting");
    }
  }
  auto less = [&](const Hit& a, const Hit& b) {
    for (const auto& k : keys) {
      const Cell& x = a.row[k.col];
      const Cell& y = b.row[k.col];
      int c;
      if (x.kind == Cell::Kind::kNull || y.kind == Cell::Kind::kNull) {
        c = (x.kind != Cell::Kind::kNull) - (y.kind != Cell::Kind::kNull);
      } else if (k.numeric) {
        double dx = std::strtod(x.text.c_str(), nullptr), dy = std::strtod(y.text.c_str(), nullptr);
        c = (dx > dy) - (dx < dy);
      } else {
        c = x.text.compare(y.text);
      }
      if (c != 0) return k.desc ? c > 0 : c < 0;
    }
    return a.id < b.id;
  };
  const size_t window = static_cast<size_t>(offset.value() + limit.value());
  std::vector<Hit> hits;
  int64_t total = 0, id = 0;
  // distinct: the output fields' values seen so far, bounded.
  std::unordered_set<std::string> seen;
  bool too_many = false;
  Status s = spec->rows(ExportQuery{}, [&](const Row& row) {
    ++id;
    for (const auto& [col, vals] : filters) {
      if (col >= row.size()) return true;
      std::string t = row[col].kind == Cell::Kind::kBoolean ? Lower(row[col].text) : row[col].text;
      if (std::find(vals.begin(), vals.end(), t) == vals.end()) return true;
    }
    for (const auto& [col, text] : qs) {
      bool found = false;
      for (size_t i = 0; i < row.size() && !found; ++i) {
        if (col && *col != i) continue;
        found = Lower(row[i].text).find(text) != std::string::npos;
      }
      if (!found) return true;
    }
    if (*distinct) {
      std::string key;
      for (size_t c : out_cols) {
        if (c < row.size()) key += std::to_string(static_cast<int>(row[c].kind)) + row[c].text;
        key.push_back('\x1f');
      }
      if (!seen.insert(std::move(key)).second) return true;
      if (seen.size() > kMaxDistinct) return !(too_many = true);
    }
    ++total;
    if (keys.empty()) {
      if (static_cast<size_t>(total) > static_cast<size_t>(offset.value()) &&
          hits.size() < static_cast<size_t>(limit.value())) {
        hits.push_back({id, row});
      }
      return *include_total || hits.size() < static_cast<size_t>(limit.value());
    }
    hits.push_back({id, row});
    if (hits.size() >= 2 * window + 64) {
      std::partial_sort(hits.begin(), hits.begin() + window, hits.end(), less);
      hits.resize(window);
    }
    return true;
  });
  if (!s.ok()) return s;
  if (too_many) {
    return InvalidField("distinct", "finds more than " + std::to_string(kMaxDistinct) +
                                        " distinct rows; add filters or fewer fields");
  }
  if (!keys.empty()) {
    size_t keep = std::min(window, hits.size());
    std::partial_sort(hits.begin(), hits.begin() + keep, hits.end(), less);
    hits.resize(keep);
    hits.erase(hits.begin(),
               hits.begin() + std::min(hits.size(), static_cast<size_t>(offset.value())));
  }
  json fields = json::array({{{"id", "_id"}, {"type", "int"}}});
  for (size_t c : out_cols) {
    fields.push_back({{"id", spec->fields[c].name},
                      {"type", DatastoreType(spec->fields[c].type)},
                      {"info", {{"notes", spec->fields[c].description}}}});
  }
  // Records stop at kMaxResponseBytes of cell text (but never before the
  // first): _links.next continues from the first record left out.
  json records = json::array();
  std::string text_records;  // csv, tsv
  size_t bytes = 0;
  bool cut = false;
  for (const auto& h : hits) {
    size_t row_bytes = 16;
    for (size_t c : out_cols) {
      row_bytes += spec->fields[c].name.size() + 8 + (c < h.row.size() ? h.row[c].text.size() : 0);
    }
    if (!records.empty() && bytes + row_bytes > kMaxResponseBytes) {
      cut = true;
      break;
    }
    bytes += row_bytes;
    if (format == "csv" || format == "tsv") {
      std::vector<std::string> cells = {std::to_string(h.id)};
      for (size_t c : out_cols) cells.push_back(c < h.row.size() ? h.row[c].text : "");
      AppendDelimited(text_records, cells, format == "csv" ? ',' : '\t');
      records.push_back(nullptr);  // counts the records kept
      continue;
    }
    json r = format == "lists" ? json::array({h.id}) : json{{"_id", h.id}};
    for (size_t c : out_cols) {
      json cell = c < h.row.size() ? CellJson(h.row[c]) : json(nullptr);
      format == "lists" ? r.push_back(std::move(cell)) : void(r[spec->fields[c].name] = std::move(cell));
    }
    records.push_back(std::move(r));
  }
  const int64_t next = offset.value() + (cut ? static_cast<int64_t>(records.size()) : limit.value());
  json result = {{"resource_id", rid},
                 {"fields", fields},
                 {"records", format == "csv" || format == "tsv" ? json(text_records) : records},
                 {"limit", limit.value()},
                 {"offset", offset.value()},
                 {"records_format", format},
                 {"include_total", *include_total},
                 {"_links", Links(p, next)}};
  if (cut) {
    result["records_truncated"] = true;
    result["records_truncated_reason"] =
        "the response stopped at " + std::to_string(kMaxResponseBytes) +
        " bytes of records; _links.next continues from there";
  }
  if (*include_total) {
    result["total"] = total;
    result["total_was_estimated"] = false;  // every row is counted
  }
  if (*distinct) result["distinct"] = true;
  if (!get("full_text").empty()) result["full_text"] = get("full_text");
  if (!get("sort").empty()) result["sort"] = get("sort");
  if (!get("q").empty()) result["q"] = get("q");
  if (!filters_json.is_null()) result["filters"] = std::move(filters_json);
  return result;
}

}  // namespace samrad::opendata
