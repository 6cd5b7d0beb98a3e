// DatasetPublisher implementation.
#include "opendata/dataset_publisher.h"

#include <regex>
#include <set>
#include <tuple>

#include "core/crypto.h"
#include "core/text_rules.h"
#include "opendata/csv.h"
#include "opendata/type_inference.h"
#include "opendata/vocabulary.h"

namespace samrad::opendata {

Status DatasetPublisher::CheckMeta(const UploadMeta& m) const {
  static const std::regex kName("^[a-z0-9][a-z0-9_-]{1,62}$");
  std::vector<FieldError> errors;
  if (!std::regex_match(m.name, kName)) {
    errors.push_back({"/name", "2 to 63 characters: lower-case letters, digits, - and _"});
  } else if (registry_.IsBuiltin(m.name)) {
    errors.push_back({"/name", m.name + " is a built-in dataset"});
  }
  if (m.title.empty() || m.title.size() > 200) errors.push_back({"/title", "1 to 200 characters"});
  if (m.description.empty() || m.description.size() > 10000) {
    errors.push_back({"/description", "1 to 10000 characters"});
  }
  if (m.keywords.size() > 20) errors.push_back({"/keywords", "at most 20 keywords"});
  for (const auto& k : m.keywords) {
    if (k.empty() || k.size() > 60)
      errors.push_back({"/keywords", "each keyword 1 to 60 characters"});
  }
  if (!IsTheme(m.theme)) errors.push_back({"/theme", "one of " + ThemeCodes()});
  if (!m.license.empty() && !FindLicense(m.license)) {
    errors.push_back({"/license", "one of " + LicenseIds()});
  }
  if (m.language != "sv" && m.language != "en") errors.push_back({"/language", "sv or en"});
  for (const auto* text : {&m.title, &m.description, &m.name, &m.theme}) {
    if (FindInvalidUtf8(*text)) errors.push_back({"/", "metadata must be UTF-8"});
  }
  // The catalog is XML 1.0, which cannot carry most control characters.
  for (const auto& [field, text, multiline] :
       {std::tuple{"/title", &m.title, false}, {"/description", &m.description, true},
        {"/license", &m.license, false}}) {
    Status s = CheckNoControlChars(field, *text, multiline);
    if (!s.ok()) errors.push_back(s.errors()[0]);
  }
  for (const auto& k : m.keywords) {
    if (FindControlChar(k, false)) errors.push_back({"/keywords", "must not contain control characters"});
  }
  if (!errors.empty()) return Invalid("the dataset's metadata is not valid", errors);
  return Status::Ok();
}

Result<std::vector<DatasetField>> DatasetPublisher::Inspect(std::string_view csv, int64_t* rows) {
  if (auto bad = FindInvalidUtf8(csv)) {
    return InvalidField("/csv", "line " + std::to_string(LineOf(csv, *bad)) +
                                    ": the file is not UTF-8 (save it as UTF-8 CSV)");
  }
  CsvReader reader(csv);
  std::vector<std::string> header, row;
  if (!reader.Next(&header)) {
    return InvalidField("/csv", reader.error().empty() ? "the file is empty" : reader.error());
  }
  if (header.size() > kMaxColumns) {
    return InvalidField("/csv", "line 1: " + std::to_string(header.size()) +
                                    " columns; the limit is " + std::to_string(kMaxColumns));
  }
  std::set<std::string> seen;
  for (size_t i = 0; i < header.size(); ++i) {
    const std::string& h = header[i];
    if (h.empty() || h.size() > kMaxColumnName || FindControlChar(h, false)) {
      return InvalidField("/csv", "line 1: column " + std::to_string(i + 1) + " needs a name of 1 to " +
                                      std::to_string(kMaxColumnName) +
                                      " bytes without tabs or line breaks");
    }
    if (!seen.insert(h).second)
      return InvalidField("/csv", "line 1: the column name " + h + " appears twice");
  }
  TypeInference types(header.size());
  *rows = 0;
  while (reader.Next(&row)) {
    // A last line with nothing on it is the file's final newline.
    if (row.size() == 1 && row[0].empty() && header.size() > 1) {
      return InvalidField("/csv", "line " + std::to_string(reader.record_line()) + " is empty");
    }
    if (row.size() != header.size()) {
      return InvalidField("/csv", "line " + std::to_string(reader.record_line()) + " has " +
                                      std::to_string(row.size()) + " fields; the header has " +
                                      std::to_string(header.size()));
    }
    for (size_t i = 0; i < row.size(); ++i) {
      if (row[i].size() > kMaxCellBytes) {
        return InvalidField("/csv", "line " + std::to_string(reader.record_line()) + ", column " +
                                        std::to_string(i + 1) + ": a cell of " +
                                        std::to_string(row[i].size()) + " bytes; the limit is " +
                                        std::to_string(kMaxCellBytes) + " bytes");
      }
    }
    types.Add(row);
    ++*rows;
  }
  if (!reader.error().empty()) return InvalidField("/csv", reader.error());
  std::vector<DatasetField> fields;
  auto t = types.Types();
  for (size_t i = 0; i < header.size(); ++i) fields.push_back({header[i], t[i], ""});
  return fields;
}

Result<DatasetInfo> DatasetPublisher::Publish(const Actor& actor, const UploadMeta& meta,
                                              std::string_view csv) {
  if (Status s = DatasetService::MayPublish(actor); !s.ok()) return s;
  if (csv.size() > options_.max_upload_bytes) {
    return Status(Code::kTooLarge, "the CSV is larger than the limit of " +
                                       std::to_string(options_.max_upload_bytes) + " bytes");
  }
  if (Status s = CheckMeta(meta); !s.ok()) return s;
  int64_t rows = 0;
  auto fields = Inspect(csv, &rows);
  if (!fields.ok()) return fields.status();
  if (rows == 0) return InvalidField("/csv", "the file has a header but no rows");
  DatasetInfo d;
  d.name = meta.name;
  d.title = meta.title;
  d.description = meta.description;
  d.keywords = meta.keywords;
  d.theme = meta.theme;
  d.license = meta.license.empty() ? options_.license : meta.license;
  d.language = meta.language;
  d.fields = fields.value();
  d.bytes = static_cast<int64_t>(csv.size());
  d.sha256 = crypto::Sha256Hex(std::string(csv));
  // Second pass: the same text, already known to be clean, into the store.
  CsvReader reader(csv);
  std::vector<std::string> row;
  reader.Next(&row);
  return service_.Publish(actor, d, [&](std::vector<std::optional<std::string>>* cells) {
    if (!reader.Next(&row)) return false;
    cells->clear();
    for (auto& v : row) cells->push_back(v.empty() ? std::nullopt : std::optional(std::move(v)));
    return true;
  });
}

}  // namespace samrad::opendata
