#!/usr/bin/env bash
# What the Merkle tree costs a durable write: posting comments with 32
# connections (bench/post_comment.lua, 32 write threads, group commit) with
# the tree and without it (SAMRAD_BENCH_WITHOUT_TREE=1, a reference only),
# alternating runs on the same data folder, then the ratio of the rates.
# Usage: bench/tlog_append_bench.sh [BUILD_DIR] [SECONDS] [ROUNDS]   (loopback only)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
secs=${2:-8}
rounds=${3:-2}
if [ -z "${NO_BUILD:-}" ]; then
  ${BUILD_LOCK:+flock "$BUILD_LOCK"} cmake --build "$build" -j2 --target samrad >/dev/null
fi
work=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
port=18595
api=http://127.0.0.1:$port
"$build/samrad" admin create-user --data "$work/data" --email bench@example.se \
  --password bench-password --name "Bench Official" --role official >/dev/null
start() {  # extra environment for samrad serve
  env "$@" SAMRAD_COMMENTS_PER_MINUTE=100000000 "$build/samrad" serve --data "$work/data" --port $port \
    >>"$work/serve.log" 2>&1 &
  pid=$!
  for _ in $(seq 50); do curl -fs "$api/healthz" >/dev/null && break; sleep 0.2; done
}
stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=; }
start
token=$(curl -s -X POST $api/api/v1/sessions -H 'Content-Type: application/json' \
  -d '{"email":"bench@example.se","password":"bench-password"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
auth=(-H "Authorization: Bearer $token" -H 'Content-Type: application/json')
id=$(curl -s -X POST $api/api/v1/consultations "${auth[@]}" -d '{"title":"Skrivtest","summary":"s","body":"b","language":"sv","opens_at":"2020-01-01","closes_at":"2099-01-01"}' \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
curl -s -X POST $api/api/v1/consultations/$id/publish "${auth[@]}" >/dev/null
stop
post() { TOKEN=$token CONSULTATION=$id wrk -t2 -c32 -d"${secs}s" -s "$root/bench/post_comment.lua" "$api" \
  | awk '/Requests\/sec/ {print $2}'; }
with=0; without=0
for r in $(seq "$rounds"); do
  start SAMRAD_BENCH_WITHOUT_TREE=1; w0=$(post); stop
  start; w1=$(post); stop
  echo "round $r: without the tree $w0/s, with the tree $w1/s"
  with=$(echo "$with + $w1" | bc -l); without=$(echo "$without + $w0" | bc -l)
done
printf 'comments/s with the tree %.0f, without %.0f, ratio %.3f\n' "$(echo "$with / $rounds" | bc -l)" \
  "$(echo "$without / $rounds" | bc -l)" "$(echo "$with / $without" | bc -l)"
"$build/samrad" verify-log --data "$work/data"
