#!/usr/bin/env bash
# Feeds benchmark: a 50-entry consultations feed served with keep-alive, its
# 304 answers, and a bare Pistache hello for comparison. Loads 127.0.0.1 only.
# Usage: bench/feeds_bench.sh [BUILD_DIR] (default build). Needs wrk and curl.
set -euo pipefail
build=${1:-build}
port=18990
bare_port=18991
duration=${DURATION:-10s}
conns=${CONNECTIONS:-32}
data=$(mktemp -d)
cleanup() {
  [ -n "${server:-}" ] && kill "$server" 2>/dev/null || true
  [ -n "${bare:-}" ] && kill "$bare" 2>/dev/null || true
  rm -rf "$data"
}
trap cleanup EXIT

"$build/samrad" admin create-user --data "$data" --email bench@example.org \
  --password benchbench --name Bench --role official > /dev/null
"$build/samrad" serve --data "$data" --port $port --threads 2 > "$data/serve.log" 2>&1 &
server=$!
sleep 1
base=http://127.0.0.1:$port
token=$(curl -s -X POST -H 'Content-Type: application/json' \
  -d '{"email":"bench@example.org","password":"benchbench"}' $base/api/v1/sessions |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
# Seeded text: the same 50 consultations (about 1 KB of Markdown each) every run.
body=$(python3 -c 'import random; r=random.Random(7); w=["cykelbana","skola","park","buss","bibliotek","torg","belysning","trygghet","bostad","gata"]; print(" ".join(r.choice(w) for _ in range(110)))')
for i in $(seq 1 50); do
  id=$(curl -s -X POST -H 'Content-Type: application/json' -H "Authorization: Bearer $token" \
    -d "{\"title\":\"Samråd $i om trafik\",\"summary\":\"Sammanfattning $i\",\"body\":\"$body\",\"language\":\"sv\",\"area\":\"Sickla\",\"tags\":[\"trafik\",\"cykel\"],\"opens_at\":\"2027-01-02\",\"closes_at\":\"2027-02-02\"}" \
    $base/api/v1/consultations | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  curl -s -o /dev/null -X POST -H "Authorization: Bearer $token" $base/api/v1/consultations/$id/publish
done
feed=$base/feeds/consultations.atom
etag=$(curl -s -D - -o "$data/feed.atom" $feed | awk -F': ' 'tolower($1)=="etag"{print $2}' | tr -d '\r')
echo "feed: $(grep -c '<entry' "$data/feed.atom") entries, $(wc -c < "$data/feed.atom") bytes, ETag $etag"

echo "== 200: 50-entry Atom feed"
wrk -t2 -c"$conns" -d"$duration" -H "Connection: keep-alive" $feed
echo "== 304: If-None-Match"
wrk -t2 -c"$conns" -d"$duration" -H "Connection: keep-alive" -H "If-None-Match: $etag" $feed

"$build/bench/bare_pistache" $bare_port 2 &
bare=$!
sleep 1
echo "== bare Pistache hello"
wrk -t2 -c"$conns" -d"$duration" -H "Connection: keep-alive" http://127.0.0.1:$bare_port/
