#!/usr/bin/env python3
"""Bench and the open-data scale test: fills a Samråd database with one published consultation,
1,000 residents (a tenth with public names) and N comments (one in fifty
hidden with a reason), straight into the tables, so the comments export can
be timed at scale. The event log is not written: the export reads the
tables. Seeded, so every run makes the same data.
Usage: gen_comments.py DATA_DIR N [SEED]"""
import sys

from bench_common import open_bench

n, rng, words, db = open_bench()
at = "2027-01-01T00:00:00Z"
db.execute("INSERT INTO users(email, display_name, role, public_name, created_at) "
           "VALUES ('bench-official@example.se', 'Bench', 'official', 0, ?)", (at,))
official = db.execute("SELECT last_insert_rowid()").fetchone()[0]
db.execute("INSERT INTO consultations(title, summary, body, language, opens_at, closes_at, "
           "created_by, created_at, updated_at, published_at) VALUES ('Bench', 'Bench', 'Bench', "
           "'sv', ?, '2040-01-01T00:00:00Z', ?, ?, ?, ?)", (at, official, at, at, at))
consultation = db.execute("SELECT last_insert_rowid()").fetchone()[0]
first_user = None
for u in range(1000):
    db.execute("INSERT INTO users(email, display_name, role, public_name, created_at) "
               "VALUES (?, ?, 'resident', ?, ?)",
               ("bench%d@example.se" % u, "Invånare Nummer %d" % u, 1 if u % 10 == 0 else 0, at))
    if first_user is None:
        first_user = db.execute("SELECT last_insert_rowid()").fetchone()[0]
batch = []
for i in range(n):
    created = "2027-%02d-%02dT%02d:%02d:%02dZ" % (1 + i * 12 // n, 1 + i % 28, i % 24, i % 60, (i * 7) % 60)
    body = " ".join(rng.choice(words) for _ in range(rng.randint(8, 40)))
    hidden = 1 if i % 50 == 0 else 0
    batch.append((consultation, first_user + rng.randrange(1000), body, "%032x" % i, created,
                  hidden, "Personuppgifter" if hidden else None, rng.getrandbits(62)))
    if len(batch) == 50000:
        db.executemany("INSERT INTO comments(consultation_id, author_id, body, body_salt, created_at, "
                       "hidden, hidden_reason, body_key) VALUES (?,?,?,?,?,?,?,?)", batch)
        batch.clear()
db.executemany("INSERT INTO comments(consultation_id, author_id, body, body_salt, created_at, "
               "hidden, hidden_reason, body_key) VALUES (?,?,?,?,?,?,?,?)", batch)
db.commit()
print("comments:", db.execute("SELECT COUNT(*) FROM comments").fetchone()[0])
