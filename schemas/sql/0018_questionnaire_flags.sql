-- 0018: free-text questionnaire answers moderated like comments: residents'
-- flags on an answer's text, and every moderation act on such a text (hide,
-- restore, dismiss, reopen) kept as a public record with the number of
-- flags it settled. Acts done before this migration (hide and restore from
-- the desk) are taken from the event log.
CREATE TABLE text_moderation_acts (
  id INTEGER PRIMARY KEY,
  answer_id INTEGER NOT NULL REFERENCES questionnaire_answers(id),
  question_id INTEGER NOT NULL REFERENCES questions(id),
  consultation_id INTEGER NOT NULL REFERENCES consultations(id),
  action TEXT NOT NULL CHECK (action IN ('hide','restore','dismiss','reopen')),
  reason TEXT NOT NULL,
  moderator_id INTEGER REFERENCES users(id),  -- kept internally; NULL for acts taken from the log
  moderator_role TEXT NOT NULL,
  at TEXT NOT NULL,
  flags_resolved INTEGER NOT NULL DEFAULT 0,
  log_seq INTEGER
);
CREATE INDEX text_moderation_acts_text ON text_moderation_acts(answer_id, question_id, id);

CREATE TABLE text_flags (
  id INTEGER PRIMARY KEY,
  answer_id INTEGER NOT NULL REFERENCES questionnaire_answers(id),
  question_id INTEGER NOT NULL REFERENCES questions(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  reason TEXT NOT NULL CHECK (reason IN ('spam','offensive','off_topic','personal_data')),
  note TEXT,                                            -- seen by moderators only
  created_at TEXT NOT NULL,
  resolved_by_act INTEGER REFERENCES text_moderation_acts(id),  -- a hide or restore
  dismissed_by INTEGER REFERENCES text_moderation_acts(id)      -- a dismissal
);
-- One open flag per user and text.
CREATE UNIQUE INDEX text_flags_open_per_user ON text_flags(answer_id, question_id, user_id)
  WHERE resolved_by_act IS NULL AND dismissed_by IS NULL;
CREATE INDEX text_flags_open ON text_flags(created_at, answer_id, question_id)
  WHERE resolved_by_act IS NULL AND dismissed_by IS NULL;

INSERT INTO text_moderation_acts(answer_id, question_id, consultation_id, action, reason, moderator_role, at, log_seq)
SELECT json_extract(e.payload, '$.answer_id'), json_extract(e.payload, '$.question_id'),
       json_extract(e.payload, '$.consultation_id'),
       CASE e.kind WHEN 'questionnaire.text_hidden' THEN 'hide' ELSE 'restore' END,
       json_extract(e.payload, '$.reason'), e.actor_role, e.at, e.seq
FROM events e WHERE e.kind IN ('questionnaire.text_hidden', 'questionnaire.text_restored') ORDER BY e.seq;
