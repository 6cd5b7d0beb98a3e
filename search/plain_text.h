// Markdown as the plain text a reader sees, for indexing and snippets: a
// snippet must never show "**" or a link's address.
#pragma once

#include <string>

namespace samrad::search {

// text with Markdown's markup taken out: emphasis and strike markers (*, _,
// ~), code backticks, heading hashes, quote and list markers, table pipes
// and rules; links and images keep their text, autolinks their address; a
// backslash escape keeps the character it escapes. Text that is no
// Markdown comes back the same but for those characters where they act as
// markup. Pure, thread-safe.
std::string PlainText(const std::string& markdown);

}  // namespace samrad::search
