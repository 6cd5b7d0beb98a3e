#!/usr/bin/env bash
# Comment benchmark: seeds a 10,000-comment thread through the API, then
# measures with wrk (keep-alive) the first page of that thread (plain and
# gzip) and posting with 32 connections, beside a bare Pistache "hello" (one
# I/O thread per core) in the same run. THREADS and WRITE_THREADS set
# samrad's --threads and --write-threads.
# Usage: bench/comments_bench.sh [BUILD_DIR] [SECONDS]   (loopback only)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
secs=${2:-10}
# samrad's own defaults unless THREADS / WRITE_THREADS are set; bare Pistache
# runs one I/O thread per core.
serve_args=(${THREADS:+--threads "$THREADS"} ${WRITE_THREADS:+--write-threads "$WRITE_THREADS"})
seed=${SEED_COMMENTS:-10000}
cmake --build "$build" -j2 --target samrad bare_pistache >/dev/null
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

port=18480
bare=18481
"$build/bench/bare_pistache" $bare "$(nproc)" >/dev/null & pids+=($!)
"$build/samrad" admin create-user --data "$work/data" --email bench@example.se \
  --password bench-password --name "Bench Official" --role official >/dev/null
SAMRAD_COMMENTS_PER_MINUTE=100000000 "$build/samrad" serve --data "$work/data" \
  --port $port "${serve_args[@]}" >"$work/serve.log" 2>&1 & pids+=($!)
sleep 1
api=http://127.0.0.1:$port
token=$(curl -s -X POST $api/api/v1/sessions -H 'Content-Type: application/json' \
  -d '{"email":"bench@example.se","password":"bench-password"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
auth=(-H "Authorization: Bearer $token" -H 'Content-Type: application/json')
new_consultation() {
  local id
  id=$(curl -s -X POST $api/api/v1/consultations "${auth[@]}" -d "{\"title\":\"$1\",\"summary\":\"s\",\"body\":\"b\",\"language\":\"sv\",\"opens_at\":\"2020-01-01\",\"closes_at\":\"2099-01-01\"}" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  curl -s -X POST $api/api/v1/consultations/$id/publish "${auth[@]}" >/dev/null
  echo "$id"
}
long=$(new_consultation "Lång tråd")
short=$(new_consultation "Kort tråd")
posts=$(new_consultation "Skrivtest")
echo "seeding $seed comments into consultation $long (and 10 into $short) ..."
start=$(date +%s.%N)
python3 "$root/bench/seed_thread.py" $api "$token" "$long" "$seed"
python3 "$root/bench/seed_thread.py" $api "$token" "$short" 10
echo "seeded in $(echo "$(date +%s.%N) - $start" | bc) s"

ka=(-H 'Connection: keep-alive')
echo; echo "== bare pistache hello: wrk -t2 -c32 -d${secs}s"
wrk -t2 -c32 -d"${secs}s" "${ka[@]}" http://127.0.0.1:$bare/
echo; echo "== first page of the 10,000-comment thread: wrk -t2 -c32 -d${secs}s"
wrk -t2 -c32 -d"${secs}s" "${ka[@]}" "$api/api/v1/consultations/$long/comments"
echo; echo "== the same page gzip-compressed (Accept-Encoding: gzip): wrk -t2 -c32 -d${secs}s"
wrk -t2 -c32 -d"${secs}s" "${ka[@]}" -H 'Accept-Encoding: gzip' "$api/api/v1/consultations/$long/comments"
echo; echo "== first page of a 10-comment thread: wrk -t2 -c32 -d${secs}s"
wrk -t2 -c32 -d"${secs}s" "${ka[@]}" "$api/api/v1/consultations/$short/comments"
echo; echo "== posting comments, 32 connections: wrk -t2 -c32 -d${secs}s -s bench/post_comment.lua"
before=$(curl -s "$api/api/v1/consultations/$posts" | python3 -c 'import json,sys; print(json.load(sys.stdin)["comment_count"])')
TOKEN=$token CONSULTATION=$posts wrk -t2 -c32 -d"${secs}s" -s "$root/bench/post_comment.lua" "$api"
after=$(curl -s "$api/api/v1/consultations/$posts" | python3 -c 'import json,sys; print(json.load(sys.stdin)["comment_count"])')
echo "comments stored by the posting run: $((after - before))"
"$build/samrad" verify-log --data "$work/data" 2>/dev/null || true
