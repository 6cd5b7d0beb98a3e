-- 0015: each comment, moderation act and flag dismissal names its entry in
-- the event log (the entry that posted the comment's current version, or
-- that recorded the act), so that pages and the API link the entry and its
-- proof without a lookup per item. Existing rows are filled from the log.
ALTER TABLE comments ADD COLUMN log_seq INTEGER;
ALTER TABLE moderation_acts ADD COLUMN log_seq INTEGER;
ALTER TABLE flag_dismissals ADD COLUMN log_seq INTEGER;

UPDATE comments SET log_seq = (
  SELECT MAX(e.seq) FROM events e
  WHERE e.subject = 'comment/' || comments.id AND e.kind IN ('comment.posted', 'comment.edited'));
UPDATE moderation_acts SET log_seq = (
  SELECT MAX(e.seq) FROM events e
  WHERE e.subject = 'comment/' || moderation_acts.comment_id
    AND e.kind IN ('comment.hidden', 'comment.restored')
    AND json_extract(e.payload, '$.act_id') = moderation_acts.id);
UPDATE flag_dismissals SET log_seq = (
  SELECT MAX(e.seq) FROM events e
  WHERE e.subject = 'comment/' || flag_dismissals.comment_id
    AND e.kind IN ('comment.flags_dismissed', 'comment.flags_reopened')
    AND json_extract(e.payload, '$.act_id') = flag_dismissals.id);

-- The size of the tree each witness (by its key name) holds, as far as the
-- log knows: learned from its cosignatures and its 409 answers, so that a
-- restarted log sends the right old size at once.
CREATE TABLE tlog_witness_sizes (
  witness TEXT PRIMARY KEY,
  size INTEGER NOT NULL,
  at TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO tlog_witness_sizes(witness, size, at)
  SELECT witness, MAX(size), MAX(at) FROM tlog_cosignatures GROUP BY witness;
