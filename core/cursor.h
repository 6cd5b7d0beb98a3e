// Opaque keyset cursors: the sort key of the last item of a page, as
// URL-safe base64 of a small JSON array.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/status.h"

namespace samrad {

struct Page {
  int limit = 20;
  std::optional<nlohmann::json> after;  // decoded cursor, nullopt for the first page
};

std::string EncodeCursor(const nlohmann::json& key);
// Decodes a cursor given by a client: kInvalidArgument when it was not made
// by EncodeCursor with an array of `arity` integers and strings (services
// still check each position's type with CursorInt / CursorText).
// The refusal of a cursor this list did not issue: 400 naming /cursor.
Status BadCursor();
Result<nlohmann::json> DecodeCursor(const std::string& cursor, size_t arity);
// Builds a Page from query text: limit default 20, at most 200.
Result<Page> MakePage(const std::optional<std::string>& limit,
                      const std::optional<std::string>& cursor, size_t arity);

// The integer at position i of page.after, or def on the first page:
// kInvalidArgument when the cursor holds something else there.
Result<int64_t> CursorInt(const Page& page, size_t i, int64_t def);
// The string at position i of page.after, or def on the first page.
Result<std::string> CursorText(const Page& page, size_t i, const std::string& def);

// A listing read with limit + 1 rows: drops the extra row and sets
// next_cursor from the sort key of the last item kept.
template <typename L, typename Key>
void TrimPage(L& listing, int limit, Key key) {
  if (static_cast<int>(listing.items.size()) <= limit) return;
  listing.items.pop_back();
  listing.next_cursor = EncodeCursor(key(listing.items.back()));
}

}  // namespace samrad
