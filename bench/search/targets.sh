#!/usr/bin/env bash
# The search rows of the reads table: distinct queries over 100,000 items
# (p95 over HTTP, one connection, every request a search not asked before,
# so none comes from the read cache) and the slowest search at 1,000,000
# items: the same kind of distinct queries, then the wildcards and the
# empty query (newest first) one at a time. 127.0.0.1 only.
# Usage: bench/search/targets.sh   (from the repository root, after a
# Release build). DIR100K / DIR1M reuse folders seeded as in run.sh (with
# data/ and all-queries.txt); otherwise both are seeded here (about 10
# minutes at 1M). SECONDS_PER_RUN (default 20). With BENCH_TABLE set, the
# rows are also appended to that file.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
BUILD=${BUILD:-$PWD/build}
SECS=${SECONDS_PER_RUN:-20}
PORT=${PORT:-18473}
URL=http://127.0.0.1:$PORT
tmp=$(mktemp -d /tmp/samrad-targets-XXXXXX)
server=""
cleanup() { [ -z "$server" ] || kill "$server" 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT

folder() {  # N EXISTING: prints a folder holding data/ and all-queries.txt for N items
  if [ -n "$2" ]; then echo "$2"; return; fi
  local d=$tmp/n$1
  mkdir -p "$d"
  "$BUILD/samrad" admin create-user --data "$d/data" --email bench@example.se \
    --password bench-password --name Bench --role official > /dev/null
  $(command -v eatmydata || true) "$BUILD/bench/samrad_bench_seed" --data "$d/data" --n "$1" --seed 42 \
    --threads 8 --corpus "$d/corpus.jsonl" --queries "$d/all-queries.txt" > /dev/null
  "$BUILD/samrad" reindex --data "$d/data" > /dev/null 2>&1
  echo "$d"
}
serve() {  # FOLDER
  "$BUILD/samrad" serve --data "$1/data" --host 127.0.0.1 --port "$PORT" --threads 2 > "$tmp/serve.log" 2>&1 &
  server=$!
  until curl -s "$URL/healthz" | grep -q '"index":"ok"'; do sleep 0.2; done
  # Warm the readers and the page cache as a running server would be.
  QUERIES=$1/all-queries.txt wrk -t1 -c1 -d5s -s "$HERE/search.lua" "$URL" > /dev/null
}
stop() { kill "$server"; wait "$server" 2>/dev/null || true; server=""; }
distinct() {  # FOLDER: "p95 max" in ms
  DISTINCT=1 QUERIES=$1/all-queries.txt wrk -t1 -c1 -d"${SECS}s" -s "$HERE/search.lua" "$URL" |
    tee -a "$tmp/wrk.log" | awk '/^search:/ {gsub(",", ""); print $10, $16}'
}
rows=()
verdict() { [ "$(echo "$1 <= $2" | bc -l)" = 1 ] && echo met || echo "not met"; }

d100k=$(folder 100000 "${DIR100K:-}")
serve "$d100k"
read -r p95 max100k < <(distinct "$d100k")
stop
rows+=("| search, distinct queries, 100,000 items, p95 over HTTP (1 connection, ${SECS} s) | $p95 ms | | | 5 ms | $(verdict "$p95" 5) |")

d1m=$(folder 1000000 "${DIR1M:-}")
serve "$d1m"
read -r p95_1m max1m < <(distinct "$d1m")
slowest=$max1m
slowest_query="one of the distinct queries"
# One at a time, each with a page size not asked before.
limit=40
for q in 'a%2A' 's%2A' 'k%2A' 'a%2A+kommun' 'ko%2A+kommun' 'ko%2A+stad' 'ko%2A+park' 'kx%2A+stad' 's%2A+k%2A' 'title%3Ak%2A' 'kommun' ''; do
  for _ in 1 2 3; do
    limit=$((limit + 1))
    ms=$(curl -s -o /dev/null -w '%{time_total}' "$URL/api/v1/search?q=$q&limit=$limit" | awk '{print $1 * 1000}')
    echo "1M q=$q: $ms ms" >> "$tmp/each.log"
    if [ "$(echo "$ms > $slowest" | bc -l)" = 1 ]; then
      slowest=$ms
      slowest_query="q=$(printf '%s' "$q" | sed 's/%2A/*/g; s/%3A/:/g; s/+/ /g')"
    fi
  done
done
stop
rows+=("| search, slowest of distinct queries (p95 $p95_1m ms), wildcards and the empty query, 1,000,000 items | $slowest ms (${slowest_query:-the empty query}) | | | 50 ms | $(verdict "$slowest" 50) |")

paste -sd' ' "$tmp/each.log" | sed 's/%2A/*/g; s/%3A/:/g; s/+/ /g'
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%s\n' "${rows[@]}"
[ -z "${BENCH_TABLE:-}" ] || printf '%s\n' "${rows[@]}" >> "$BENCH_TABLE"
