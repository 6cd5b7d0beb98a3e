#!/usr/bin/env python3
"""A small C2SP tlog-witness for the tests, with python3-nacl: it serves
POST /add-checkpoint, checks the log's Ed25519 signature and the consistency
proof from the checkpoint it holds (RFC 9162 2.1.4.2) before it cosigns
(C2SP tlog-cosignature v1, key type 0x04), and refuses what does not join
(409 with text/x.tlog.size, 400, 403, 404, 422)."""
import base64, hashlib, http.server, os, struct, sys, threading, time

import nacl.exceptions
import nacl.signing

# The consistency check is the one the published audit script uses.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "docs"))
from audit_log import consistent as verify_consistency  # noqa: E402

DASH = "\u2014 "


def key_id(name, typ, pub):
    return hashlib.sha256(name.encode() + b"\n" + bytes([typ]) + pub).digest()[:4]


def vkey(name, typ, pub):
    return "%s+%s+%s" % (name, key_id(name, typ, pub).hex(), base64.b64encode(bytes([typ]) + pub).decode())


def parse_vkey(v):
    name, kid, b64 = v.split("+", 2)
    raw = base64.b64decode(b64)
    return name, bytes.fromhex(kid), raw[0], raw[1:]


def open_note(note, name, kid, pub):
    """The note's text when it carries a valid signature by the key, else None."""
    split = note.rfind("\n\n")
    if split < 0:
        return None
    text, ok = note[:split + 1], False
    for line in note[split + 2:].splitlines():
        if not line.startswith(DASH):
            return None
        signer, _, b64 = line[len(DASH):].partition(" ")
        raw = base64.b64decode(b64)
        if signer == name and raw[:4] == kid:
            try:
                nacl.signing.VerifyKey(pub).verify(text.encode(), raw[4:])
                ok = True
            except nacl.exceptions.BadSignatureError:
                return None
    return text if ok else None


class Witness:
    def __init__(self, name, log_vkey):
        self.name = name
        self.signing = nacl.signing.SigningKey.generate()
        pub = bytes(self.signing.verify_key)
        self.vkey = vkey(name, 0x04, pub)
        self.kid = key_id(name, 0x04, pub)
        self.log = parse_vkey(log_vkey)
        self.size, self.root = 0, hashlib.sha256(b"").digest()
        self.refusals, self.cosigned, self.conflicts = [], [], []
        self.lock = threading.Lock()

    def add_checkpoint(self, body):
        """(status, content type, body) for one add-checkpoint request."""
        head, _, note = body.partition("\n\n")
        lines = head.split("\n")
        if not lines[0].startswith("old "):
            return 400, "text/plain", "no old line\n"
        old = int(lines[0][4:])
        proof = [base64.b64decode(l) for l in lines[1:] if l]
        name, kid, _typ, pub = self.log
        text = open_note(note, name, kid, pub)
        if text is None:
            return 403, "text/plain", "no valid signature by the log\n"
        origin, size, root = text.split("\n")[:3]
        size, root = int(size), base64.b64decode(root)
        if origin != name:
            return 404, "text/plain", "unknown origin\n"
        with self.lock:
            if old > size:
                return 400, "text/plain", "old size is beyond the checkpoint\n"
            if old != self.size:
                self.conflicts.append((old, self.size))
                return 409, "text/x.tlog.size", "%d\n" % self.size
            if not verify_consistency(old, size, proof, self.root, root):
                self.refusals.append((old, size))
                return 422, "text/plain", "the checkpoint is not consistent with the one I hold\n"
            self.size, self.root = size, root
            ts = int(time.time())
            msg = ("cosignature/v1\ntime %d\n" % ts).encode() + text.encode()
            sig = self.signing.sign(msg).signature
            self.cosigned.append(size)
            line = DASH + self.name + " " + base64.b64encode(self.kid + struct.pack(">Q", ts) + sig).decode() + "\n"
            return 200, "text/plain; charset=utf-8", line

    def serve(self, port=0):
        witness = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
                status, ctype, out = (witness.add_checkpoint(body) if self.path == "/add-checkpoint"
                                      else (404, "text/plain", "no such path\n"))
                data = out.encode()
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return "http://127.0.0.1:%d" % self.httpd.server_address[1]
