// The records of moderation shared by comments and free-text questionnaire
// answers: a resident's flag, a public moderation act and a free-text
// answer as moderators see it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace samrad {

struct Flag {
  int64_t id = 0;
  int64_t comment_id = 0;  // 0 for a flag on a free-text answer
  std::string reason;      // spam, offensive, off_topic, personal_data
  std::optional<std::string> note;
  std::string created_at;
  int64_t answer_id = 0;  // a free-text answer: its answer and question
  int64_t question_id = 0;
};

struct ModerationAct {
  int64_t id = 0;
  int64_t comment_id = 0;  // 0 for an act on a free-text answer
  int64_t consultation_id = 0;
  std::string action;  // hide, restore, dismiss (flags set aside, comment shown), reopen (a dismissal undone)
  std::string reason;
  std::string moderator_role;
  std::string at;
  int64_t flags_resolved = 0;
  int source = 0;  // 0: a hide or restore act, 1: a flag dismissal or reopening, 2: an act on a free-text answer
  int64_t log_seq = 0;  // its entry in the event log; 0 when not known
  int64_t answer_id = 0;  // source 2: the answer and question whose text was acted on
  int64_t question_id = 0;
  std::string question{};  // source 2: the question's text
};

// A free-text answer as moderators see it, in the queue when flagged.
struct TextAnswer {
  int64_t answer_id = 0;
  int64_t question_id = 0;
  int64_t consultation_id = 0;
  std::string consultation_title;
  std::string question;
  std::string respondent;  // the per-consultation pseudonym
  std::string text;        // also when hidden: moderators read it to restore it
  bool hidden = false;
  std::string hidden_reason;
  std::string answered_at;
};

// The reasons a resident may give when flagging.
bool IsFlagReason(const std::string& reason);

}  // namespace samrad
