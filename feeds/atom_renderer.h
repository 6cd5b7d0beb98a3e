// Renders a Feed as an Atom 1.0 document (RFC 4287), with RFC 5005 history
// links and the fh:archive marker for archive documents.
#pragma once

#include <string>

#include "core/status.h"
#include "feeds/feed.h"

namespace samrad::feeds {

inline constexpr const char* kAtomNamespace = "http://www.w3.org/2005/Atom";
inline constexpr const char* kHistoryNamespace = "http://purl.org/syndication/history/1.0";
inline constexpr const char* kGeneratorName = "Samråd";

// The document as UTF-8 text. Errors: kInternal when libxml2 fails.
// Thread-safe (pure).
Result<std::string> RenderAtom(const Feed& feed);

}  // namespace samrad::feeds
