#!/usr/bin/python3
"""Delivery half of bench/mail_bench.sh: N notifications (one per recipient,
as a decision's fan-out leaves them) composed into the outbox and delivered
by `samrad serve --smtp-url` to a local aiosmtpd sink; beside it, in the same
run, Python's smtplib sending N ready messages over one connection to the
same sink (the sink's own ceiling).
Usage: mail_delivery_bench.py SAMRAD_BINARY [N]"""
import os, smtplib, sys, time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "mail"))
from mailtest import Samrad, Sink  # noqa: E402

binary = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 10000

# Reference: the sink alone, one connection, the same message size.
sink = Sink()
body = ("Subject: Beslut i samr=C3=A5det\r\nFrom: noreply@localhost\r\nTo: x@example.se\r\n\r\n"
        + ("x" * 74 + "\r\n") * 40)
t = time.time()
with smtplib.SMTP("127.0.0.1", sink.port) as smtp:
    for i in range(n):
        smtp.sendmail("noreply@localhost", ["ref%05d@example.se" % i], body)
ref_rate = n / (time.time() - t)
sink.stop()

sink = Sink()
s = Samrad(binary, "--smtp-url", sink.url)
s.start()
s.stop()
with s.db() as c:
    c.executemany("INSERT INTO users (email, display_name, role, created_at) VALUES (?, 'Följare', 'resident',"
                  " '2026-12-03T00:00:00Z')", [("foljare%05d@example.se" % i,) for i in range(n)])
    ids = [r[0] for r in c.execute("SELECT id FROM users WHERE email LIKE 'foljare%' ORDER BY id")]
    data = ('{"event_kind":"decision.published","consultation_title":"Ny skolgård i Björkby","decision_id":1,'
            '"decision_title":"Skolgården byggs om","body_name":"Barn- och utbildningsnämnden"}')
    c.executemany("INSERT INTO notifications (user_id, event_seq, kind, link, data, created_at) VALUES"
                  " (?, 42, 'consultation_decision', '/decisions/1', ?, '2026-12-03T00:00:00Z')",
                  [(u, data) for u in ids])
start = time.time()
s.start()
queued_at = first_at = None
marks = {}
while True:
    files = len(sink.files())
    now = time.time()
    if queued_at is None and s.db().execute("SELECT count(*) FROM mail_outbox").fetchone()[0] >= n:
        queued_at = now
    if first_at is None and files > 0:
        first_at = now
    for frac in (0.1, 0.9):
        if frac not in marks and files >= frac * n:
            marks[frac] = now
    if files >= n or now - start > 600:
        break
    time.sleep(0.05)
done = time.time()
s.stop()
sink.stop()
steady = 0.8 * n / (marks[0.9] - marks[0.1]) if 0.9 in marks else 0
print("notifications composed into the outbox: %d in %.2f s (%.0f/s)" % (n, queued_at - start, n / (queued_at - start)))
print("delivered: %d of %d in %.2f s from start: %.0f messages/s overall, %.0f/s between 10%% and 90%%"
      % (files, n, done - start, files / (done - start), steady))
print("connections the sink saw: %d" % sink.connections())
print("reference, smtplib over one connection to the same sink: %.0f messages/s" % ref_rate)
print("ratio to the reference: %.2f" % (steady / ref_rate))
