// Built-in datasets: consultations and the event log; uploads as specs.
#include "opendata/builtin_datasets.h"

#include <iostream>

#include "opendata/participation_datasets.h"

namespace samrad::opendata {

DatasetSpec ConsultationsDataset(std::shared_ptr<ExportQueries> q) {
  DatasetSpec d;
  d.name = "consultations";
  d.title = "Samråd: medborgardialoger";
  d.description =
      "Alla publicerade samråd (medborgardialoger) med text, datum och version. Utkast ingår "
      "inte. Läget (kommande, öppet, stängt, beslutat) följer av opens_at, closes_at och "
      "decided_at.";
  d.keywords = {"samråd", "medborgardialog", "consultation"};
  d.theme = "GOVE";
  d.fields = {
      {"id", "integer", "Identifier; the consultation's page is /consultations/{id}"},
      {"title", "string", "Title"},
      {"summary", "string", "Short summary"},
      {"body", "string", "Full text (Markdown)"},
      {"language", "string", "Language of the text: sv or en"},
      {"area", "string", "Part of the municipality it concerns, if any"},
      {"tags", "array", "Tags as a JSON array of strings"},
      {"opens_at", "datetime", "When it opens for comments (RFC 3339, UTC)"},
      {"closes_at", "datetime", "When it closes for comments (RFC 3339, UTC)"},
      {"published_at", "datetime", "When it was published"},
      {"decided_at", "datetime", "When a decision was linked to it, if any"},
      {"updated_at", "datetime", "When its text last changed"},
      {"version", "integer", "Version number; earlier versions stay in the event log"},
  };
  d.rows = [q](const ExportQuery& e, const RowCallback& cb) { return q->Consultations(e, cb); };
  return d;
}

DatasetSpec EventsDataset(std::shared_ptr<ExportQueries> q) {
  DatasetSpec d;
  d.name = "events";
  d.title = "Samråd: händelselogg (hashkedja)";
  d.description =
      "Varje ändring i Samråd som en rad i en hashkedja. hash = SHA-256(prev_hash || kanonisk "
      "JSON av {actor_role, at, kind, payload, seq, subject}) med sorterade nycklar, utan "
      "mellanslag, UTF-8; den första radens prev_hash är 64 nollor. Kedjan kan kontrolleras "
      "med enbart denna fil.";
  d.keywords = {"händelselogg", "transparens", "hashkedja", "event log"};
  d.theme = "GOVE";
  d.fields = {
      {"seq", "integer", "Sequence number, from 1 without gaps"},
      {"at", "datetime", "Time of the change (RFC 3339, UTC)"},
      {"kind", "string", "What happened, e.g. consultation.published, dataset.published"},
      {"subject", "string", "What it happened to, e.g. consultation/12, dataset/NAME"},
      {"actor_role", "string", "Role of who did it (resident, moderator, official, admin)"},
      {"payload", "object", "Public details as canonical JSON text (sorted keys, no spaces)"},
      {"prev_hash", "string", "hash of the entry before (hex SHA-256)"},
      {"hash", "string", "SHA-256 hex of prev_hash followed by the canonical entry"},
  };
  d.rows = [q](const ExportQuery& e, const RowCallback& cb) { return q->Events(e, cb); };
  return d;
}

DatasetSpec UploadedDataset(const DatasetInfo& info, std::shared_ptr<ExportQueries> q) {
  DatasetSpec d;
  d.name = info.name;
  d.title = info.title;
  d.description = info.description;
  d.keywords = info.keywords;
  d.theme = info.theme;
  d.license = info.license;
  d.language = info.language;
  d.issued = d.modified = info.published_at;
  d.builtin = false;
  d.periodicity = "IRREG";  // published once, whenever an official chooses
  d.byte_size = info.bytes;
  std::vector<Cell::Kind> kinds;
  for (const auto& f : info.fields) {
    d.fields.push_back({f.name, f.type, f.description});
    kinds.push_back(f.type == "integer"   ? Cell::Kind::kInteger
                    : f.type == "number"  ? Cell::Kind::kNumber
                    : f.type == "boolean" ? Cell::Kind::kBoolean
                                          : Cell::Kind::kString);
  }
  int64_t id = info.id;
  d.rows = [q, id, kinds](const ExportQuery& e, const RowCallback& cb) {
    Row typed;
    return q->DatasetRows(id, e, [&](const Row& row) {
      typed = row;
      for (size_t i = 0; i < typed.size() && i < kinds.size(); ++i) {
        if (typed[i].kind == Cell::Kind::kNull) continue;
        typed[i].kind = kinds[i];
        // Inferred case-blind ("TRUE", "False"): written as JSON and Table Schema spell them.
        if (kinds[i] == Cell::Kind::kBoolean) {
          typed[i].text = (typed[i].text[0] | 0x20) == 't' ? "true" : "false";
        }
      }
      return cb(typed);
    });
  };
  return d;
}

namespace {
struct English {
  const char *name, *title, *description;
  std::vector<std::string> keywords;
  // The event kinds that change the dataset's rows (empty: every kind).
  std::vector<std::string> change_kinds;
};

// The catalog describes every built-in dataset in both languages.
const std::vector<English>& Translations() {
  static const std::vector<English> kAll = {
      {"consultations", "Samråd: consultations",
       "Every published consultation with its text, dates and version. Drafts are left out. The "
       "state (upcoming, open, closed, decided) follows from opens_at, closes_at and decided_at.",
       {"consultation", "citizen dialogue", "public participation"},
       {"consultation.published", "consultation.updated", "decision.published", "decision.amended"}},
      {"comments", "Samråd: comments",
       "Every comment and reply in published consultations. Authors appear by name only when "
       "they chose so, otherwise by a pseudonym stable within one consultation; hidden comments "
       "carry only the moderator's reason.",
       {"comments", "citizen dialogue", "public participation"},
       {"comment.posted", "comment.edited", "comment.hidden", "comment.restored"}},
      {"decisions", "Samråd: decisions (every version)",
       "Every version of every decision, one row per version. Decisions are never overwritten: an "
       "amendment or a revocation is a new version with its reason and what changed.",
       {"decisions", "minutes", "local government"},
       {"decision.published", "decision.amended"}},
      {"decision_votes", "Samråd: roll-call votes",
       "How each member voted, one row per vote and decision version with a roll call.",
       {"votes", "roll call", "decisions"},
       {"decision.published", "decision.amended"}},
      {"moderation_log", "Samråd: moderation log",
       "Every act of moderation (hiding or restoring a comment; hiding, restoring or dismissing the "
       "flags of a free-text questionnaire answer) with its reason, role and time, never the text.",
       {"moderation", "transparency"},
       {"comment.hidden", "comment.restored", "questionnaire.text_hidden", "questionnaire.text_restored",
        "questionnaire.text_flags_dismissed", "questionnaire.text_flags_reopened"}},
      {"events", "Samråd: event log (hash chain)",
       "Every change in Samråd as one row of a hash chain. hash = SHA-256(prev_hash || canonical "
       "JSON of {actor_role, at, kind, payload, seq, subject}) with sorted keys, no spaces, UTF-8; "
       "the first row's prev_hash is 64 zeros. The chain can be checked with this file alone.",
       {"event log", "transparency", "hash chain"},
       {}},
  };
  return kAll;
}

DatasetSpec Translated(DatasetSpec d) {
  for (const auto& e : Translations()) {
    if (d.name != e.name) continue;
    d.title_en = e.title;
    d.description_en = e.description;
    d.keywords_en = e.keywords;
    d.change_kinds = e.change_kinds;
  }
  return d;
}
}  // namespace

void RegisterBuiltinDatasets(Registry& r, std::shared_ptr<ExportQueries> q,
                             std::shared_ptr<DatasetService> datasets) {
  for (auto& d : {ConsultationsDataset(q), CommentsDataset(q), DecisionsDataset(q),
                  DecisionVotesDataset(q), ModerationLogDataset(q), EventsDataset(q)}) {
    r.Add(Translated(d));
  }
  r.AddProvider([q, datasets] {
    std::vector<DatasetSpec> out;
    auto all = datasets->List();
    if (!all.ok()) {
      std::cerr << "opendata: cannot list datasets: " << all.status().message() << std::endl;
      return out;
    }
    for (const auto& info : all.value()) out.push_back(UploadedDataset(info, q));
    return out;
  });
}

}  // namespace samrad::opendata
