#!/usr/bin/env python3
"""Appends N generated entries to the event log of a Samråd data folder,
continuing its hash chain exactly as the server would (so verify-log still
passes). Seeded, so every run makes the same data.
Usage: gen_events.py DATA_DIR N [SEED]"""
import hashlib, json, sys

from bench_common import open_bench

n, rng, words, db = open_bench()
row = db.execute("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1").fetchone()
seq, prev = row if row else (0, "0" * 64)
kinds = ["comment.posted", "comment.supported", "consultation.updated", "comment.hidden"]
batch = []
for i in range(n):
    seq += 1
    at = "2027-%02d-%02dT%02d:%02d:%02dZ" % (1 + i * 12 // n, 1 + i % 28, i % 24, i % 60, (i * 7) % 60)
    kind = rng.choice(kinds)
    payload = {"consultation_id": rng.randint(1, 500), "id": seq,
               "body_sha256": hashlib.sha256(str(i).encode()).hexdigest(),
               "summary": " ".join(rng.choice(words) for _ in range(6))}
    entry = {"seq": seq, "at": at, "kind": kind, "subject": "comment/%d" % seq,
             "actor_role": "resident", "payload": payload}
    canonical = json.dumps(entry, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    h = hashlib.sha256((prev + canonical).encode("utf-8")).hexdigest()
    batch.append((seq, at, kind, entry["subject"], "resident",
                  json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False), prev, h))
    prev = h
    if len(batch) == 50000:
        db.executemany("INSERT INTO events VALUES (?,?,?,?,?,?,?,?)", batch); batch.clear()
db.executemany("INSERT INTO events VALUES (?,?,?,?,?,?,?,?)", batch)
db.commit()
print("events now end at seq", seq)
