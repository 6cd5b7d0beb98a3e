// RowWriter implementation.
#include "opendata/row_writer.h"

#include "opendata/csv.h"

namespace samrad::opendata {

std::optional<Format> ParseFormat(std::string_view ext) {
  if (ext == "csv") return Format::kCsv;
  if (ext == "json") return Format::kJson;
  if (ext == "ndjson") return Format::kNdjson;
  if (ext == "excel.csv") return Format::kExcelCsv;
  return std::nullopt;
}

std::string MediaType(Format f) {
  switch (f) {
    case Format::kCsv:
      return "text/csv; charset=utf-8";
    case Format::kExcelCsv:
      return "text/csv; charset=utf-8; header=present";
    case Format::kJson:
      return "application/json";
    case Format::kNdjson:
      return "application/x-ndjson";
  }
  return "application/octet-stream";
}

std::string Extension(Format f) {
  switch (f) {
    case Format::kCsv:
      return "csv";
    case Format::kJson:
      return "json";
    case Format::kNdjson:
      return "ndjson";
    case Format::kExcelCsv:
      return "excel.csv";
  }
  return "";
}

void AppendJsonString(std::string& out, std::string_view s) {
  static const char* kHex = "0123456789abcdef";
  out.push_back('"');
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out.push_back(kHex[c >> 4]);
          out.push_back(kHex[c & 15]);
        } else {
          out.push_back(ch);
        }
    }
  }
  out.push_back('"');
}

RowWriter::RowWriter(Format format, const std::vector<FieldSpec>& fields, ChunkSink sink,
                     size_t chunk_bytes)
    : format_(format), sink_(std::move(sink)), chunk_bytes_(chunk_bytes) {
  for (const auto& f : fields) {
    std::string k;
    if (format_ == Format::kCsv) {
      AppendCsvField(k, f.name);
    } else if (format_ == Format::kExcelCsv) {
      AppendExcelField(k, f.name);
    } else {
      AppendJsonString(k, f.name);
      k.push_back(':');
    }
    keys_.push_back(std::move(k));
  }
  buf_.reserve(chunk_bytes_ + 4096);
}

bool RowWriter::Flush(bool force) {
  if (!ok_) return false;
  if (buf_.size() >= chunk_bytes_ || (force && !buf_.empty())) {
    ok_ = sink_(buf_);
    buf_.clear();
  }
  return ok_;
}

bool RowWriter::Begin() {
  if (format_ == Format::kCsv || format_ == Format::kExcelCsv) {
    // Excel reads UTF-8 only after a BOM, and splits on ; in Swedish locales.
    if (format_ == Format::kExcelCsv) buf_ += "\xEF\xBB\xBF";
    for (size_t i = 0; i < keys_.size(); ++i) {
      if (i) buf_.push_back(format_ == Format::kCsv ? ',' : ';');
      buf_ += keys_[i];
    }
    buf_ += "\r\n";
  } else if (format_ == Format::kJson) {
    buf_.push_back('[');
  }
  return Flush(false);
}

void RowWriter::AppendJsonRow(const Row& row) {
  buf_.push_back('{');
  for (size_t i = 0; i < keys_.size(); ++i) {
    if (i) buf_.push_back(',');
    buf_ += keys_[i];
    const Cell* c = i < row.size() ? &row[i] : nullptr;
    if (!c || c->kind == Cell::Kind::kNull) {
      buf_ += "null";
    } else if (c->kind == Cell::Kind::kString) {
      AppendJsonString(buf_, c->text);
    } else if (c->kind == Cell::Kind::kBoolean) {
      buf_ += (!c->text.empty() && (c->text[0] | 0x20) == 't') ? "true" : "false";
    } else {
      buf_ += c->text;  // integers, numbers and JSON are valid JSON text already
    }
  }
  buf_.push_back('}');
}

bool RowWriter::Write(const Row& row) {
  switch (format_) {
    case Format::kCsv:
    case Format::kExcelCsv: {
      const bool excel = format_ == Format::kExcelCsv;
      for (size_t i = 0; i < keys_.size(); ++i) {
        if (i) buf_.push_back(excel ? ';' : ',');
        if (i >= row.size()) continue;
        excel ? AppendExcelField(buf_, row[i].text) : AppendCsvField(buf_, row[i].text);
      }
      buf_ += "\r\n";
      break;
    }
    case Format::kJson:
      if (!first_) buf_.push_back(',');
      buf_.push_back('\n');
      AppendJsonRow(row);
      break;
    case Format::kNdjson:
      AppendJsonRow(row);
      buf_.push_back('\n');
      break;
  }
  first_ = false;
  return Flush(false);
}

bool RowWriter::End() {
  if (format_ == Format::kJson) buf_ += first_ ? "]\n" : "\n]\n";
  return Flush(true);
}

}  // namespace samrad::opendata
