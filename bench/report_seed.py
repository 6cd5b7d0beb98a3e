#!/usr/bin/env python3
"""Seeds one consultation for the report benchmark through the HTTP API
(seeded, so every run makes the same data): N top-level comments and R
replies spread over the resident tokens, every 20th reply by the official,
and supports and oppositions on a tenth of the comments.
Usage: report_seed.py URL CONSULTATION_ID N R OFFICIAL_TOKEN RESIDENT_TOKEN..."""
import http.client
import json
import random
import sys
import urllib.parse

WORDS = ("cykelbana belysning korsning trafik säkerhet skolväg buss park träd "
         "lekplats bibliotek öppettider bostäder förskola torg grönytor brygga "
         "tillgänglighet klimat laddplatser pendelbåt vinter snöröjning trygghet "
         "hastighet övergångsställe kommunen förslaget bra dåligt viktigt").split()


def main():
    url, consultation, n, replies, official = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
    residents = sys.argv[6:]
    rnd = random.Random(20270101)
    u = urllib.parse.urlparse(url)
    conn = http.client.HTTPConnection(u.hostname, u.port)

    def call(method, path, body, token, ok):
        headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json", "Connection": "keep-alive"}
        conn.request(method, path, json.dumps(body), headers)
        r = conn.getresponse()
        data = r.read()
        if r.status != ok:
            sys.exit(f"{method} {path} failed: {r.status} {data[:200]!r}")
        return json.loads(data) if data else None

    def text(i):
        return f"{i}: " + " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(8, 60)))

    ids = []
    for i in range(n + replies):
        body = {"body": text(i)}
        token = residents[i % len(residents)]
        if i >= n:
            body["parent_id"] = rnd.choice(ids)
            if i % 20 == 0:
                token = official
        ids.append(call("POST", f"/api/v1/consultations/{consultation}/comments", body, token, 201)["id"])
        if (i + 1) % 2000 == 0:
            print(f"  {i + 1} comments", flush=True)
    for c in rnd.sample(ids, len(ids) // 10):
        for who in rnd.sample(range(len(residents)), min(4, len(residents))):
            kind = "support" if rnd.random() < 0.6 else "oppose"
            headers_ok = 200
            conn.request("PUT", f"/api/v1/comments/{c}/reaction", json.dumps({"kind": kind}),
                         {"Authorization": "Bearer " + residents[who], "Content-Type": "application/json",
                          "Connection": "keep-alive"})
            r = conn.getresponse()
            r.read()
            if r.status not in (headers_ok, 409, 403):
                sys.exit(f"reaction failed: {r.status}")


if __name__ == "__main__":
    main()
