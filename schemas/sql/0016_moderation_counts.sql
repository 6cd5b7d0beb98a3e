-- 0016: how many flags each moderation act settled (resolved by a hide or
-- restore, set aside by a dismissal, put back by a reopening), fixed when
-- the act is done: an undo later moves the same flags again without
-- changing what the earlier act did. Existing rows take the number their
-- entry in the event log recorded.
ALTER TABLE moderation_acts ADD COLUMN flags_resolved INTEGER;
ALTER TABLE flag_dismissals ADD COLUMN flags_resolved INTEGER;

UPDATE moderation_acts SET flags_resolved = (
  SELECT json_extract(e.payload, '$.flags_resolved') FROM events e
  WHERE e.subject = 'comment/' || moderation_acts.comment_id
    AND e.kind IN ('comment.hidden', 'comment.restored')
    AND json_extract(e.payload, '$.act_id') = moderation_acts.id);
UPDATE flag_dismissals SET flags_resolved = (
  SELECT json_extract(e.payload, '$.flags_resolved') FROM events e
  WHERE e.subject = 'comment/' || flag_dismissals.comment_id
    AND e.kind IN ('comment.flags_dismissed', 'comment.flags_reopened')
    AND json_extract(e.payload, '$.act_id') = flag_dismissals.id);
