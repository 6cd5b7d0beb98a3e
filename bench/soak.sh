#!/usr/bin/env bash
# Soak: a mixed load (reads, comment posts, searches, feeds, exports) against
# one server for a configurable time; reports throughput, errors, and the
# server's memory and open files at the start and the end. 127.0.0.1 only.
# Usage: bench/soak.sh [DURATION (wrk syntax, default 60s)] [BUILD_DIR]
set -euo pipefail
duration=${1:-60s}
build=${2:-build}
port=18995
data=$(mktemp -d)
cleanup() { [ -n "${server:-}" ] && kill "$server" 2>/dev/null || true; rm -rf "$data"; }
trap cleanup EXIT

"$build/samrad" demo-data --data "$data" > /dev/null
"$build/samrad" admin create-user --data "$data" --email soak@example.org \
  --password soak-losenord-1 --name Soak --role resident > /dev/null
SAMRAD_COMMENTS_PER_MINUTE=1000000 "$build/samrad" serve --data "$data" --port $port --threads 8 \
  > "$data/serve.log" 2>&1 &
server=$!
sleep 1
base=http://127.0.0.1:$port
token=$(curl -s -X POST -H 'Content-Type: application/json' \
  -d '{"email":"soak@example.org","password":"soak-losenord-1"}' $base/api/v1/sessions |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
consultation=$(curl -s "$base/api/v1/consultations?state=open&limit=1" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
mem() { awk '/VmRSS/ {print $2}' /proc/$server/status; }
fds() { ls /proc/$server/fd | wc -l; }
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {print $2}' /proc/meminfo) kB; load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "start: RSS $(mem) kB, open files $(fds)"
# RSS every 15 s during the run: flat once the working set (readers, the
# bounded read cache) is in place.
( while kill -0 $server 2>/dev/null; do sleep 15; echo "$(date +%T) RSS $(mem) kB" >> "$data/rss.log"; done ) &
sampler=$!
SOAK_TOKEN=$token SOAK_CONSULTATION=$consultation \
  wrk -t2 -c32 -d"$duration" -s bench/soak.lua --latency "$base" | grep -E "^soak:|Requests/sec"
kill $sampler 2>/dev/null || true
echo "RSS during the run: $(awk '{print $3}' "$data/rss.log" 2>/dev/null | tr '\n' ' ')kB"
echo "end: RSS $(mem) kB, open files $(fds); comments now $(curl -s $base/api/v1/consultations/$consultation |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["comment_count"])')"
# Flat: after the first sample (the working set in place) RSS grows by under a tenth.
first=$(awk 'NR == 1 {print $3}' "$data/rss.log" 2>/dev/null || true)
last=$(mem)
if [ -n "$first" ] && [ -n "${BENCH_TABLE:-}" ]; then
  growth=$(echo "$last / $first" | bc -l)
  printf '| soak %s: server RSS, first sample to the end | %s kB to %s kB | | %.2f | under 1.10 | %s |\n' \
    "$duration" "$first" "$last" "$growth" "$([ "$(echo "$growth < 1.10" | bc -l)" = 1 ] && echo met || echo "not met")" >> "$BENCH_TABLE"
fi
curl -s $base/api/v1/log/verify | python3 -c 'import json,sys; v=json.load(sys.stdin); print("log verify:", v["ok"], v["entries"], "entries")'
