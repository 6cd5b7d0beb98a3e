#!/usr/bin/env python3
"""The attacker of the tamper tests: with the data folder (and so the log
key) in hand, rewrites the payload of the first decision in the event log,
recomputes the hash chain after it, and throws the Merkle tree and every
checkpoint away, so that the next `samrad serve` rebuilds the tree and signs
a fresh checkpoint with the real key. Everything the server itself checks
then agrees. Usage: rewrite_history.py DATA_DIR"""
import hashlib, json, os, sqlite3, sys

db = sqlite3.connect(os.path.join(sys.argv[1], "samrad.db"))
for t in ["events_no_update", "events_no_delete", "tlog_nodes_no_update", "tlog_nodes_no_delete",
          "tlog_checkpoints_no_update", "tlog_checkpoints_no_delete"]:
    db.execute("DROP TRIGGER IF EXISTS " + t)
seq, payload = db.execute(
    "SELECT seq, payload FROM events WHERE kind LIKE 'decision.%' ORDER BY seq LIMIT 1").fetchone()
p = json.loads(payload)
p["outcome"] = "rejected" if p.get("outcome") != "rejected" else "approved"
db.execute("UPDATE events SET payload = ? WHERE seq = ?",
           (json.dumps(p, sort_keys=True, separators=(",", ":"), ensure_ascii=False), seq))
prev = db.execute("SELECT prev_hash FROM events WHERE seq = ?", (seq,)).fetchone()[0]
for row in db.execute("SELECT seq, at, kind, subject, actor_role, payload FROM events WHERE seq >= ? ORDER BY seq",
                      (seq,)).fetchall():
    entry = {"seq": row[0], "at": row[1], "kind": row[2], "subject": row[3], "actor_role": row[4],
             "payload": json.loads(row[5])}
    canonical = json.dumps(entry, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    h = hashlib.sha256((prev + canonical).encode("utf-8")).hexdigest()
    db.execute("UPDATE events SET prev_hash = ?, hash = ? WHERE seq = ?", (prev, h, row[0]))
    prev = h
db.execute("DELETE FROM tlog_cosignatures")
db.execute("DELETE FROM tlog_checkpoints")
db.execute("DELETE FROM tlog_nodes")
db.commit()
print("rewrote event", seq)
