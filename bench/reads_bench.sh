#!/usr/bin/env bash
# Reads at the speed of the transport: every hot read of samrad next to a bare
# Pistache 0.0.5 "hello" (bench/bare_pistache.cpp, same compiler), alternating
# bare and samrad run by run, and posting with 32 writers. Prints one table of
# requests per second and the ratio of each to the bare run just before it.
# Data: the demo municipality plus one open consultation with a 2,000-comment
# thread (bench/seed_thread.py). Loopback only.
# Usage: bench/reads_bench.sh [BUILD_DIR] [SECONDS]   (CONNECTIONS, default 64)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
secs=${2:-8}
conns=${CONNECTIONS:-64}
# Shared working trees build under a lock (BUILD_LOCK=/path); NO_BUILD=1 skips it.
if [ -z "${NO_BUILD:-}" ]; then
  ${BUILD_LOCK:+flock "$BUILD_LOCK"} cmake --build "$build" -j2 --target samrad bare_pistache >/dev/null
fi
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

port=18580
bare=18581
"$build/bench/bare_pistache" $bare "$(nproc)" >/dev/null & pids+=($!)
"$build/samrad" demo-data --data "$work/data" >/dev/null
"$build/samrad" admin create-user --data "$work/data" --email bench@example.se \
  --password bench-password --name "Bench Official" --role official >/dev/null
SAMRAD_COMMENTS_PER_MINUTE=100000000 "$build/samrad" serve --data "$work/data" \
  --port $port ${THREADS:+--threads "$THREADS"} >"$work/serve.log" 2>&1 & pids+=($!)
api=http://127.0.0.1:$port
for _ in $(seq 50); do curl -fs "$api/healthz" >/dev/null && break; sleep 0.2; done
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
token=$(curl -s -X POST $api/api/v1/sessions -H 'Content-Type: application/json' \
  -d '{"email":"bench@example.se","password":"bench-password"}' | json 'd["token"]')
auth=(-H "Authorization: Bearer $token" -H 'Content-Type: application/json')
new_consultation() {
  local id
  id=$(curl -s -X POST $api/api/v1/consultations "${auth[@]}" -d "{\"title\":\"$1\",\"summary\":\"Cykelvägar i centrum\",\"body\":\"Hur ska cykelvägarna dras?\",\"language\":\"sv\",\"opens_at\":\"2020-01-01\",\"closes_at\":\"2099-01-01\"}" | json 'd["id"]')
  curl -s -X POST $api/api/v1/consultations/$id/publish "${auth[@]}" >/dev/null
  echo "$id"
}
long=$(new_consultation "Lång tråd om cykelvägar")
posts=$(new_consultation "Skrivtest")
python3 "$root/bench/seed_thread.py" $api "$token" "$long" "${SEED_COMMENTS:-2000}" >/dev/null
decision=$(curl -s "$api/api/v1/decisions?limit=1" | json 'd["items"][0]["id"]')
sleep 2  # the search index catches up with the seeded comments

ka=(-H 'Connection: keep-alive')
rate() { wrk -t2 -c"$conns" -d"${secs}s" "${ka[@]}" "$@" | awk '/Requests\/sec/ {print $2}'; }
rows=()
measure() {  # LABEL TARGET wrk-arguments...   (TARGET: the least ratio, or - for none)
  local label=$1 target=$2; shift 2
  local b s r verdict=""
  b=$(rate "http://127.0.0.1:$bare/")
  s=$(rate "$@")
  r=$(echo "$s / $b" | bc -l)
  [ "$target" = - ] || verdict=$(echo "$r >= $target" | bc -l | sed 's/1/met/; s/0/not met/')
  rows+=("$(printf '| %s | %.0f | %.0f | %.2f | %s | %s |' "$label" "$s" "$b" "$r" "${target/-/}" "$verdict")")
  echo "${rows[-1]}" >&2
}
cookie=(-H "Cookie: samrad_session=$token")
measure "/healthz" 0.9 "$api/healthz"
measure "one consultation, JSON" 0.8 "$api/api/v1/consultations/$long"
measure "one decision, JSON" 0.8 "$api/api/v1/decisions/$decision"
measure "consultation list (limit=20)" 0.6 "$api/api/v1/consultations?limit=20"
measure "decision list (limit=20)" 0.6 "$api/api/v1/decisions?limit=20"
measure "search q=cykel, repeated" 0.5 "$api/api/v1/search?q=cykel"
measure "Atom feed (consultations)" 0.7 "$api/feeds/consultations.atom"
measure "Atom feed (decisions)" 0.7 "$api/feeds/decisions.atom"
measure "thread page 1, JSON" - "$api/api/v1/consultations/$long/comments"
measure "2,000-comment consultation page, signed out" 0.5 "$api/consultations/$long"
measure "same page, signed out, gzip" - -H 'Accept-Encoding: gzip' "$api/consultations/$long"
measure "same page, signed in" 0.2 "${cookie[@]}" "$api/consultations/$long"
measure "start page, signed out" 0.5 "$api/"
measure "/consultations, signed out" 0.5 "$api/consultations"
measure "start page, signed in" - "${cookie[@]}" "$api/"
measure "/consultations, signed in" - "${cookie[@]}" "$api/consultations"
before=$(curl -s "$api/api/v1/consultations/$posts" | json 'd["comment_count"]')
TOKEN=$token CONSULTATION=$posts wrk -t2 -c32 -d"${secs}s" -s "$root/bench/post_comment.lua" "$api" >/dev/null
after=$(curl -s "$api/api/v1/consultations/$posts" | json 'd["comment_count"]')
posted=$(( (after - before) / secs ))
rows+=("$(printf '| posting comments, 32 writers, durable (comments/s) | %d | | | 3000/s | %s |' "$posted" \
  "$([ "$posted" -ge 3000 ] && echo met || echo "not met")")")
echo
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); wrk -t2 -c$conns -d${secs}s keep-alive"
echo "| read | samrad req/s | bare Pistache req/s (run before) | ratio | target | |"
echo "|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
# bench/run gathers every benchmark's rows into one table.
[ -z "${BENCH_TABLE:-}" ] || printf '%s\n' "${rows[@]}" >> "$BENCH_TABLE"
"$build/samrad" verify-log --data "$work/data" >/dev/null 2>&1 && echo "event log verifies" || echo "event log does NOT verify"
