#!/usr/bin/python3
"""E-mail over TLS with a password, against a real SMTP server (aiosmtpd)
holding a certificate made for this run: STARTTLS (the server requires it
before any mail, and AUTH only over TLS) with AUTH PLAIN, and implicit TLS
(smtps://) with AUTH LOGIN, both trusting the server's CA by --smtp-ca-file.
A CA that did not sign the server's certificate is refused: the message
stays queued with a clear error (also on stderr) and goes once the right
CA is given. A wrong password and a server that offers no STARTTLS keep the
message queued too. The password is in no log line, no error and not in
/metrics.
Usage: tls_test.py SAMRAD_BINARY"""
import os, re, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mailtest import Samrad, Sink, check, finish, for_recipient, wait_for  # noqa: E402

binary = sys.argv[1]
PASSWORD = "Hemligt-SMTP-losen-93"
WRONG = "Fel-losen-som-ocksa-ar-hemligt-77"
tmp = tempfile.mkdtemp(prefix="samrad-tls-")


def make_cert(name):
    """A self-signed certificate for 127.0.0.1 (its own CA)."""
    cert, key = os.path.join(tmp, name + ".pem"), os.path.join(tmp, name + ".key")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1"], check=True, capture_output=True)
    return cert, key


def auth_file(secret):
    path = os.path.join(tmp, "auth-%d" % len(os.listdir(tmp)))
    with open(path, "w") as f:
        f.write("samrad:%s\n" % secret)
    os.chmod(path, 0o600)
    return path


def sessions(sink):
    try:
        return open(os.path.join(sink.dir, "sessions")).read().splitlines()
    except OSError:
        return []


cert, key = make_cert("server")
other_ca, _ = make_cert("other")
now = int(time.time())
s = Samrad(binary, clock=now)
logs = []  # everything the server printed, over all its runs
scraped = []  # every /metrics answer


def run(*extra):
    s.extra = list(extra)
    return s.start()


def stop():
    s.stop()
    logs.append(s.p.stdout.read() + s.p.stderr.read())
    return logs[-1]


def mail_to(address):
    """A decision told to a new user, as the notifier leaves it."""
    user = s.add_user(address)
    s.notify(user, "consultation_decision", {
        "event_kind": "decision.published", "consultation_title": "Ny skolgård i Björkby", "decision_id": 1,
        "decision_title": "Skolgården byggs om", "body_name": "Barn- och utbildningsnämnden"}, link="/decisions")


def attempted(address):
    """The outbox row (id, recipient, state, attempts, last_error, message_id) once tried."""
    rows = wait_for(lambda: [r for r in s.outbox("recipient = '%s'" % address) if r[3] >= 1 and r[4]], 30)
    return rows[0] if rows else None


def scrape():
    status, body = s.get("/metrics")
    scraped.append(body)
    return body


r = s.run("serve", "--data", s.data, "--port", "0", "--smtp-url", "smtp://127.0.0.1:25",
          "--smtp-ca-file", os.path.join(tmp, "missing.pem"))
check(r.returncode == 2 and "--smtp-ca-file" in r.stderr, "a CA file that cannot be read is refused: " + r.stderr)

# STARTTLS required by the server, AUTH PLAIN over it, the server's CA given.
starttls = Sink("--cert", cert, "--key", key, "--starttls", "--auth", "samrad:" + PASSWORD, "--auth-only", "PLAIN")
good_auth = auth_file(PASSWORD)
run("--smtp-url", starttls.url, "--smtp-auth-file", good_auth, "--smtp-ca-file", cert)
mail_to("starttls@example.se")
got = wait_for(lambda: for_recipient(starttls.messages(), "starttls@example.se"))
check(len(got) == 1, "STARTTLS with AUTH PLAIN: the message arrives")
check(sessions(starttls) == ["tls=1 auth=samrad mech=PLAIN"],
      "it went over TLS, signed in with PLAIN: %s" % sessions(starttls))
scrape()
stop()

# The same server with a CA that did not sign its certificate: refused.
run("--smtp-url", starttls.url, "--smtp-auth-file", good_auth, "--smtp-ca-file", other_ca)
mail_to("wrongca@example.se")
row = attempted("wrongca@example.se")
check(row is not None and row[2] == "queued", "an untrusted certificate leaves the message queued: %r" % (row,))
check(row is not None and "certificate" in row[4] and "--smtp-ca-file" in row[4],
      "its error says the certificate is not trusted: %s" % (row and row[4]))
check(re.search(r"^samrad_mail_retrying 1$", scrape(), re.M) is not None, "/metrics counts it as retrying")
time.sleep(1)
check(for_recipient(starttls.messages(), "wrongca@example.se") == [], "nothing reached the server")
log = stop()
check(re.search(r"samrad: e-mail \d+ not delivered \(attempt 1, queued again in 60 s\): .*certificate", log)
      is not None, "stderr says which message was not delivered and why:\n" + log)

# Given the right CA again, it goes at its next attempt (a minute later).
s.set_time(now + 120)
run("--smtp-url", starttls.url, "--smtp-auth-file", good_auth, "--smtp-ca-file", cert)
got = wait_for(lambda: for_recipient(starttls.messages(), "wrongca@example.se"))
check(len(got) == 1, "with the right CA the queued message is delivered: nothing was lost")
check(wait_for(lambda: s.outbox("state <> 'sent'") == []), "the outbox holds nothing unsent")

# A wrong password: 535, the message stays queued (the operator fixes the
# password, then it goes).
stop()
run("--smtp-url", starttls.url, "--smtp-auth-file", auth_file(WRONG), "--smtp-ca-file", cert)
mail_to("wrongpassword@example.se")
row = attempted("wrongpassword@example.se")
check(row is not None and row[2] == "queued" and "535" in row[4] and "--smtp-auth-file" in row[4],
      "a refused login leaves the message queued, saying so: %r" % (row,))
scrape()
stop()
starttls.stop()

# A server that takes passwords without offering STARTTLS: the password
# does not go.
clear = Sink("--auth", "samrad:" + PASSWORD, "--auth-in-clear")
run("--smtp-url", clear.url, "--smtp-auth-file", good_auth)
mail_to("inclear@example.se")
row = attempted("inclear@example.se")
check(row is not None and row[2] == "queued" and "STARTTLS" in row[4],
      "no STARTTLS, no password: the message stays queued: %r" % (row,))
check(clear.files() == [] and sessions(clear) == [], "and the server got nothing")
stop()
clear.stop()

# Implicit TLS (smtps://) with AUTH LOGIN.
smtps = Sink("--cert", cert, "--key", key, "--smtps", "--auth", "samrad:" + PASSWORD, "--auth-only", "LOGIN")
run("--smtp-url", "smtps://127.0.0.1:%d" % smtps.port, "--smtp-auth-file", good_auth, "--smtp-ca-file", cert)
mail_to("smtps@example.se")
got = wait_for(lambda: for_recipient(smtps.messages(), "smtps@example.se"))
check(len(got) == 1, "smtps:// with AUTH LOGIN: the message arrives")
check("tls=1 auth=samrad mech=LOGIN" in sessions(smtps), "over TLS, signed in with LOGIN: %s" % sessions(smtps))
scrape()
stop()
smtps.stop()

# The password is nowhere to be read.
with s.db() as c:
    errors = " ".join(r[0] or "" for r in c.execute("SELECT last_error FROM mail_outbox"))
queue = s.run("mail-queue", "--data", s.data).stdout
for secret in (PASSWORD, WRONG):
    check(all(secret not in text for text in logs + scraped + [errors, queue]),
          "the password (%s...) is in no log, /metrics answer, stored error or mail-queue listing" % secret[:4])
finish()
