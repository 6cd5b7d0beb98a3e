-- Notifications: what residents are told (on the site and by e-mail), what
-- anyone follows, and the outbox that delivers e-mail exactly once.

-- Kinds a user has switched off (absent row: on, the default).
CREATE TABLE notification_prefs (
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,          -- reply, official_answer, decision_answer, consultation_decision,
                               -- consultation_extended, consultation_closed, comment_hidden
  email INTEGER NOT NULL DEFAULT 1,  -- 0: shown on the site only
  enabled INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (user_id, kind)
);

-- What someone follows: a signed-in user, or an e-mail address without an
-- account (double opt-in: nothing is sent before confirmed_at is set; the
-- row, address included, is deleted on unsubscribe).
CREATE TABLE subscriptions (
  id INTEGER PRIMARY KEY,
  user_id INTEGER REFERENCES users(id) ON DELETE CASCADE,
  email TEXT,                  -- lower-cased; only when user_id is NULL
  target_kind TEXT NOT NULL CHECK (target_kind IN ('consultation','body','dataset','search')),
  target TEXT NOT NULL,        -- consultation id, deciding body, dataset name, search query string
  frequency TEXT NOT NULL DEFAULT 'immediate' CHECK (frequency IN ('immediate','daily','weekly')),
  lang TEXT NOT NULL DEFAULT 'sv' CHECK (lang IN ('sv','en')),
  confirm_hash TEXT,           -- SHA-256 hex of the confirmation token (e-mail subscriptions)
  confirmed_at TEXT,           -- set at creation for users
  created_at TEXT NOT NULL,
  CHECK ((user_id IS NULL) <> (email IS NULL))
);
CREATE UNIQUE INDEX subscriptions_user_target ON subscriptions(user_id, target_kind, target) WHERE user_id IS NOT NULL;
CREATE UNIQUE INDEX subscriptions_email_target ON subscriptions(email, target_kind, target) WHERE email IS NOT NULL;
CREATE INDEX subscriptions_target ON subscriptions(target_kind, target);

-- One row per thing someone is told about. Users see theirs on
-- /me/notifications; e-mail goes through the outbox, at once or in a digest.
CREATE TABLE notifications (
  id INTEGER PRIMARY KEY,
  user_id INTEGER REFERENCES users(id) ON DELETE CASCADE,
  subscription_id INTEGER REFERENCES subscriptions(id) ON DELETE CASCADE,
  event_seq INTEGER NOT NULL,  -- the log entry that caused it
  kind TEXT NOT NULL,
  consultation_id INTEGER,
  link TEXT NOT NULL,          -- site path to the exact comment, decision ...
  data TEXT NOT NULL,          -- JSON: what the message says (titles, excerpts, reasons)
  created_at TEXT NOT NULL,
  read_at TEXT,
  mailed INTEGER NOT NULL DEFAULT 0,  -- 0 waiting for e-mail (immediate or digest), 1 queued, 2 not mailed
  CHECK (user_id IS NOT NULL OR subscription_id IS NOT NULL)
);
CREATE UNIQUE INDEX notifications_once ON notifications(ifnull(user_id, 0), ifnull(subscription_id, 0), event_seq, kind);
CREATE INDEX notifications_user ON notifications(user_id, id);
CREATE INDEX notifications_unmailed ON notifications(mailed, id) WHERE mailed = 0;

-- How far each follower of the log has come (name: 'notifier', 'websub').
CREATE TABLE log_cursors (
  name TEXT PRIMARY KEY,
  seq INTEGER NOT NULL
);

-- E-mail to send. message_id is derived from (recipient, cause), so the same
-- message is never queued twice and a resend is recognisable.
CREATE TABLE mail_outbox (
  id INTEGER PRIMARY KEY,
  message_id TEXT NOT NULL UNIQUE,
  recipient TEXT NOT NULL,
  lang TEXT NOT NULL,
  subject TEXT NOT NULL,
  text_body TEXT NOT NULL,
  html_body TEXT NOT NULL,
  unsubscribe_url TEXT,        -- List-Unsubscribe (one-click by POST)
  created_at TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued','sending','sent','failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  last_error TEXT,
  sent_at TEXT
);
CREATE INDEX mail_outbox_due ON mail_outbox(state, next_attempt_at);
CREATE INDEX mail_outbox_recipient ON mail_outbox(recipient, created_at);

-- The key of the links in e-mail (unsubscribe without signing in).
INSERT INTO secrets(name, value) VALUES ('mail', lower(hex(randomblob(32))));
