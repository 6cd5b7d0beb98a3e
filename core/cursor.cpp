// Keyset cursor encoding.
#include "core/cursor.h"

#include "core/crypto.h"

namespace samrad {

std::string EncodeCursor(const nlohmann::json& key) { return crypto::Base64UrlEncode(key.dump()); }

Result<nlohmann::json> DecodeCursor(const std::string& cursor, size_t arity) {
  auto raw = crypto::Base64UrlDecode(cursor);
  if (!raw) return InvalidField("/cursor", "not a cursor returned by this list");
  auto j = nlohmann::json::parse(*raw, nullptr, false);
  if (j.is_discarded() || !j.is_array() || j.size() != arity) {
    return InvalidField("/cursor", "not a cursor returned by this list");
  }
  return j;
}

Result<Page> MakePage(const std::optional<std::string>& limit,
                      const std::optional<std::string>& cursor, size_t arity) {
  Page p;
  if (limit) {
    try {
      size_t used = 0;
      int v = std::stoi(*limit, &used);
      if (used != limit->size() || v < 1 || v > 200) throw std::out_of_range("limit");
      p.limit = v;
    } catch (const std::exception&) {
      return InvalidField("/limit", "limit must be a whole number from 1 to 200");
    }
  }
  if (cursor && !cursor->empty()) {
    auto k = DecodeCursor(*cursor, arity);
    if (!k.ok()) return k.status();
    p.after = k.value();
  }
  return p;
}

Result<int64_t> CursorInt(const Page& page, size_t i, int64_t def) {
  if (!page.after) return def;
  const auto& v = (*page.after)[i];
  if (!v.is_number_integer()) return InvalidField("/cursor", "not a cursor returned by this list");
  return v.get<int64_t>();
}

}  // namespace samrad
