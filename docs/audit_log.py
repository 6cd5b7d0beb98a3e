#!/usr/bin/env python3
"""Audits Samråd's transparency log from outside, with Python's standard
library and python3-nacl: fetches the signed checkpoint, checks the log's
Ed25519 signature (and the cosignature of every witness you require),
checks that it extends the checkpoint kept in STATE from your last run (a
consistency proof, RFC 9162), and with --full re-fetches every tile and
entry to recompute the root. Reports a FORK when no proof joins the two.

Usage: audit_log.py URL VKEY STATE [--witness VKEY ...] [--full]
  URL    the site, e.g. https://samrad.example.se
  VKEY   the log's verifier key (shown on the site's /log page)
Exit: 0 ok (STATE updated), 1 failed or forked, 2 usage."""
import base64, hashlib, json, os, struct, sys, urllib.request

import nacl.exceptions
import nacl.signing

DASH = "\u2014 "


def get(base, path):
    with urllib.request.urlopen(base + path) as r:
        return r.read()


def parse_vkey(v):
    name, kid, b64 = v.split("+", 2)
    raw = base64.b64decode(b64)
    if hashlib.sha256(name.encode() + b"\n" + raw[:1] + raw[1:]).digest()[:4].hex() != kid:
        sys.exit("key id does not match the key: " + v)
    return name, bytes.fromhex(kid), raw[0], raw[1:]


def signed_by(text, sigs, key):
    """True when a signature line of the note is a valid one by key."""
    name, kid, typ, pub = key
    for signer, raw in sigs:
        if signer != name or raw[:4] != kid:
            continue
        msg, sig = text.encode(), raw[4:]
        if typ == 0x04:  # cosignature/v1: 8-byte time, then Ed25519 over the time line and the checkpoint
            msg = b"cosignature/v1\ntime %d\n" % struct.unpack(">Q", raw[4:12])[0] + msg
            sig = raw[12:]
        try:
            nacl.signing.VerifyKey(pub).verify(msg, sig)
            return True
        except nacl.exceptions.BadSignatureError:
            return False
    return False


def node(a, b):
    return hashlib.sha256(b"\x01" + a + b).digest()


def consistent(m, n, proof, old, new):
    """RFC 9162 2.1.4.2."""
    if m == n:
        return not proof and old == new
    if m == 0:
        return not proof
    if m > n or not proof:
        return False
    if m & (m - 1) == 0:
        proof = [old] + proof
    fn, sn = m - 1, n - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    fr = sr = proof[0]
    for c in proof[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr, sr = node(c, fr), node(c, sr)
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            sr = node(sr, c)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and fr == old and sr == new


def root_of(leaves):
    """MTH (RFC 6962 2.1) of a list of leaf hashes."""
    if not leaves:
        return hashlib.sha256(b"").digest()
    if len(leaves) == 1:
        return leaves[0]
    k = 1
    while k * 2 < len(leaves):
        k *= 2
    return node(root_of(leaves[:k]), root_of(leaves[k:]))


def tile_path(level, n, width):
    groups = "%03d" % (n % 1000)
    n //= 1000
    while n:
        groups, n = "x%03d/%s" % (n % 1000, groups), n // 1000
    return "/tlog/tile/%s/%s%s" % (level, groups, ".p/%d" % width if width < 256 else "")


def recompute(base, size):
    leaves = []
    for n in range(0, (size + 255) // 256):
        width, data = min(256, size - n * 256), get(base, tile_path("entries", n, min(256, size - n * 256)))
        for _ in range(width):
            length = int.from_bytes(data[:2], "big")
            leaves.append(hashlib.sha256(b"\x00" + data[2:2 + length]).digest())
            data = data[2 + length:]
        tile = get(base, tile_path(0, n, width))
        if tile != b"".join(leaves[n * 256:n * 256 + width]):
            sys.exit("FAILED: level-0 tile %d does not hold the hashes of its entries" % n)
    return root_of(leaves)


def main():
    args = [a for a in sys.argv[1:] if a != "--full"]
    witnesses = [args[i + 1] for i, a in enumerate(args) if a == "--witness"]
    args = [a for i, a in enumerate(args) if a != "--witness" and (i == 0 or args[i - 1] != "--witness")]
    if len(args) != 3:
        sys.exit(__doc__)
    base, key, state = args[0].rstrip("/").removesuffix("/tlog"), parse_vkey(args[1]), args[2]
    note = get(base, "/tlog/checkpoint").decode("utf-8")
    split = note.rfind("\n\n")
    text = note[:split + 1]
    sigs = []
    for line in note[split + 2:].splitlines():
        signer, _, b64 = line[len(DASH):].partition(" ")
        sigs.append((signer, base64.b64decode(b64)))
    if not signed_by(text, sigs, key):
        sys.exit("FAILED: the checkpoint is not signed by " + key[0])
    for w in witnesses:
        if not signed_by(text, sigs, parse_vkey(w)):
            sys.exit("FAILED: no valid cosignature by the witness " + w.split("+")[0])
    origin, size, root = text.split("\n")[:3]
    size, root = int(size), base64.b64decode(root)
    if origin != key[0]:
        sys.exit("FAILED: the checkpoint's origin is not " + key[0])
    said = "checkpoint size %d root %s" % (size, base64.b64encode(root).decode())
    if os.path.exists(state):
        kept = open(state).read().split("\n")
        old_size, old_root = int(kept[1]), base64.b64decode(kept[2])
        both = " (kept size %d, now %d)" % (old_size, size)
        if old_size > size or (old_size == size and old_root != root):
            sys.exit("FORK: the log no longer extends the checkpoint you kept" + both)
        if 0 < old_size < size:
            proof = json.loads(get(base, "/api/v1/log/consistency?from=%d&to=%d" % (old_size, size)))
            if not consistent(old_size, size, [base64.b64decode(h) for h in proof["hashes"]], old_root, root):
                sys.exit("FORK: no consistency proof joins the checkpoint you kept to the new one" + both)
        said += "; consistent with the kept checkpoint of size %d" % old_size
    if "--full" in sys.argv and recompute(base, size) != root:
        sys.exit("FAILED: the entries do not give the checkpoint's root")
    with open(state + ".new", "w") as f:
        f.write(text)
    os.replace(state + ".new", state)
    print("ok: " + said)


if __name__ == "__main__":
    main()
