#!/usr/bin/env python3
# Loads corpus.jsonl into a running samrad over HTTP (create + publish each
# consultation) on 127.0.0.1 with one keep-alive connection.
import http.client, json, sys, time

port, token, path = int(sys.argv[1]), sys.argv[2], sys.argv[3]
conn = http.client.HTTPConnection("127.0.0.1", port)
h = {"Authorization": "Bearer " + token, "Content-Type": "application/json", "Connection": "keep-alive"}
start, n = time.time(), 0
for line in open(path, encoding="utf-8"):
    conn.request("POST", "/api/v1/consultations", line.encode(), h)
    r = conn.getresponse(); body = r.read()
    if r.status != 201:
        sys.exit("create failed: %d %s" % (r.status, body[:200]))
    cid = json.loads(body)["id"]
    conn.request("POST", "/api/v1/consultations/%d/publish" % cid, b"{}", h)
    r = conn.getresponse(); r.read()
    n += 1
print("loaded %d consultations in %.1f s" % (n, time.time() - start))
