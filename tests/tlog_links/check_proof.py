#!/usr/bin/env python3
"""Checks an item's log link from outside, with the standard library and
python3-nacl: fetches the offline proof file (C2SP tlog-proof) at PROOF_PATH,
checks the checkpoint's Ed25519 signature under VKEY, fetches the entry from
the C2SP entry bundle of that checkpoint's size, and verifies the inclusion
proof of its leaf hash against the signed root (RFC 9162 2.1.3.2).
Prints the entry (its canonical JSON) on success.

Usage: check_proof.py URL PROOF_PATH VKEY    Exit: 0 verified, 1 not."""
import base64, hashlib, sys, urllib.request

import nacl.signing

DASH = "\u2014 "


def get(base, path):
    with urllib.request.urlopen(base + path) as r:
        return r.read()


def check_signature(note, vkey):
    name, kid, b64 = vkey.split("+", 2)
    raw = base64.b64decode(b64)
    text, _, sigs = note.rpartition("\n\n")
    text += "\n"
    for line in sigs.splitlines():
        if not line.startswith(DASH + name + " "):
            continue
        sig = base64.b64decode(line.rsplit(" ", 1)[1])
        if sig[:4].hex() == kid:
            nacl.signing.VerifyKey(raw[1:]).verify(text.encode(), sig[4:])
            return text
    sys.exit("no signature by " + name)


def tile_path(n):
    groups = [f"{n % 1000:03d}"]
    n //= 1000
    while n:
        groups.insert(0, f"x{n % 1000:03d}")
        n //= 1000
    return "/".join(groups)


def node(left, right):
    return hashlib.sha256(b"\x01" + left + right).digest()


def verify_inclusion(leaf, index, size, path, root):
    fn, sn, r = index, size - 1, leaf
    for p in path:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node(p, r)
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            r = node(r, p)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and r == root


def main():
    base, proof_path, vkey = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3]
    lines = get(base, proof_path).decode().split("\n")
    if lines[0] != "c2sp.org/tlog-proof@v1":
        sys.exit("not a tlog-proof file")
    at = 1
    if lines[at].startswith("extra "):
        at += 1
    index = int(lines[at].removeprefix("index "))
    path = []
    for at in range(at + 1, len(lines)):
        if lines[at] == "":
            break
        path.append(base64.b64decode(lines[at]))
    text = check_signature("\n".join(lines[at + 1:]), vkey)
    _, size, root = text.split("\n")[:3]
    size, root = int(size), base64.b64decode(root)
    bundle = index // 256
    width = min(256, size - bundle * 256)
    tile = "/tlog/tile/entries/" + tile_path(bundle) + ("" if width == 256 else f".p/{width}")
    data, pos = get(base, tile), 0
    for _ in range(index % 256):
        pos += 2 + int.from_bytes(data[pos:pos + 2], "big")
    length = int.from_bytes(data[pos:pos + 2], "big")
    entry = data[pos + 2:pos + 2 + length]
    leaf = hashlib.sha256(b"\x00" + entry).digest()
    if not verify_inclusion(leaf, index, size, path, root):
        sys.exit(f"the inclusion proof of entry {index} does not lead to the signed root of size {size}")
    print(entry.decode())


main()
