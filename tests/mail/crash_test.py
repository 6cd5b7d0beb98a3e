#!/usr/bin/python3
"""A fan-out of 1,000 messages, the server killed with SIGKILL in the middle
of delivering them and started again: every recipient gets exactly one
Message-ID, and a message arrives twice only within the idempotency window:
the messages delivered but not yet durably marked sent when the process
died, at most MailSender::kMaxUnmarked (8).
Usage: crash_test.py SAMRAD_BINARY"""
import collections, os, signal, sys, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mailtest import Samrad, Sink, check, finish, wait_for  # noqa: E402

binary = sys.argv[1]
N = 1000
sink = Sink()
s = Samrad(binary, "--smtp-url", sink.url)
s.start()
s.stop()  # the schema exists now; the fan-out is written while the server is down
users = [s.add_user("foljare%04d@example.se" % i) for i in range(N)]
with s.db() as c:
    for u in users:
        c.execute("INSERT INTO notifications (user_id, event_seq, kind, link, data, created_at) VALUES (?, 42,"
                  " 'consultation_decision', '/decisions', ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
                  (u, '{"event_kind":"decision.published","consultation_title":"Ny skolgård i Björkby",'
                      '"decision_id":1,"decision_title":"Skolgården byggs om","body_name":"Barn- och utbildningsnämnden"}'))

s.start()
check(wait_for(lambda: len(sink.files()) >= 250, 120, 0.005), "delivery is under way")
s.stop(signal.SIGKILL)
before = len(sink.files())
print("killed after %d messages had arrived" % before)
check(before < N, "the server died before the fan-out was done")
s.start()
wait_for(lambda: len(sink.files()) >= N, 180)
time.sleep(1)
s.stop()
sink.stop()

by_recipient = collections.defaultdict(set)
deliveries = collections.Counter()
for m in sink.messages():
    by_recipient[m["To"]].add(m["Message-ID"])
    deliveries[m["Message-ID"]] += 1
check(len(by_recipient) == N, "every one of the %d recipients got the message (%d)" % (N, len(by_recipient)))
check(all(len(ids) == 1 for ids in by_recipient.values()), "each recipient got exactly one Message-ID")
duplicates = sum(n - 1 for n in deliveries.values())
print("duplicate deliveries: %d" % duplicates)
WINDOW = 8  # server/mail/mail_sender.h: kMaxUnmarked
check(duplicates <= WINDOW, "only messages within the window of %d were delivered twice (%d)" % (WINDOW, duplicates))
rows = s.outbox("state <> 'sent'")
check(rows == [], "the outbox holds nothing unsent")
finish()
