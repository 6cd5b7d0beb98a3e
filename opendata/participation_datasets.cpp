// Specs of the participation and decision datasets: names, descriptions,
// Frictionless fields in the order of ExportQueries' cells.
#include "opendata/participation_datasets.h"

namespace samrad::opendata {

DatasetSpec CommentsDataset(std::shared_ptr<ExportQueries> q) {
  DatasetSpec d;
  d.name = "comments";
  d.title = "Samråd: synpunkter";
  d.description =
      "Alla synpunkter och svar i publicerade samråd. Författaren visas med sitt namn bara om "
      "hen valt det, annars med en pseudonym som är stabil inom ett samråd men inte kan kopplas "
      "mellan samråd; raderade konton visas som \"deleted account\". Dolda synpunkter har ingen "
      "text, bara moderatorns motivering.";
  d.keywords = {"synpunkter", "medborgardialog", "kommentarer", "comments"};
  d.theme = "GOVE";
  d.fields = {
      {"id", "integer", "Identifier; GET /api/v1/comments/{id}"},
      {"consultation_id", "integer", "The consultation it belongs to"},
      {"parent_id", "integer", "The comment it answers; empty for a top-level comment"},
      {"section_id", "integer", "The section of the consultation it concerns, if any"},
      {"author", "string",
       "Public display name, a per-consultation pseudonym, or \"deleted account\""},
      {"author_kind", "string", "How the author is shown: public, pseudonym or deleted"},
      {"official", "boolean", "Written by an official of the municipality"},
      {"body", "string", "Text (Markdown) of the current version; empty when hidden"},
      {"created_at", "datetime", "When it was posted (RFC 3339, UTC)"},
      {"edited_at", "datetime", "When it was last edited, if ever"},
      {"version", "integer", "Version number; edits keep earlier versions"},
      {"hidden", "boolean", "Hidden by a moderator"},
      {"hidden_reason", "string", "The moderator's public reason for hiding it"},
      {"modified_at", "datetime",
       "Latest posting, edit or moderation of the comment. A change to the author's account "
       "(name shown or hidden, deletion) does not move it, so that it cannot link pseudonyms: "
       "download the whole dataset again to follow such changes"},
  };
  d.rows = [q](const ExportQuery& e, const RowCallback& cb) { return q->Comments(e, cb); };
  return d;
}

DatasetSpec DecisionsDataset(std::shared_ptr<ExportQueries> q) {
  DatasetSpec d;
  d.name = "decisions";
  d.title = "Samråd: beslut (alla versioner)";
  d.description =
      "Varje version av varje beslut, en rad per version. Beslut skrivs aldrig över: en ändring "
      "eller ett återkallande är en ny version med motivering och vad som ändrades.";
  d.keywords = {"beslut", "protokoll", "decisions"};
  d.theme = "GOVE";
  d.fields = {
      {"decision_id", "integer", "Identifier; GET /api/v1/decisions/{id}"},
      {"version", "integer", "Version number, from 1"},
      {"title", "string", "Title"},
      {"body", "string", "Text of the decision (Markdown)"},
      {"body_name", "string", "The deciding body, e.g. Kommunstyrelsen"},
      {"reference", "string", "Reference number (diarienummer)"},
      {"decided_at", "datetime", "When it was decided"},
      {"outcome", "string", "approved, rejected, referred, postponed or revoked"},
      {"votes", "object", "Vote counts {for, against, abstain, absent, roll_call?} as JSON"},
      {"consultation_ids", "array", "Consultations it decides, as a JSON array"},
      {"answers_comment_ids", "array", "Comments it answers, as a JSON array"},
      {"reason", "string", "Why this version was made (empty for version 1)"},
      {"changes", "object", "What changed against the version before, as JSON"},
      {"published_at", "datetime", "When this version was published"},
      {"log_seq", "integer", "Its entry in the event log (dataset events)"},
      {"entry_hash", "string", "The hash of that event-log entry"},
  };
  d.rows = [q](const ExportQuery& e, const RowCallback& cb) { return q->Decisions(e, cb); };
  return d;
}

DatasetSpec DecisionVotesDataset(std::shared_ptr<ExportQueries> q) {
  DatasetSpec d;
  d.name = "decision_votes";
  d.title = "Samråd: omröstningar (namnupprop)";
  d.description =
      "Hur varje ledamot röstade, en rad per röst och beslutsversion med namnupprop.";
  d.keywords = {"omröstning", "namnupprop", "beslut", "votes"};
  d.theme = "GOVE";
  d.fields = {
      {"decision_id", "integer", "The decision"},
      {"version", "integer", "The decision version the roll call belongs to"},
      {"name", "string", "Name of the member"},
      {"party", "string", "The member's party"},
      {"vote", "string", "for, against, abstain or absent"},
      {"published_at", "datetime", "When the decision version was published"},
  };
  d.rows = [q](const ExportQuery& e, const RowCallback& cb) { return q->DecisionVotes(e, cb); };
  return d;
}

DatasetSpec ModerationLogDataset(std::shared_ptr<ExportQueries> q) {
  DatasetSpec d;
  d.name = "moderation_log";
  d.title = "Samråd: modereringslogg";
  d.description =
      "Varje moderering (dölja eller återställa en synpunkt; dölja, återställa eller avfärda "
      "anmälningar av ett fritextsvar i en enkät) med motivering, roll och tid, aldrig texten.";
  d.keywords = {"moderering", "transparens", "moderation"};
  d.theme = "GOVE";
  d.fields = {
      {"id", "integer", "Identifier of the act (one series per subject)"},
      {"comment_id", "integer", "The comment acted on (empty for a questionnaire answer)"},
      {"consultation_id", "integer", "The consultation of the comment or answer"},
      {"action", "string", "hide or restore; for a questionnaire answer also dismiss or reopen (its flags)"},
      {"reason", "string", "The public reason given"},
      {"role", "string", "Role of who acted (moderator or admin)"},
      {"at", "datetime", "When (RFC 3339, UTC)"},
      {"subject", "string", "comment or questionnaire_answer"},
      {"answer_id", "integer", "The questionnaire answer acted on (empty for a comment)"},
      {"question_id", "integer", "The question of that free-text answer (empty for a comment)"},
  };
  d.rows = [q](const ExportQuery& e, const RowCallback& cb) { return q->ModerationLog(e, cb); };
  return d;
}

void RegisterQuestionnaireDatasets(Registry& r, std::shared_ptr<QuestionnaireExport> q) {
  const std::vector<std::string> kinds = {"questionnaire.answered", "questionnaire.withdrawn",
                                          "questionnaire.text_hidden", "questionnaire.text_restored"};
  DatasetSpec a;
  a.name = "questionnaire_answers";
  a.title = "Samråd: enkätsvar";
  a.title_en = "Samråd: questionnaire answers";
  a.description =
      "Svaren på samrådens enkäter, en rad per svar och fråga. Bara varje svarandes senaste svar "
      "finns med; tillbakatagna svar inte alls. Den svarande visas med samma pseudonym som i "
      "synpunkterna, stabil inom ett samråd men inte mellan samråd. Dolda fritextsvar har ingen "
      "text, bara moderatorns motivering.";
  a.description_en =
      "The answers to the consultations' questionnaires, one row per answer and question. Only each "
      "respondent's latest answer is included; withdrawn answers not at all. The respondent appears "
      "under the same pseudonym as in the comments, stable within a consultation but not across "
      "them. Hidden free-text answers have no text, only the moderator's reason.";
  a.keywords = {"enkät", "medborgardialog", "svar", "questionnaire"};
  a.keywords_en = {"questionnaire", "survey", "answers"};
  a.change_kinds = kinds;
  a.fields = {
      {"answer_id", "integer", "The answer (one per respondent and consultation)"},
      {"consultation_id", "integer", "The consultation"},
      {"question_id", "integer", "The question (dataset questionnaire_questions)"},
      {"question_version", "integer", "The version of the question that was answered"},
      {"respondent", "string", "Per-consultation pseudonym of the respondent"},
      {"type", "string", "single, multiple, scale, ranking or text"},
      {"value", "string",
       "The answer: an option's label (single), a JSON array of labels (multiple; ranking best "
       "first), a number (scale) or the text; empty when hidden"},
      {"hidden", "boolean", "A free-text answer hidden by a moderator"},
      {"hidden_reason", "string", "The moderator's public reason for hiding it"},
      {"answered_at", "datetime", "When the current version of the answer was given"},
  };
  a.rows = [q](const ExportQuery& e, const RowCallback& cb) { return q->Answers(e, cb); };
  r.Add(a);

  DatasetSpec d;
  d.name = "questionnaire_questions";
  d.title = "Samråd: enkätfrågor (alla versioner)";
  d.title_en = "Samråd: questionnaire questions (every version)";
  d.description =
      "Varje version av varje enkätfråga i publicerade samråd. En fråga som ändras efter "
      "publiceringen får en ny version med motivering; svar behåller versionen de svarade på.";
  d.description_en =
      "Every version of every questionnaire question of published consultations. A question "
      "changed after publication gets a new version with a reason; answers keep the version they "
      "answered.";
  d.keywords = {"enkät", "frågor", "questionnaire"};
  d.keywords_en = {"questionnaire", "survey", "questions"};
  d.change_kinds = {"questionnaire.changed"};
  d.fields = {
      {"question_id", "integer", "The question"},
      {"consultation_id", "integer", "The consultation"},
      {"version", "integer", "Version number, from 1"},
      {"position", "integer", "Its place in the questionnaire now"},
      {"section_id", "integer", "The section of the consultation it concerns, if any"},
      {"type", "string", "single, multiple, scale, ranking or text"},
      {"text", "string", "The question as asked in this version"},
      {"options", "array", "Option labels (single, multiple, ranking) as a JSON array"},
      {"max_choices", "integer", "multiple: at most this many choices"},
      {"scale_max", "integer", "scale: from 1 to this"},
      {"low_label", "string", "scale: what 1 means"},
      {"high_label", "string", "scale: what the highest value means"},
      {"max_length", "integer", "text: at most this many characters"},
      {"required", "boolean", "An answer is required"},
      {"removed", "boolean", "The question was removed after publication (its answers kept)"},
      {"reason", "string", "Why this version was made (empty for the first)"},
      {"created_at", "datetime", "When this version was made"},
  };
  d.rows = [q](const ExportQuery& e, const RowCallback& cb) { return q->Questions(e, cb); };
  r.Add(d);
}

}  // namespace samrad::opendata
