#!/usr/bin/env python3
# Server CPU time per request for large request heads, against a minimal
# request in the same run: reads utime+stime of the server from /proc before
# and after N requests. Usage: bench/header_cost.py build/samrad
import socket, subprocess, time, os, sys
binary = sys.argv[1]
import tempfile
DATA = tempfile.mkdtemp(prefix="samrad-header-cost-") + "/d"
p = subprocess.Popen([binary, "serve", "--data", DATA, "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
line = p.stdout.readline()
port = int(line.strip().rsplit(":", 1)[1].split("/")[0])
def cpu():
    f = open(f"/proc/{p.pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK")
def send(head):
    s = socket.create_connection(("127.0.0.1", port)); s.sendall(head); s.recv(65536); s.close()
small = b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
big = b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * (32 * 1024 - 60) + b"\r\n\r\n"
many = b"GET /healthz HTTP/1.1\r\nHost: x\r\n" + b"".join(b"X-%d: v\r\n" % i for i in range(98)) + b"\r\n"
huge = b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * (4 * 1024 * 1024) + b"\r\n\r\n"
for name, head in [("small", small), ("32KiB header", big), ("98 headers", many), ("4MiB header (refused)", huge)]:
    n = 200 if name != "4MiB header (refused)" else 20
    c0 = cpu()
    for _ in range(n):
        try: send(head)
        except OSError: pass
    c1 = cpu()
    print(f"{name}: {1000 * (c1 - c0) / n:.3f} ms server CPU per request ({n} requests)")
p.terminate(); p.wait()
