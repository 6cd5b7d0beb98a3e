// Keyset cursor encoding.
#include "core/cursor.h"

#include "core/crypto.h"
#include "core/json_depth.h"

namespace samrad {

Status BadCursor() {
  const std::string msg = "not a cursor returned by this list";
  return {Code::kMalformed, msg, {{"/cursor", msg}}};
}

std::string EncodeCursor(const nlohmann::json& key) { return crypto::Base64UrlEncode(key.dump()); }

Result<nlohmann::json> DecodeCursor(const std::string& cursor, size_t arity) {
  auto raw = crypto::Base64UrlDecode(cursor);
  if (!raw) return BadCursor();
  auto j = ParseClientJson(*raw, "the cursor");
  // A cursor is a flat array of numbers and strings; anything else, however
  // deep, was not made here.
  if (!j.ok() || j->is_discarded() || !j->is_array() || j->size() != arity) {
    return BadCursor();
  }
  for (const auto& v : *j) {
    if (!v.is_number_integer() && !v.is_string()) {
      return BadCursor();
    }
  }
  return j;
}

Result<Page> MakePage(const std::optional<std::string>& limit,
                      const std::optional<std::string>& cursor, size_t arity) {
  Page p;
  std::optional<FieldError> bad_limit;
  if (limit) {
    try {
      size_t used = 0;
      int v = std::stoi(*limit, &used);
      if (used != limit->size() || v < 1 || v > 200) throw std::out_of_range("limit");
      p.limit = v;
    } catch (const std::exception&) {
      bad_limit = FieldError{"/limit", "limit must be a whole number from 1 to 200"};
    }
  }
  if (cursor && !cursor->empty()) {
    auto k = DecodeCursor(*cursor, arity);
    // Both parameters wrong: one answer names both (422, as for the limit).
    if (!k.ok() && bad_limit) {
      Status bad_cursor = k.status();
      std::vector<FieldError> errors = {*bad_limit};
      for (const auto& e : bad_cursor.errors()) errors.push_back(e);
      if (errors.size() == 1) errors.push_back({"/cursor", bad_cursor.message()});
      return Invalid("the query parameters limit and cursor are not valid", errors);
    }
    if (!k.ok()) return k.status();
    p.after = k.value();
  }
  if (bad_limit) return InvalidField(bad_limit->field, bad_limit->message);
  return p;
}

namespace {
// The element at position i of page.after when it has the wanted type.
const nlohmann::json* CursorAt(const Page& page, size_t i, bool want_string) {
  const auto& a = *page.after;
  if (!a.is_array() || i >= a.size()) return nullptr;
  const auto& v = a[i];
  return (want_string ? v.is_string() : v.is_number_integer()) ? &v : nullptr;
}
}  // namespace

Result<int64_t> CursorInt(const Page& page, size_t i, int64_t def) {
  if (!page.after) return def;
  const auto* v = CursorAt(page, i, false);
  if (!v) return BadCursor();
  return v->get<int64_t>();
}

Result<std::string> CursorText(const Page& page, size_t i, const std::string& def) {
  if (!page.after) return def;
  const auto* v = CursorAt(page, i, true);
  if (!v) return BadCursor();
  return v->get<std::string>();
}

}  // namespace samrad
