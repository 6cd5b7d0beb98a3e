#!/usr/bin/env python3
"""Recomputes Samråd's event-log hash chain from the public API, using
nothing but Python's standard library. Usage: verify_log.py https://host"""
import hashlib, json, sys, urllib.request

base, prev, after, count = sys.argv[1].rstrip("/"), "0" * 64, 0, 0
while True:
    page = json.load(urllib.request.urlopen(f"{base}/api/v1/log?after={after}&limit=1000"))
    for e in page["items"]:
        entry = {k: e[k] for k in ("seq", "at", "kind", "subject", "actor_role", "payload")}
        canonical = json.dumps(entry, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        digest = hashlib.sha256((prev + canonical).encode("utf-8")).hexdigest()
        if e["seq"] != count + 1 or e["prev_hash"] != prev or e["hash"] != digest:
            sys.exit(f"BROKEN at seq {count + 1}")
        prev, count = digest, count + 1
    if not page["items"] or page["next_after"] is None:
        break
    after = page["next_after"]
print(f"ok: {count} entries, head {prev}")
