#!/usr/bin/env python3
"""Interoperability of the transparency log with the Go reference packages
(golang.org/x/mod/sumdb/note and sumdb/tlog, Debian's, in GOPATH mode): builds
interop.go, serves a demo data folder and lets it check the checkpoint,
tiles, entries and proofs; grows the log (through the start-up migration of
events the tree lacks) and checks consistency with the kept checkpoint; then
rewrites history as an attacker holding the data folder and the key would,
and expects the Go client to report the fork.
Usage: run_test.py SAMRAD_BINARY"""
import os, re, signal, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
samrad = sys.argv[1]
tmp = tempfile.mkdtemp(prefix="samrad-tlog-go-")
data, state, exe = os.path.join(tmp, "data"), os.path.join(tmp, "state"), os.path.join(tmp, "interop")
env = dict(os.environ, GO111MODULE="off", GOPATH="/usr/share/gocode", GOCACHE=os.path.join(tmp, "gocache"),
           GOFLAGS="")
subprocess.run(["go", "build", "-o", exe, os.path.join(HERE, "interop.go")], env=env, check=True)
subprocess.run([samrad, "demo-data", "--data", data], check=True, stdout=subprocess.DEVNULL)


def serve():
    p = subprocess.Popen([samrad, "serve", "--data", data, "--port", "0", "--log-origin", "samrad.test/tlog"],
                         stdout=subprocess.PIPE, text=True)
    m = re.search(r"listening on (http://\S+)", p.stdout.readline())
    return p, m.group(1)


def stop(p):
    p.send_signal(signal.SIGTERM)
    p.wait(timeout=30)


def interop(url):
    vkey = subprocess.run([samrad, "log-key", "--data", data], capture_output=True, text=True).stdout.strip()
    return subprocess.run([exe, "-url", url, "-vkey", vkey, "-state", state], capture_output=True, text=True)


failures = []
p, url = serve()
r = interop(url)
print(r.stdout, r.stderr)
if r.returncode != 0:
    failures.append("the demo log does not verify with x/mod")
stop(p)
subprocess.run([sys.executable, os.path.join(HERE, "..", "..", "bench", "gen_events.py"), data, "700"], check=True,
               stdout=subprocess.DEVNULL)
p, url = serve()
r = interop(url)
print(r.stdout, r.stderr)
if r.returncode != 0 or "consistent with the kept checkpoint" not in r.stdout:
    failures.append("the grown log is not consistent with the kept checkpoint for x/mod")
stop(p)
subprocess.run([sys.executable, os.path.join(HERE, "rewrite_history.py"), data], check=True)
p, url = serve()
r = interop(url)
print(r.stdout, r.stderr)
if r.returncode == 0 or "FORK" not in r.stderr:
    failures.append("the rewritten log was not reported as a fork")
stop(p)
subprocess.run(["rm", "-rf", tmp])
for f in failures:
    print("FAIL:", f)
sys.exit(1 if failures else 0)
