"""Shared set-up of the bench data generators: the arguments DATA_DIR N
[SEED], a seeded random generator, a Swedish vocabulary (Debian's wswedish
list when installed) and the data folder's database."""
import os, random, sqlite3, sys

FALLBACK_WORDS = "cykelbana skola park trafik buss bibliotek förskola simhall gata torg"


def open_bench():
    data, n = sys.argv[1], int(sys.argv[2])
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 7)
    words_file = "/usr/share/dict/swedish"
    words = (open(words_file, encoding="latin-1").read().split() if os.path.exists(words_file)
             else FALLBACK_WORDS.split())
    return n, rng, words, sqlite3.connect(os.path.join(data, "samrad.db"))
