-- The notifier tells each person once per log entry: it looks up what an
-- entry already made for a user (and, when a comment is hidden, every row
-- quoting it) by the entry's seq.
CREATE INDEX notifications_event ON notifications(event_seq, user_id);
