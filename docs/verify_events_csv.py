#!/usr/bin/env python3
"""Recomputes the event-log hash chain from the events open dataset (a path, default events.csv)."""
import csv, hashlib, json, sys

prev, n = "0" * 64, 0
for row in csv.DictReader(open(sys.argv[1] if len(sys.argv) > 1 else "events.csv", encoding="utf-8", newline="")):
    entry = {"seq": int(row["seq"]), "at": row["at"], "kind": row["kind"], "subject": row["subject"],
             "actor_role": row["actor_role"], "payload": json.loads(row["payload"])}
    canonical = json.dumps(entry, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    digest = hashlib.sha256((prev + canonical).encode("utf-8")).hexdigest()
    if entry["seq"] != n + 1 or row["prev_hash"] != prev or row["hash"] != digest:
        sys.exit(f"BROKEN at seq {n + 1}")
    prev, n = digest, n + 1
print(f"ok: {n} entries, head {prev}")
