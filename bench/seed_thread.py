#!/usr/bin/env python3
"""Seeds one consultation with N comments through the HTTP API (seeded, so
every run makes the same thread): about 80 % top-level, the rest replies.
Usage: seed_thread.py URL TOKEN CONSULTATION_ID [N]"""
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
    url, token, consultation = sys.argv[1], sys.argv[2], sys.argv[3]
    n = int(sys.argv[4]) if len(sys.argv) > 4 else 10000
    rnd = random.Random(20270101)
    u = urllib.parse.urlparse(url)
    conn = http.client.HTTPConnection(u.hostname, u.port)
    headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json",
               "Connection": "keep-alive"}
    ids = []
    for i in range(n):
        body = {"body": f"{i}: " + " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(8, 60)))}
        if ids and rnd.random() < 0.2:
            body["parent_id"] = rnd.choice(ids)
        conn.request("POST", f"/api/v1/consultations/{consultation}/comments", json.dumps(body), headers)
        r = conn.getresponse()
        data = r.read()
        if r.status != 201:
            sys.exit(f"post {i} failed: {r.status} {data[:200]!r}")
        ids.append(json.loads(data)["id"])
        if (i + 1) % 1000 == 0:
            print(f"  {i + 1} comments", flush=True)


if __name__ == "__main__":
    main()
