#!/usr/bin/env python3
# Seeded generator of a consultation corpus with Swedish vocabulary (Debian's
# wswedish list) and a few English ones, plus a file of 1-3 word queries.
import argparse, json, random

EN = ("council decision parking traffic school library park budget housing water road "
      "bicycle lane safety noise energy climate bus train station harbour culture sport "
      "health elderly care children youth playground tree forest lake beach").split()
AREAS = ["Sickla", "Nacka", "Centrum", "Saltsjöbaden", "Fisksätra", "Boo", "Älta", "Orminge"]

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--dict", default="/usr/share/dict/swedish")
    ap.add_argument("--out", default="corpus.jsonl")
    ap.add_argument("--queries", default="queries.txt")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    words = [w.strip() for w in open(a.dict, encoding="latin-1")]  # wswedish is ISO-8859-1
    words = [w for w in words if w.isalpha() and w.islower() and 3 <= len(w) <= 14]
    rng.shuffle(words)
    vocab = words[:20000]
    # Zipf-like: a few words are common, most are rare, as in real text.
    weights = [1.0 / (i + 1) for i in range(len(vocab))]
    def text(n, lang):
        if lang == "en":
            return " ".join(rng.choice(EN) for _ in range(n))
        return " ".join(rng.choices(vocab, weights, k=n))
    with open(a.out, "w", encoding="utf-8") as out:
        for i in range(a.n):
            lang = "en" if rng.random() < 0.1 else "sv"
            doc = {"title": text(rng.randint(3, 7), lang).capitalize(),
                   "summary": text(rng.randint(10, 25), lang),
                   "body": text(rng.randint(60, 200), lang),
                   "language": lang, "area": rng.choice(AREAS),
                   "opens_at": "2027-0%d-01" % rng.randint(1, 9),
                   "closes_at": "2028-0%d-01" % rng.randint(1, 9)}
            out.write(json.dumps(doc, ensure_ascii=False) + "\n")
    with open(a.queries, "w", encoding="utf-8") as q:
        for _ in range(1000):
            n = rng.choice([1, 1, 2, 2, 3])
            q.write(" ".join(rng.choices(vocab[:2000], weights[:2000], k=n)) + "\n")

main()
