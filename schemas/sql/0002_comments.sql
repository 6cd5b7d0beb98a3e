-- 0002: comment threads with versions, reactions, flags, public moderation
-- acts, a per-consultation comment counter and the pseudonym secret.
CREATE TABLE comments (
  id INTEGER PRIMARY KEY,
  consultation_id INTEGER NOT NULL REFERENCES consultations(id),
  parent_id INTEGER REFERENCES comments(id),   -- NULL for a top-level comment
  section_id INTEGER REFERENCES sections(id),
  author_id INTEGER NOT NULL REFERENCES users(id),
  official INTEGER NOT NULL DEFAULT 0,         -- the author was an official when posting
  body TEXT NOT NULL,                          -- the current version
  body_salt TEXT NOT NULL,                     -- salt of the current version's digest in the log
  created_at TEXT NOT NULL,
  edited_at TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  support INTEGER NOT NULL DEFAULT 0,
  oppose INTEGER NOT NULL DEFAULT 0,
  reply_count INTEGER NOT NULL DEFAULT 0,      -- direct replies
  hidden INTEGER NOT NULL DEFAULT 0,
  hidden_reason TEXT,
  flagged_at TEXT,                             -- oldest unresolved flag; NULL when none
  body_key INTEGER NOT NULL                    -- 64 bits of SHA-256(first body): finds duplicates
);
-- Keyset orders of a thread: by id (oldest/newest) and by support.
CREATE INDEX comments_thread ON comments(consultation_id, parent_id, id);
CREATE INDEX comments_supported ON comments(consultation_id, parent_id, support DESC, id);
CREATE INDEX comments_replies ON comments(parent_id, id);
CREATE INDEX comments_duplicates ON comments(author_id, body_key, created_at);
CREATE INDEX comments_flagged ON comments(flagged_at, id) WHERE flagged_at IS NOT NULL;

CREATE TABLE comment_versions (
  comment_id INTEGER NOT NULL REFERENCES comments(id),
  version INTEGER NOT NULL,
  body TEXT NOT NULL,
  body_salt TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (comment_id, version)
) WITHOUT ROWID;

CREATE TABLE reactions (
  comment_id INTEGER NOT NULL REFERENCES comments(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  kind TEXT NOT NULL CHECK (kind IN ('support','oppose')),
  created_at TEXT NOT NULL,
  PRIMARY KEY (comment_id, user_id)
) WITHOUT ROWID;

CREATE TABLE flags (
  id INTEGER PRIMARY KEY,
  comment_id INTEGER NOT NULL REFERENCES comments(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  reason TEXT NOT NULL CHECK (reason IN ('spam','offensive','off_topic','personal_data')),
  note TEXT,
  created_at TEXT NOT NULL,
  resolved_by_act INTEGER REFERENCES moderation_acts(id),
  UNIQUE (comment_id, user_id)
);
CREATE INDEX flags_open ON flags(comment_id, id) WHERE resolved_by_act IS NULL;

CREATE TABLE moderation_acts (
  id INTEGER PRIMARY KEY,
  comment_id INTEGER NOT NULL REFERENCES comments(id),
  consultation_id INTEGER NOT NULL REFERENCES consultations(id),
  action TEXT NOT NULL CHECK (action IN ('hide','restore')),
  reason TEXT NOT NULL,
  moderator_id INTEGER NOT NULL REFERENCES users(id),  -- kept internally; the public sees the role
  moderator_role TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX moderation_acts_comment ON moderation_acts(comment_id, id);

ALTER TABLE consultations ADD COLUMN comment_count INTEGER NOT NULL DEFAULT 0;

-- Server secrets made once per database (never leave it, never logged).
CREATE TABLE secrets (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO secrets(name, value) VALUES ('pseudonym', lower(hex(randomblob(32))));
