-- The staff desk: flags dismissed without hiding (a public act with its
-- reason, beside hide and restore), the reason of each consultation
-- version after publication, and closing-date extensions.
CREATE TABLE flag_dismissals (
  id INTEGER PRIMARY KEY,
  comment_id INTEGER NOT NULL REFERENCES comments(id),
  consultation_id INTEGER NOT NULL REFERENCES consultations(id),
  action TEXT NOT NULL CHECK (action IN ('dismiss','reopen')),  -- reopen: a dismissal undone
  reason TEXT NOT NULL,
  moderator_id INTEGER NOT NULL REFERENCES users(id),  -- kept internally; the public sees the role
  moderator_role TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX flag_dismissals_comment ON flag_dismissals(comment_id, id);
ALTER TABLE flags ADD COLUMN dismissed_by INTEGER REFERENCES flag_dismissals(id);

ALTER TABLE consultation_versions ADD COLUMN reason TEXT;
