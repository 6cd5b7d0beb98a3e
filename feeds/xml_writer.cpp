// XmlWriter over xmlTextWriter.
#include "feeds/xml_writer.h"

#include <libxml/xmlwriter.h>

#include "feeds/xml_text.h"

namespace samrad::feeds {

namespace {
const xmlChar* X(const char* s) { return reinterpret_cast<const xmlChar*>(s); }
}  // namespace

XmlWriter::XmlWriter() {
  buffer_ = xmlBufferCreate();
  writer_ = buffer_ ? xmlNewTextWriterMemory(buffer_, 0) : nullptr;
  if (!writer_) {
    failed_ = true;
    return;
  }
  Check(xmlTextWriterSetIndent(writer_, 1));
  Check(xmlTextWriterSetIndentString(writer_, X(" ")));
  Check(xmlTextWriterStartDocument(writer_, "1.0", "UTF-8", nullptr));
}

XmlWriter::~XmlWriter() {
  if (writer_) xmlFreeTextWriter(writer_);
  if (buffer_) xmlBufferFree(buffer_);
}

XmlWriter& XmlWriter::Start(const char* name) {
  if (writer_) Check(xmlTextWriterStartElement(writer_, X(name)));
  return *this;
}

XmlWriter& XmlWriter::Attr(const char* name, std::string_view value) {
  if (writer_) {
    std::string clean = CleanXmlText(value);
    Check(xmlTextWriterWriteAttribute(writer_, X(name), X(clean.c_str())));
  }
  return *this;
}

XmlWriter& XmlWriter::Namespace(const char* prefix, const char* uri) {
  std::string name = prefix && *prefix ? std::string("xmlns:") + prefix : "xmlns";
  if (writer_) Check(xmlTextWriterWriteAttribute(writer_, X(name.c_str()), X(uri)));
  return *this;
}

XmlWriter& XmlWriter::Text(std::string_view text) {
  if (writer_) {
    std::string clean = CleanXmlText(text);
    Check(xmlTextWriterWriteString(writer_, X(clean.c_str())));
  }
  return *this;
}

XmlWriter& XmlWriter::End() {
  if (writer_) Check(xmlTextWriterEndElement(writer_));
  return *this;
}

XmlWriter& XmlWriter::Element(const char* name, std::string_view text) {
  return Start(name).Text(text).End();
}

Result<std::string> XmlWriter::Finish() {
  if (!writer_) return Internal("cannot create an XML writer");
  Check(xmlTextWriterEndDocument(writer_));
  Check(xmlTextWriterFlush(writer_));
  if (failed_) return Internal("the XML writer failed");
  return std::string(reinterpret_cast<const char*>(xmlBufferContent(buffer_)),
                     static_cast<size_t>(xmlBufferLength(buffer_)));
}

}  // namespace samrad::feeds
