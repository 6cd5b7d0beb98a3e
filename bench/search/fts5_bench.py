#!/usr/bin/env python3
# The same corpus in an SQLite FTS5 table, the same queries: per query the
# total, the area facet (GROUP BY) and the top 20 by rank, as /api/v1/search
# answers them. Prints build rate and latency percentiles (no HTTP).
import json, sqlite3, sys, time

corpus, queries_path, db_path = sys.argv[1], sys.argv[2], sys.argv[3]
db = sqlite3.connect(db_path)
db.execute("DROP TABLE IF EXISTS docs")
db.execute("CREATE VIRTUAL TABLE docs USING fts5(title, summary, body, area UNINDEXED, language UNINDEXED)")
start = time.time()
with db:
    rows = (json.loads(l) for l in open(corpus, encoding="utf-8"))
    db.executemany("INSERT INTO docs VALUES(?,?,?,?,?)",
                   ((d["title"], d["summary"], d["body"], d["area"], d["language"]) for d in rows))
n = db.execute("SELECT count(*) FROM docs").fetchone()[0]
build = time.time() - start
queries = [q.strip() for q in open(queries_path, encoding="utf-8") if q.strip()]
lat = []
for q in queries:
    m = " ".join('"%s"' % w for w in q.split())  # all words, like the AND default
    t = time.perf_counter()
    db.execute("SELECT count(*) FROM docs WHERE docs MATCH ?", (m,)).fetchone()
    db.execute("SELECT area, count(*) FROM docs WHERE docs MATCH ? GROUP BY area", (m,)).fetchall()
    db.execute("SELECT rowid, snippet(docs, 2, '<mark>', '</mark>', '…', 20) FROM docs "
               "WHERE docs MATCH ? ORDER BY rank LIMIT 20", (m,)).fetchall()
    lat.append((time.perf_counter() - t) * 1000)
lat.sort()
pct = lambda p: lat[min(len(lat) - 1, int(p / 100 * len(lat)))]
print("fts5: %d docs built in %.1f s (%.0f docs/s); %d queries: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, %.0f queries/s (one thread)"
      % (n, build, n / build, len(lat), pct(50), pct(95), pct(99), len(lat) / (sum(lat) / 1000)))
