#!/usr/bin/python3
"""The loop closed by e-mail, against a real SMTP server: a resident
comments, an official answers and a decision answers the comment; the
resident receives a message for each, every link in them answers, and the
one-click unsubscribe (RFC 8058, POST without cookies) of the answer's
message stops e-mail of that kind.
Usage: journey_test.py SAMRAD_BINARY"""
import os, re, sys, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mailtest import Samrad, Sink, check, finish, for_recipient, parts, wait_for  # noqa: E402

binary = sys.argv[1]
sink = Sink()
s = Samrad(binary, "--smtp-url", sink.url).start()
official = s.login("handlaggare@example.se", "official", "Karin Handläggare")
resident = s.login("invanare@example.se", "resident", "Eva Invånare")

status, c = s.api("POST", "/api/v1/consultations", {
    "title": "Trygg skolväg till Älvängens skola", "summary": "Hur ska barnen ta sig till skolan?",
    "body": "Vi vill höra vad du tycker.", "language": "sv", "opens_at": "2020-01-01", "closes_at": "2099-01-01"},
    official)
cid = c["id"]
s.api("POST", "/api/v1/consultations/%d/publish" % cid, {}, official)
status, comment = s.api("POST", "/api/v1/consultations/%d/comments" % cid,
                        {"body": "Bygg ett övergångsställe vid Storgatan."}, resident)
check(status == 201, "the resident comments")
status, _ = s.api("POST", "/api/v1/consultations/%d/comments" % cid,
                  {"body": "Tack! Vi tittar på Storgatan i vår.", "parent_id": comment["id"]}, official)
check(status == 201, "an official answers")
status, decision = s.api("POST", "/api/v1/decisions", {
    "title": "Övergångsställe vid Storgatan", "body": "Ett övergångsställe byggs 2027.",
    "body_name": "Trafiknämnden", "reference": "TN 2026/77", "decided_at": "2026-12-01", "outcome": "approved",
    "consultation_ids": [cid], "answers_comment_ids": [comment["id"]]}, official)
check(status == 201, "a decision answers the comment: %d %s" % (status, decision if status != 201 else ""))

subjects = {
    "answer": "Kommunen har svarat på din kommentar om ”Trygg skolväg till Älvängens skola”",
    "decision": "Ett beslut svarar på din kommentar: Övergångsställe vid Storgatan",
}


def mine():
    return for_recipient(sink.messages(), "invanare@example.se")


wait_for(lambda: {str(m["Subject"]) for m in mine()} >= set(subjects.values()), 60)
got = {str(m["Subject"]): m for m in mine()}
for what, subject in subjects.items():
    check(subject in got, "the resident receives the %s: %s" % (what, subject))
print("messages to the resident: %s" % sorted(got))
check(len({m["Message-ID"] for m in mine()}) == len(mine()), "each message once")
for m in mine():
    text, page = parts(m)
    for url in sorted(set(re.findall(r'href="([^"]+)"', page))):
        if "/unsubscribe" in url:
            continue
        status, _ = s.get(url.replace("&amp;", "&"))
        check(status == 200, "link in “%s” answers: %s (%d)" % (m["Subject"], url, status))
answer = got.get(subjects["answer"])
if answer is not None:
    text, page = parts(answer)
    check("Tack! Vi tittar på Storgatan i vår." in text, "the answer's text is quoted")
    check(re.search(r"/comments/\d+|#comment-\d+", text) is not None, "it links to the exact comment")
    unsub = (answer["List-Unsubscribe"] or "").strip("<>")
    status, _ = s.api("POST", unsub, form="List-Unsubscribe=One-Click")
    check(status == 200, "one-click unsubscribe by POST answers 200 (%d)" % status)
    before = len(mine())
    s.api("POST", "/api/v1/consultations/%d/comments" % cid,
          {"body": "Ett till svar från kommunen.", "parent_id": comment["id"]}, official)
    time.sleep(3)
    later = [m for m in mine()[before:] if str(m["Subject"]) == subjects["answer"]]
    check(later == [], "after it, a new answer is not mailed")
decision_mail = got.get(subjects["decision"])
if decision_mail is not None:
    text, _ = parts(decision_mail)
    check("/decisions/%d" % decision["id"] in text, "the decision's message links to the decision")
s.stop()
sink.stop()
finish()
