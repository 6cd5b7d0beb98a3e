#!/usr/bin/env python3
"""Witnesses end to end: samrad serve --witness sends every new checkpoint to
a test witness (witness.py) that checks the log signature and consistency
before it cosigns; /tlog/checkpoint then carries the cosignature and samrad
audit --witness-key accepts it. A restarted samrad sends the size the witness
holds at once (it keeps it in the database); one that lost it learns it
from the witness's 409. An attacker with the data folder and the log key rewrites an
old decision and recomputes chain, tree and a freshly signed checkpoint: the
witness refuses to cosign it and the audit that requires the witness fails.
An unreachable witness neither stops the log nor its checkpoints.
Usage: run_test.py SAMRAD_BINARY"""
import os, re, signal, subprocess, sys, tempfile, time, urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from witness import Witness  # noqa: E402

samrad = sys.argv[1]
tmp = tempfile.mkdtemp(prefix="samrad-witness-")
data = os.path.join(tmp, "data")
failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


def run(*args):
    return subprocess.run([samrad, *args], capture_output=True, text=True)


def serve(*extra):
    p = subprocess.Popen([samrad, "serve", "--data", data, "--port", "0", *extra], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    return p, re.search(r"listening on (http://\S+)", p.stdout.readline()).group(1)


def stop(p):
    p.send_signal(signal.SIGTERM)
    p.wait(timeout=30)
    return p.stderr.read()


def checkpoint(url):
    try:
        return urllib.request.urlopen(url + "/tlog/checkpoint").read().decode()
    except OSError:
        return ""


def wait_for(pred, seconds=15):
    end = time.time() + seconds
    while time.time() < end:
        if pred():
            return True
        time.sleep(0.1)
    return False


def add_user(n):
    run("admin", "create-user", "--data", data, "--email", "w%d@example.se" % n, "--password", "ett-langt-losenord-%d" % n,
        "--name", "W %d" % n, "--role", "official")


subprocess.run([samrad, "demo-data", "--data", data], check=True, stdout=subprocess.DEVNULL)
log_vkey = run("log-key", "--data", data, "--log-origin", "samrad.test/tlog").stdout.strip()
w = Witness("witness.test/w1", log_vkey)
wurl = w.serve()
flag = "%s=%s" % (wurl, w.vkey)
state = os.path.join(tmp, "audit-state")

p, url = serve("--witness", flag)
check(wait_for(lambda: "witness.test/w1" in checkpoint(url)), "the served checkpoint carries the witness's cosignature")
audit = run("audit", "--url", url, "--key", log_vkey, "--witness-key", w.vkey, "--state", state)
check(audit.returncode == 0, "samrad audit accepts the cosigned checkpoint: " + audit.stdout + audit.stderr)
script = os.path.join(HERE, "..", "..", "docs", "audit_log.py")
pystate = os.path.join(tmp, "py-state")
py = subprocess.run([sys.executable, script, url, log_vkey, pystate, "--witness", w.vkey, "--full"],
                    capture_output=True, text=True)
check(py.returncode == 0, "docs/audit_log.py accepts the cosigned checkpoint and recomputes the root: " + py.stdout + py.stderr)
first = w.size
add_user(1)
check(wait_for(lambda: w.size > first), "the witness cosigned the grown log after checking consistency")
stop(p)

conflicts = len(w.conflicts)
p, url = serve("--witness", flag)
add_user(2)
check(wait_for(lambda: w.size > first + 1 and "witness.test/w1" in checkpoint(url)),
      "a restarted log goes on with the witness")
check(len(w.conflicts) == conflicts, "a restarted log sends the witness's size at once (no 409): %s" % w.conflicts)
stop(p)

# A data folder that lost what the witness holds (an older backup) learns it
# from the witness's 409.
import sqlite3
db = sqlite3.connect(os.path.join(data, "samrad.db"))
db.execute("DELETE FROM tlog_witness_sizes")
db.commit()
db.close()
p, url = serve("--witness", flag)
add_user(5)
held = w.size
check(wait_for(lambda: w.size > held and len(w.conflicts) == conflicts + 1),
      "a log that lost the witness's size catches up through its 409: %s" % w.conflicts)
audit = run("audit", "--url", url, "--key", log_vkey, "--witness-key", w.vkey, "--state", state)
check(audit.returncode == 0, "samrad audit: still consistent and cosigned")
stop(p)

held = w.size
subprocess.run([sys.executable, os.path.join(HERE, "..", "tlog_go", "rewrite_history.py"), data], check=True)
p, url = serve("--witness", flag)
check(wait_for(lambda: len(w.refusals) > 0), "the witness refuses the rewritten history")
check(w.size == held, "the witness still holds the checkpoint it cosigned before")
check("witness.test/w1" not in checkpoint(url), "the rewritten checkpoint carries no cosignature")
audit = run("audit", "--url", url, "--key", log_vkey, "--witness-key", w.vkey, "--state", os.path.join(tmp, "fresh"))
check(audit.returncode != 0, "an audit that requires the witness refuses the rewritten checkpoint")
py = subprocess.run([sys.executable, script, url, log_vkey, pystate], capture_output=True, text=True)
check(py.returncode == 1 and "FORK" in py.stderr, "docs/audit_log.py reports the fork: " + py.stderr)
err = stop(p)
check("refused" in err, "samrad reports the witness's refusal")

p, url = serve("--witness", "http://127.0.0.1:9=" + w.vkey)
add_user(3)
size = lambda: int(checkpoint(url).split("\n")[1])
before = size()
add_user(4)
check(wait_for(lambda: size() > before), "an unreachable witness does not stop the checkpoints")
err = stop(p)
check("unreachable" in err, "samrad reports the unreachable witness and retries")

subprocess.run(["rm", "-rf", tmp])
sys.exit(1 if failures else 0)
