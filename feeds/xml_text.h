// Text that XML 1.0 can carry: invalid UTF-8 repaired and forbidden
// characters removed, so hostile input never breaks a document.
#pragma once

#include <string>
#include <string_view>

namespace samrad::feeds {

// Returns text that is valid UTF-8 and holds only XML 1.0 characters: each
// invalid byte sequence (stray, truncated, overlong, surrogate, beyond
// U+10FFFF) becomes U+FFFD; C0 controls other than tab, LF and CR, the C1
// controls, and U+FFFE/U+FFFF are dropped. Thread-safe.
std::string CleanXmlText(std::string_view in);

}  // namespace samrad::feeds
