#!/usr/bin/python3
"""E-mail delivery end to end against a real SMTP server (aiosmtpd): a
notification becomes one multipart/alternative message with an encoded
Swedish subject, Date, Message-ID, List-Unsubscribe (one-click) and links
that answer; many messages share one connection; a 550 ends in 'failed'
without retries, shown by `samrad mail-queue` and /metrics, and --retry
queues it again; past --mail-per-hour the rest wait for the daily digest
(Swedish time); without --smtp-url each message is a file in DATA/maildir/new.
Usage: delivery_test.py SAMRAD_BINARY"""
import email.utils, html.parser, os, re, sys, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mailtest import Samrad, Sink, check, finish, for_recipient, parts, read_message, wait_for  # noqa: E402

binary = sys.argv[1]
SUBJECT = "Kommunen har svarat på din kommentar om ”Cykelbana längs Älvgatan”"


class Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs.append(dict(attrs).get("href"))


def official_answer(s, user, consultation_id):
    return s.notify(user, "official_answer", {
        "event_kind": "comment.posted", "consultation_title": "Cykelbana längs Älvgatan",
        "comment_id": 7, "parent_id": 6, "excerpt": "Vi bygger cykelbanan under 2027 – tack för synpunkten!",
        "author": "Stadsbyggnadskontoret", "author_kind": "public", "official": True,
        "your_excerpt": "Bygg cykelbanan på östra sidan."}, consultation_id, "/consultations/%d" % consultation_id)


def smtp_delivery():
    sink = Sink("--reject", "studsar@example.se", "--tempfail", "senare@example.se")
    s = Samrad(binary, "--smtp-url", sink.url).start()
    s.run("demo-data", "--data", s.data)
    with s.db() as c:
        cid = c.execute("SELECT min(id) FROM consultations WHERE published_at IS NOT NULL").fetchone()[0]
    anna = s.add_user("anna@example.se", "Anna")
    official_answer(s, anna, cid)
    msgs = wait_for(lambda: for_recipient(sink.messages(), "anna@example.se"))
    check(len(msgs) == 1, "the resident gets one message")
    if not msgs:
        return s, sink
    m = msgs[0]
    check(str(m["Subject"]) == SUBJECT, "the encoded subject decodes to the Swedish text: " + str(m["Subject"]))
    raw = open(sink.files()[0], "rb").read()
    check(b"Subject: =?UTF-8?B?" in raw, "the subject travels as RFC 2047 encoded words")
    check(all(len(line) <= 998 for line in raw.split(b"\r\n")), "no line is over 998 octets")
    check(m["From"].addresses[0].display_name == "Samråd" and m["From"].addresses[0].domain == "localhost",
          "From: Samråd <noreply@...>: " + str(m["From"]))
    check(re.fullmatch(r"<[0-9a-f]{32}@127\.0\.0\.1>", m["Message-ID"] or "") is not None,
          "Message-ID derived from recipient and cause: " + str(m["Message-ID"]))
    check(email.utils.parsedate_to_datetime(m["Date"]) is not None, "Date is an RFC 5322 date: " + m["Date"])
    check(m["Auto-Submitted"] == "auto-generated", "Auto-Submitted: auto-generated")
    unsub = m["List-Unsubscribe"] or ""
    check(re.fullmatch(r"<%s/unsubscribe\?t=[A-Za-z0-9_-]+\.[0-9a-f]{32}>" % re.escape(s.url), unsub) is not None,
          "List-Unsubscribe names a signed one-click link: " + unsub)
    check(m["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click", "List-Unsubscribe-Post (RFC 8058)")
    check(m.get_content_type() == "multipart/alternative", "multipart/alternative")
    text, page = parts(m)
    check(text is not None and page is not None, "a text/plain and a text/html part")
    for part in m.iter_parts():
        check(part.get_content_charset() == "utf-8", "the %s part is UTF-8" % part.get_content_type())
    check("Vi bygger cykelbanan under 2027 – tack för synpunkten!" in text, "the text part quotes the answer")
    check("Din kommentar: Bygg cykelbanan på östra sidan." in text, "and the recipient's own comment")
    check("Vi bygger cykelbanan under 2027 – tack för synpunkten!" in page, "the HTML part quotes the answer")
    check('<html lang="sv">' in page, "the HTML part is in Swedish")
    links = Links()
    links.feed(page)
    hrefs = [h for h in links.hrefs if h]
    check(s.url + "/consultations/%d" % cid in hrefs, "the HTML links back to the consultation")
    for h in hrefs:
        check(h.startswith(s.url + "/"), "links are absolute: " + h)
        if "/unsubscribe" in h:
            continue  # the subscriptions pages answer it; checked in their suite
        status, _ = s.get(h)
        check(status == 200, "link answers 200: %s (%d)" % (h, status))
    check(s.url + "/consultations/%d" % cid in text, "the text part carries the same link")

    # Many messages, one connection (libcurl keeps it between messages).
    before = sink.connections()
    users = [s.add_user("boende%d@example.se" % i) for i in range(20)]
    for u in users:
        official_answer(s, u, cid)
    boende = lambda: [m for m in sink.messages() if m["To"].startswith("boende")]
    wait_for(lambda: len(boende()) >= 20)
    check(len(boende()) == 20, "twenty more messages arrive")
    check(sink.connections() - before <= 2, "they share a connection (%d new)" % (sink.connections() - before))

    # A permanent refusal: failed at once, no retries, visible to the admin.
    bounce = s.add_user("studsar@example.se")
    official_answer(s, bounce, cid)
    rows = wait_for(lambda: [r for r in s.outbox("recipient = 'studsar@example.se'") if r[2] == "failed"])
    check(len(rows) == 1 and rows[0][3] == 1 and "550" in (rows[0][4] or ""),
          "550 ends in state failed after one attempt: %r" % (rows,))
    time.sleep(2)
    rows = s.outbox("recipient = 'studsar@example.se'")
    check(rows and rows[0][2] == "failed" and rows[0][3] == 1, "and no retry follows")
    q = s.run("mail-queue", "--data", s.data)
    check(q.returncode == 0 and "failed 1" in q.stdout and "studsar@example.se" in q.stdout and "550" in q.stdout,
          "samrad mail-queue lists the failed message with its error: " + q.stdout)
    status, metrics = s.get("/metrics")
    check(status == 200 and re.search(r"^samrad_mail_failed 1$", metrics, re.M) is not None,
          "/metrics counts it: samrad_mail_failed 1")
    sent = re.search(r"^samrad_mail_sent (\d+)$", metrics, re.M)
    check(sent is not None and int(sent.group(1)) >= 21, "/metrics counts the sent ones")
    r = s.run("mail-queue", "--data", s.data, "--retry", str(rows[0][0]))
    check(r.returncode == 0 and "queued again" in r.stdout, "mail-queue --retry queues it again: " + r.stdout)
    wait_for(lambda: s.outbox("recipient = 'studsar@example.se' AND state = 'failed'"))
    check(len(s.outbox("state = 'failed'")) == 1, "the retried message is tried once more (and refused again)")
    r = s.run("mail-queue", "--data", s.data, "--retry", "999999")
    check(r.returncode == 1, "--retry of an unknown message fails")

    # A temporary refusal (451): queued again after a minute's backoff.
    later = s.add_user("senare@example.se")
    official_answer(s, later, cid)
    rows = wait_for(lambda: [r for r in s.outbox("recipient = 'senare@example.se'") if r[3] == 1 and r[4]])
    check(len(rows) == 1 and rows[0][2] == "queued" and "451" in rows[0][4],
          "451 leaves the message queued for another attempt: %r" % (rows,))
    with s.db() as c:
        wait = c.execute("SELECT strftime('%s', next_attempt_at) - strftime('%s', 'now') FROM mail_outbox"
                         " WHERE recipient = 'senare@example.se'").fetchone()[0]
    check(50 <= wait <= 61, "the next attempt is about a minute later (%s s)" % wait)
    status, metrics = s.get("/metrics")
    check(re.search(r"^samrad_mail_retrying 1$", metrics, re.M) is not None, "/metrics counts it as retrying")
    return s, sink


def per_hour_and_digest():
    # Thursday 2026-12-03 10:00 in Stockholm (09:00 UTC).
    t0 = 1796288400
    sink = Sink()
    s = Samrad(binary, "--smtp-url", sink.url, "--mail-per-hour", "3", "--digest-hour", "7", clock=t0).start()
    s.run("demo-data", "--data", s.data)
    with s.db() as c:
        cid = c.execute("SELECT min(id) FROM consultations WHERE published_at IS NOT NULL").fetchone()[0]
    wait_for(lambda: s.db().execute("SELECT 1 FROM log_cursors WHERE name = 'mail_digest_daily'").fetchone())
    bo = s.add_user("bo@example.se", "Bo")
    for _ in range(5):
        official_answer(s, bo, cid)
    # A follower without an account (of a search nothing else matches), daily
    # digest in English.
    with s.db() as c:
        sub = c.execute("INSERT INTO subscriptions (email, target_kind, target, frequency, lang, confirmed_at,"
                        " created_at) VALUES ('follower@example.org', 'search', 'qqzzvv', 'daily', 'en',"
                        " '2026-12-01T00:00:00Z', '2026-12-01T00:00:00Z')").lastrowid
    s.notify(None, "followed_comment", {"event_kind": "comment.posted", "consultation_title": "Cycle lane",
                                        "comment_id": 9, "excerpt": "More lights, please.", "author": "Invånare 3f9a0c",
                                        "author_kind": "pseudonym"}, cid, "/comments/9", subscription_id=sub)
    wait_for(lambda: len(for_recipient(sink.messages(), "bo@example.se")) >= 3)
    time.sleep(1.5)
    check(len(for_recipient(sink.messages(), "bo@example.se")) == 3, "--mail-per-hour 3: three messages at once")
    waiting = s.db().execute("SELECT count(*) FROM notifications WHERE user_id = ? AND mailed = 0", (bo,)).fetchone()[0]
    check(waiting == 2, "the other two wait for the digest (%d)" % waiting)
    s.set_time(t0 + 21 * 3600 - 60)  # Friday 06:59 local
    time.sleep(1.5)
    check(len(for_recipient(sink.messages(), "bo@example.se")) == 3, "no digest before the digest hour")
    s.set_time(t0 + 21 * 3600 + 60)  # Friday 07:01 local
    digest = wait_for(lambda: [m for m in for_recipient(sink.messages(), "bo@example.se")
                               if "Dagens nyheter" in str(m["Subject"])])
    check(len(digest) == 1, "one daily digest at 07 Swedish time")
    if digest:
        text, page = parts(digest[0])
        check(str(digest[0]["Subject"]) == "Dagens nyheter från Samråd (2)", "its subject counts the items")
        check(text.count("Vi bygger cykelbanan") == 2, "it carries both items")
        check("== Cykelbana längs Älvgatan ==" in text, "grouped under the consultation's own title")
        check("/unsubscribe?t=" in (digest[0]["List-Unsubscribe"] or ""), "a digest has its unsubscribe link too")
    english = wait_for(lambda: for_recipient(sink.messages(), "follower@example.org"))
    check(len(english) == 1 and str(english[0]["Subject"]) == "Today's news from Samråd (1)",
          "a daily subscription gets its digest in its own language: %s" % [str(m["Subject"]) for m in english])
    if english:
        text, _ = parts(english[0])
        check("Invånare 3f9a0c wrote a new comment." in text and "More lights, please." in text,
              "the digest tells of the followed comment")
        check("/unsubscribe?t=" in (english[0]["List-Unsubscribe"] or ""), "with the subscription's unsubscribe link")
    left = s.db().execute("SELECT count(*) FROM notifications WHERE user_id = ? AND mailed = 0", (bo,)).fetchone()[0]
    check(left == 0, "nothing is left waiting")
    s.stop()
    sink.stop()


def maildir_default():
    s = Samrad(binary).start()
    s.run("demo-data", "--data", s.data)
    with s.db() as c:
        cid = c.execute("SELECT min(id) FROM consultations WHERE published_at IS NOT NULL").fetchone()[0]
    u = s.add_user("maildir@example.se", "Maja")
    official_answer(s, u, cid)
    new = os.path.join(s.data, "maildir", "new")
    files = wait_for(lambda: [f for f in (os.listdir(new) if os.path.isdir(new) else [])
                              if read_message(os.path.join(new, f))["To"] == "maildir@example.se"])
    check(len(files) == 1, "without --smtp-url the message is a file in DATA/maildir/new")
    if files:
        m = read_message(os.path.join(new, files[0]))
        check(str(m["Subject"]) == SUBJECT, "and reads as the same message")
        tmp = os.path.join(s.data, "maildir", "tmp")
        check(wait_for(lambda: os.listdir(tmp) == []), "nothing is left in maildir/tmp")
    s.stop()


def refused_settings():
    s = Samrad(binary)
    auth = os.path.join(os.path.dirname(s.data), "smtp-auth")
    with open(auth, "w") as f:
        f.write("samrad:hemligt\n")
    os.chmod(auth, 0o644)
    r = s.run("serve", "--data", s.data, "--port", "0", "--smtp-url", "smtp://127.0.0.1:25", "--smtp-auth-file", auth)
    check(r.returncode == 2 and "chmod 600" in r.stderr, "an SMTP password file others may read is refused: " + r.stderr)
    r = s.run("serve", "--data", s.data, "--port", "0", "--smtp-url", "http://127.0.0.1:25")
    check(r.returncode == 2 and "smtp://" in r.stderr, "an --smtp-url that is not smtp:// or smtps:// is refused")


refused_settings()
s, sink = smtp_delivery()
s.stop()
sink.stop()
per_hour_and_digest()
maildir_default()
finish()
