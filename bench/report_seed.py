#!/usr/bin/env python3
"""Seeds one consultation for the report benchmark through the HTTP API
(seeded, so every run makes the same data): N top-level comments and R
replies spread over the resident tokens, every 20th reply by the official,
and supports and oppositions on a tenth of the comments; its questionnaire
(single choice, multiple choice, a scale 1-10, a ranking of five, free
text; results shown while open); and A answers to it, one per respondent.
Usage: report_seed.py URL CONSULTATION_ID N R OFFICIAL_TOKEN RESIDENT_TOKEN...
       report_seed.py questions URL CONSULTATION_ID OFFICIAL_TOKEN   (before publishing)
       report_seed.py answers URL CONSULTATION_ID OFFICIAL_TOKEN TOKEN_PREFIX A
         (respondent i, 1 <= i <= A, signs in with the bearer token TOKEN_PREFIX + i)"""
import http.client
import json
import random
import sys
import urllib.parse

OPTIONS = ["Lekplats", "Belysning", "Cykelbana", "Träd", "Bänkar"]

WORDS = ("cykelbana belysning korsning trafik säkerhet skolväg buss park träd "
         "lekplats bibliotek öppettider bostäder förskola torg grönytor brygga "
         "tillgänglighet klimat laddplatser pendelbåt vinter snöröjning trygghet "
         "hastighet övergångsställe kommunen förslaget bra dåligt viktigt").split()


class Api:
    def __init__(self, url):
        u = urllib.parse.urlparse(url)
        self.conn = http.client.HTTPConnection(u.hostname, u.port)

    def call(self, method, path, body, token, ok):
        headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json", "Connection": "keep-alive"}
        self.conn.request(method, path, json.dumps(body) if body is not None else None, headers)
        r = self.conn.getresponse()
        data = r.read()
        if r.status not in ok:
            sys.exit(f"{method} {path} failed: {r.status} {data[:200]!r}")
        return json.loads(data) if data else None


def questions(url, consultation, official):
    api = Api(url)
    base = f"/api/v1/consultations/{consultation}"
    for q in ({"type": "single", "text": "Vad ska byggas först?", "options": OPTIONS},
              {"type": "multiple", "text": "Vad saknas i parken?", "options": OPTIONS, "max_choices": 3},
              {"type": "scale", "text": "Hur trygg känner du dig i parken på kvällen?", "scale_max": 10,
               "low_label": "Inte alls", "high_label": "Helt trygg"},
              {"type": "ranking", "text": "Rangordna förslagen", "options": OPTIONS},
              {"type": "text", "text": "Något mer du vill säga?", "max_length": 1000}):
        api.call("POST", base + "/questions", q, official, (201,))
    api.call("PUT", base + "/questions", {"results_visibility": "during"}, official, (200,))


def answers(url, consultation, official, prefix, count):
    api = Api(url)
    rnd = random.Random(20270202)
    base = f"/api/v1/consultations/{consultation}"
    qs = api.call("GET", base + "/questions", None, official, (200,))["questions"]
    for i in range(1, count + 1):
        a = []
        for q in qs:
            kind = q["type"]
            if kind == "single":
                a.append({"question_id": q["id"], "choices": [rnd.choice(OPTIONS)]})
            elif kind == "multiple":
                a.append({"question_id": q["id"], "choices": rnd.sample(OPTIONS, rnd.randint(1, 3))})
            elif kind == "scale":
                a.append({"question_id": q["id"], "value": rnd.randint(1, 10)})
            elif kind == "ranking":
                a.append({"question_id": q["id"], "ranking": rnd.sample(OPTIONS, len(OPTIONS))})
            elif kind == "text" and rnd.random() < 0.4:
                a.append({"question_id": q["id"], "text": " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(3, 30)))})
        api.call("PUT", base + "/answer", {"answers": a}, prefix + str(i), (200, 201))
        if i % 1000 == 0:
            print(f"  {i} answers", flush=True)


def main():
    if sys.argv[1] == "questions":
        return questions(sys.argv[2], sys.argv[3], sys.argv[4])
    if sys.argv[1] == "answers":
        return answers(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], int(sys.argv[6]))
    url, consultation, n, replies, official = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
    residents = sys.argv[6:]
    rnd = random.Random(20270101)
    api = Api(url)
    conn = api.conn

    def call(method, path, body, token, ok):
        return api.call(method, path, body, token, (ok,))

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
