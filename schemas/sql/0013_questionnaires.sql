-- 0013: questionnaires in consultations: questions with kept versions,
-- residents' answers with kept versions, and whether results show while open.
CREATE TABLE questions (
  id INTEGER PRIMARY KEY,
  consultation_id INTEGER NOT NULL REFERENCES consultations(id),
  section_id INTEGER REFERENCES sections(id),
  position INTEGER NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('single','multiple','scale','ranking','text')),
  text TEXT NOT NULL,
  options TEXT NOT NULL DEFAULT '[]',   -- JSON array of labels (single, multiple, ranking)
  max_choices INTEGER,                  -- multiple: at most this many ticked
  scale_max INTEGER,                    -- scale: 5 or 10 (from 1)
  low_label TEXT NOT NULL DEFAULT '',   -- scale: what 1 means
  high_label TEXT NOT NULL DEFAULT '',  -- scale: what scale_max means
  max_length INTEGER,                   -- text: at most this many characters
  required INTEGER NOT NULL DEFAULT 0,
  version INTEGER NOT NULL DEFAULT 1,
  removed INTEGER NOT NULL DEFAULT 0    -- removed after opening: kept for its answers
);
CREATE INDEX questions_consultation ON questions(consultation_id, removed, position);

-- Every version of a question as it was asked, and why it changed.
CREATE TABLE question_versions (
  question_id INTEGER NOT NULL REFERENCES questions(id),
  version INTEGER NOT NULL,
  definition TEXT NOT NULL,             -- JSON: the question's content fields
  reason TEXT,                          -- NULL for the first version and draft edits
  created_at TEXT NOT NULL,
  PRIMARY KEY (question_id, version)
) WITHOUT ROWID;

-- One answer per resident and consultation; each change is a new version.
CREATE TABLE questionnaire_answers (
  id INTEGER PRIMARY KEY,
  consultation_id INTEGER NOT NULL REFERENCES consultations(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  version INTEGER NOT NULL DEFAULT 1,   -- the version that counts
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  withdrawn_at TEXT,                    -- withdrawn: counts nowhere, versions kept
  UNIQUE (consultation_id, user_id)
);

-- The items of every answer version, one per question answered. value is
-- JSON: an array of option labels (single, multiple; ranking in rank order),
-- a number (scale) or a string (text, with text_salt for the log's digest).
CREATE TABLE questionnaire_answer_items (
  answer_id INTEGER NOT NULL REFERENCES questionnaire_answers(id),
  answer_version INTEGER NOT NULL,
  question_id INTEGER NOT NULL REFERENCES questions(id),
  question_version INTEGER NOT NULL,
  value TEXT NOT NULL,
  text_salt TEXT,
  hidden INTEGER NOT NULL DEFAULT 0,    -- free text hidden by a moderator
  hidden_reason TEXT,
  PRIMARY KEY (answer_id, answer_version, question_id)
) WITHOUT ROWID;
CREATE INDEX questionnaire_items_question ON questionnaire_answer_items(question_id);

-- Whether anyone sees the results while the consultation is open, or only
-- after it closes (officials always do).
CREATE TABLE questionnaire_settings (
  consultation_id INTEGER PRIMARY KEY REFERENCES consultations(id),
  results_visibility TEXT NOT NULL DEFAULT 'after_close'
    CHECK (results_visibility IN ('during','after_close'))
);
