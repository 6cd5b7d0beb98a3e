-- 0001: accounts, sessions, consultations with versions and sections, and
-- the hash-chained event log.
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  email TEXT UNIQUE,                 -- lower-cased; NULL once the account is deleted
  password_hash TEXT,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('resident','moderator','official','admin')),
  public_name INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  deleted_at TEXT
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,       -- SHA-256 of the bearer token; the token itself is never stored
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE consultations (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  summary TEXT NOT NULL,
  body TEXT NOT NULL,
  language TEXT NOT NULL,
  area TEXT,
  tags TEXT NOT NULL DEFAULT '[]',   -- JSON array, mirrored in consultation_tags
  opens_at TEXT NOT NULL,
  closes_at TEXT NOT NULL,
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  published_at TEXT,
  decided_at TEXT,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX consultations_area ON consultations(area, id);
CREATE INDEX consultations_closes ON consultations(closes_at, id);

CREATE TABLE consultation_tags (
  consultation_id INTEGER NOT NULL REFERENCES consultations(id),
  tag TEXT NOT NULL,
  PRIMARY KEY (tag, consultation_id)
) WITHOUT ROWID;

CREATE TABLE sections (
  id INTEGER PRIMARY KEY,
  consultation_id INTEGER NOT NULL REFERENCES consultations(id),
  position INTEGER NOT NULL,
  heading TEXT NOT NULL,
  body TEXT NOT NULL,
  removed INTEGER NOT NULL DEFAULT 0 -- left out by an edit; kept for comments that point at it
);
CREATE INDEX sections_consultation ON sections(consultation_id, position);

CREATE TABLE consultation_versions (
  consultation_id INTEGER NOT NULL REFERENCES consultations(id),
  version INTEGER NOT NULL,
  snapshot TEXT NOT NULL,            -- the consultation's fields as JSON at that version
  changed_at TEXT NOT NULL,
  changed_by INTEGER NOT NULL REFERENCES users(id),
  PRIMARY KEY (consultation_id, version)
);

CREATE TABLE events (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  kind TEXT NOT NULL,
  subject TEXT NOT NULL,
  actor_role TEXT NOT NULL,
  payload TEXT NOT NULL,             -- canonical JSON
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX events_subject ON events(subject, seq);
