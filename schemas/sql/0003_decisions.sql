-- 0003: decisions, append-only. A decision is a series of versions; nothing
-- is updated or deleted (triggers refuse it), amendments add a version.
CREATE TABLE decisions (
  id INTEGER PRIMARY KEY,
  created_at TEXT NOT NULL,
  created_by INTEGER NOT NULL REFERENCES users(id)
);

CREATE TABLE decision_versions (
  decision_id INTEGER NOT NULL REFERENCES decisions(id),
  version INTEGER NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  body_name TEXT NOT NULL,          -- the deciding body, e.g. Kommunstyrelsen
  reference TEXT NOT NULL,          -- diarienummer
  decided_at TEXT NOT NULL,
  outcome TEXT NOT NULL,
  votes TEXT,                       -- JSON {for, against, abstain, absent, roll_call?}
  consultation_ids TEXT NOT NULL DEFAULT '[]',
  answers_comment_ids TEXT NOT NULL DEFAULT '[]',
  reason TEXT,                      -- why this amendment was made (NULL for version 1)
  changes TEXT,                     -- JSON {field: {from, to}} against the version before
  published_at TEXT NOT NULL,
  published_by INTEGER NOT NULL REFERENCES users(id),
  log_seq INTEGER NOT NULL,
  entry_hash TEXT NOT NULL,
  PRIMARY KEY (decision_id, version)
);
CREATE INDEX decision_versions_list ON decision_versions(decided_at, decision_id);

-- Links of each version, for "you said, we did" lookups.
CREATE TABLE decision_links (
  decision_id INTEGER NOT NULL,
  version INTEGER NOT NULL,
  consultation_id INTEGER NOT NULL REFERENCES consultations(id),
  PRIMARY KEY (consultation_id, decision_id, version)
) WITHOUT ROWID;

CREATE TABLE decision_answers (
  decision_id INTEGER NOT NULL,
  version INTEGER NOT NULL,
  comment_id INTEGER NOT NULL,
  PRIMARY KEY (comment_id, decision_id, version)
) WITHOUT ROWID;

CREATE TRIGGER decision_versions_no_update BEFORE UPDATE ON decision_versions
BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;
CREATE TRIGGER decision_versions_no_delete BEFORE DELETE ON decision_versions
BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;
CREATE TRIGGER decisions_no_delete BEFORE DELETE ON decisions
BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
