-- 0012: the WebSub hub (W3C Recommendation). Subscribers of this site's own
-- feeds, the requests waiting for verification of intent, and the queue of
-- content distributions, fed from the event log (log_cursors row 'websub').

-- A subscription is active from the moment its subscriber confirmed it
-- (verification of intent) until expires_at (epoch seconds) or a confirmed
-- unsubscribe. One per (topic, callback): subscribing again renews the lease.
CREATE TABLE websub_subscriptions (
  id INTEGER PRIMARY KEY,
  topic TEXT NOT NULL,         -- the feed's self URL, as the subscriber gave it
  callback TEXT NOT NULL,
  secret TEXT,                 -- hub.secret: the HMAC key of X-Hub-Signature; NULL: none
  lease_seconds INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  verified_at TEXT NOT NULL,
  failed_deliveries INTEGER NOT NULL DEFAULT 0,  -- given up after every retry
  last_error TEXT,
  UNIQUE (topic, callback)
);
CREATE INDEX websub_subscriptions_expiry ON websub_subscriptions(expires_at);

-- Subscribe and unsubscribe requests accepted (202) and not verified yet.
-- A request changes nothing until the callback echoes its challenge.
CREATE TABLE websub_requests (
  id INTEGER PRIMARY KEY,
  mode TEXT NOT NULL CHECK (mode IN ('subscribe', 'unsubscribe')),
  topic TEXT NOT NULL,
  callback TEXT NOT NULL,
  secret TEXT,
  lease_seconds INTEGER NOT NULL,
  created_at TEXT NOT NULL
);

-- The ETag of each subscribed topic's document when it was last compared: a
-- delivery is queued only when the document really changed.
CREATE TABLE websub_topics (
  topic TEXT PRIMARY KEY,
  etag TEXT NOT NULL
);

-- Content distributions waiting to be sent. At most one per subscription:
-- it carries the topic's document as it is when sent, so several changes
-- before a (re)try make one delivery.
CREATE TABLE websub_deliveries (
  id INTEGER PRIMARY KEY,
  subscription_id INTEGER NOT NULL REFERENCES websub_subscriptions(id) ON DELETE CASCADE,
  event_seq INTEGER NOT NULL,  -- the newest log entry that changed the topic
  created_at TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,  -- epoch seconds
  last_error TEXT
);
CREATE UNIQUE INDEX websub_deliveries_one ON websub_deliveries(subscription_id);
CREATE INDEX websub_deliveries_due ON websub_deliveries(next_attempt_at);
