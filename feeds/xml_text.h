// Text that XML 1.0 can carry: the feeds use core's CleanXmlText, shared
// with the DCAT catalog, so hostile input never breaks a document.
#pragma once

#include "core/text_rules.h"

namespace samrad::feeds {

using samrad::CleanXmlText;

}  // namespace samrad::feeds
