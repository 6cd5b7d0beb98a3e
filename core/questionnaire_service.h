// Questionnaires in consultations: officials build the questions (freely
// while a draft, as new versions with a reason once published); signed-in
// residents answer once per consultation, change or withdraw while it is
// open; results follow the consultation's visibility choice. Every change
// lands in the event log in the same transaction, free text only as a
// salted digest and respondents only as their per-consultation pseudonym.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/database.h"
#include "core/moderation_act.h"
#include "core/questionnaire.h"
#include "core/questionnaire_results.h"
#include "core/status.h"
#include "core/user.h"

namespace samrad {

// A visible free-text answer as the results show it.
struct VisibleText {
  int64_t answer_id = 0;
  std::string text;
  bool own = false;  // written by the reader
};

// An answer as the search index takes it: its visible free texts of the
// current version (empty when withdrawn or all hidden).
struct IndexedAnswer {
  int64_t answer_id = 0;
  int64_t consultation_id = 0;
  std::string answered_at;
  std::vector<std::string> texts;
};

struct Questionnaire {
  int64_t consultation_id = 0;
  std::string state;               // the consultation's state
  std::string results_visibility;  // during, after_close
  std::vector<Question> questions;
};

class QuestionnaireService {
 public:
  QuestionnaireService(std::shared_ptr<Database> db, std::shared_ptr<Clock> clock);

  // The current questions in order. kNotFound for no such consultation or a
  // draft asked for by someone who is not an official. Thread-safe, as are
  // all methods.
  Result<Questionnaire> Get(const Actor& actor, int64_t consultation_id);

  // Officials only (kUnauthenticated, kPermissionDenied). While the
  // consultation is a draft anything may change without a reason; once
  // published (upcoming or open) each change needs a reason (422 at
  // /reason) and makes a new version; a closed or decided one answers
  // kConflict. kInvalidArgument names failing fields.
  Result<Question> Add(const Actor& actor, int64_t consultation_id, const nlohmann::json& body);
  Result<Question> Edit(const Actor& actor, int64_t consultation_id, int64_t question_id,
                        const nlohmann::json& body);
  Status Remove(const Actor& actor, int64_t consultation_id, int64_t question_id,
                const std::string& reason);
  // Moves a question one place up (delta -1) or down (+1).
  Status Move(const Actor& actor, int64_t consultation_id, int64_t question_id, int delta,
              const std::string& reason);
  // during or after_close.
  Status SetVisibility(const Actor& actor, int64_t consultation_id, const std::string& visibility);

  // The actor's current answer, nullopt when none or withdrawn.
  Result<std::optional<Answer>> Mine(const Actor& actor, int64_t consultation_id);
  // Answers or changes the answer (a new version). kUnauthenticated without
  // a user, kPermissionDenied for officials, kConflict unless open,
  // kInvalidArgument per field (see CheckAnswers).
  Result<Answer> Submit(const Actor& actor, int64_t consultation_id, const nlohmann::json& body);
  // Withdraws the answer: it counts nowhere, its versions stay. kNotFound
  // when there is none to withdraw.
  Status Withdraw(const Actor& actor, int64_t consultation_id);

  // Results: officials always; others once published, and while it is
  // upcoming or open only when the visibility is "during" (else
  // kPermissionDenied).
  Result<std::vector<QuestionResult>> Results(const Actor& actor, int64_t consultation_id);
  // Whether this actor may see the results now (false on any error).
  bool ResultsVisible(const Actor& actor, const Questionnaire& q) const;

  // Moderators: hide or restore the free-text item of an answer's current
  // version, with a reason; logged publicly. kNotFound when there is no
  // such text, kInvalidArgument for an empty reason or unknown action.
  Status ModerateText(const Actor& actor, int64_t answer_id, int64_t question_id,
                      const std::string& action, const std::string& reason);
  // Flags the free-text item of an answer's current version, as a comment is
  // flagged. kUnauthenticated, kInvalidArgument for an unknown reason,
  // kNotFound when there is no such text (withdrawn, or the question is not
  // the answer's), kConflict when it is hidden, the user's own, or the user
  // has an open flag on it already.
  Result<Flag> FlagText(const Actor& actor, int64_t answer_id, int64_t question_id, const std::string& reason,
                        const std::optional<std::string>& note);
  // Moderators: hide, restore, dismiss (its open flags set aside) or reopen
  // (the latest dismissal undone) a free-text item, as comments are
  // moderated; the act is kept with the flags it settled and logged
  // publicly. undo: a restore that undoes a hide puts the hide's flags back
  // in the queue. kConflict when already in that state or with no flags.
  Result<ModerationAct> ActOnText(const Actor& actor, int64_t answer_id, int64_t question_id,
                                  const std::string& action, const std::string& reason, bool undo);
  // Undoes the latest act on the text (its inverse, with undo); kConflict
  // when there is none.
  Result<ModerationAct> UndoText(const Actor& actor, int64_t answer_id, int64_t question_id,
                                 const std::string& reason);
  // The visible free-text answers of a question, newest first, at most
  // limit, to whoever may see the results (as Results).
  Result<std::vector<VisibleText>> VisibleTexts(const Actor& actor, int64_t consultation_id, int64_t question_id,
                                                int limit);
  // Moderators: the free-text items of current answers, newest first, at
  // most limit, only those answered before `before` (an answer id) when set.
  Result<std::vector<TextAnswer>> TextAnswers(const Actor& actor, int limit, std::optional<int64_t> before);

  // For the search index (storage reads, no visibility rules of results):
  // every answer of a consultation, and the answers with visible free text
  // whose id is above after_id, in id order, at most limit.
  Result<std::vector<IndexedAnswer>> AnswersForIndex(int64_t consultation_id);
  Result<std::vector<IndexedAnswer>> TextsForIndex(int64_t after_id, int limit);

 private:
  Result<Questionnaire> Load(db::Connection& c, int64_t consultation_id);
  Status CheckChange(const Actor& actor, const Questionnaire& q, const std::string& reason);
  void LogChange(db::Connection& c, const Actor& actor, int64_t consultation_id,
                 const std::string& change, int64_t question_id, const std::string& reason);
  std::string Respondent(int64_t user_id, int64_t consultation_id) const;

  std::shared_ptr<Database> db_;
  std::shared_ptr<Clock> clock_;
  std::string pseudonym_secret_;
};

// The current questions of a consultation in order (storage read).
std::vector<Question> LoadQuestions(db::Connection& c, int64_t consultation_id);

}  // namespace samrad
