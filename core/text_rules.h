// Rules for the characters user text may hold: C0 control characters are
// refused at input, and stripped from every text document on the way out.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace samrad {

// Index of the first control character in text, or nullopt: C0 characters
// and DEL, except tab, LF and CR when multiline. Pure.
std::optional<size_t> FindControlChar(std::string_view text, bool multiline);
// OK, or kInvalidArgument naming field (a JSON pointer) when the text holds
// a control character. Pure.
Status CheckNoControlChars(const std::string& field, std::string_view text, bool multiline);
// text without C0 controls other than tab, LF and CR, and without DEL: for
// CSV and HTML output of stored text. Pure.
std::string StripControlChars(std::string_view text);
// Returns text that is valid UTF-8 and holds only XML 1.0 characters: each
// invalid byte sequence (stray, truncated, overlong, surrogate, beyond
// U+10FFFF) becomes U+FFFD; C0 controls other than tab, LF and CR, the C1
// controls, and U+FFFE/U+FFFF are dropped. Pure.
std::string CleanXmlText(std::string_view in);

}  // namespace samrad
