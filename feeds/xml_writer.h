// A small RAII layer over libxml2's xmlTextWriter writing to memory. Every
// text and attribute value passes through CleanXmlText first, and libxml2
// does the escaping, so no input can break the document.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

typedef struct _xmlTextWriter xmlTextWriter;
typedef struct _xmlBuffer xmlBuffer;

namespace samrad::feeds {

// Not thread-safe: one writer per document. A failed libxml2 call is
// remembered and reported by Finish().
class XmlWriter {
 public:
  XmlWriter();
  ~XmlWriter();
  XmlWriter(const XmlWriter&) = delete;
  XmlWriter& operator=(const XmlWriter&) = delete;

  // Opens an element; a name may carry a prefix declared with Namespace().
  XmlWriter& Start(const char* name);
  XmlWriter& Attr(const char* name, std::string_view value);
  // Declares a namespace on the open element (xmlns or xmlns:prefix).
  XmlWriter& Namespace(const char* prefix, const char* uri);
  XmlWriter& Text(std::string_view text);
  XmlWriter& End();
  // <name>text</name>
  XmlWriter& Element(const char* name, std::string_view text);

  // Closes every open element and returns the document. Errors: kInternal
  // when libxml2 failed at any step.
  Result<std::string> Finish();

 private:
  void Check(int rc) {
    if (rc < 0) failed_ = true;
  }
  xmlBuffer* buffer_ = nullptr;
  xmlTextWriter* writer_ = nullptr;
  bool failed_ = false;
};

}  // namespace samrad::feeds
