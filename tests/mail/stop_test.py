#!/usr/bin/python3
"""Stopping the server while an SMTP transfer hangs: the SMTP server takes
the message's DATA and never answers. SIGTERM still stops `samrad serve`
(the transfer is interrupted instead of running into its 120 s timeout),
the message stays queued, /metrics shows how long it has waited, and after
a restart it is delivered once.
Usage: stop_test.py SAMRAD_BINARY"""
import os, re, subprocess, sys, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mailtest import Samrad, Sink, check, finish, for_recipient, wait_for  # noqa: E402

binary = sys.argv[1]
sink = Sink("--stall-first")
s = Samrad(binary, "--smtp-url", sink.url).start()
user = s.add_user("vantar@example.se")
s.notify(user, "consultation_decision", {
    "event_kind": "decision.published", "consultation_title": "Ny skolgård i Björkby", "decision_id": 1,
    "decision_title": "Skolgården byggs om", "body_name": "Barn- och utbildningsnämnden"}, link="/decisions")
check(wait_for(lambda: os.path.exists(os.path.join(sink.dir, "stalled"))), "the SMTP server holds the message's DATA")


def gauge(name):
    m = re.search(r"^%s (\S+)$" % name, s.get("/metrics")[1], re.M)
    return float(m.group(1)) if m else None


check(wait_for(lambda: (gauge("samrad_mail_oldest_unsent_seconds") or 0) >= 2, 30),
      "/metrics: the oldest unsent message's age grows (%s s)" % gauge("samrad_mail_oldest_unsent_seconds"))
check(gauge("samrad_mail_retrying") == 1, "and it is counted as in hand")
s.p.terminate()
try:
    code = s.p.wait(timeout=20)
except subprocess.TimeoutExpired:
    code = None
check(code == 0, "SIGTERM stops the server although the transfer hangs (exit %s)" % code)
if code is None:
    s.p.kill()
    s.p.wait()
rows = s.outbox()
check(len(rows) == 1 and rows[0][2] == "queued" and rows[0][3] == 0,
      "the message is queued for the next start, the interrupted attempt not counted: %r" % (rows,))
check(sink.files() == [], "nothing was delivered yet")

s.start()
got = wait_for(lambda: for_recipient(sink.messages(), "vantar@example.se"))
check(len(got) == 1, "after the restart it is delivered")
check(wait_for(lambda: s.outbox("state = 'sent'")), "and marked sent")
check(wait_for(lambda: gauge("samrad_mail_oldest_unsent_seconds") == 0), "/metrics: nothing waits any more")
time.sleep(1)
check(len(sink.files()) == 1, "exactly once")
s.stop()
sink.stop()
finish()
