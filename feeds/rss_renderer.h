// Renders a Feed as an RSS 2.0 document, with atom:link for self and the
// RFC 5005 history links, and dc:creator for authors.
#pragma once

#include <string>

#include "core/status.h"
#include "feeds/feed.h"

namespace samrad::feeds {

// The document as UTF-8 text. Errors: kInternal when libxml2 fails.
// Thread-safe (pure).
Result<std::string> RenderRss(const Feed& feed);

}  // namespace samrad::feeds
