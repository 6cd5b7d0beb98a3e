#!/usr/bin/env bash
# Search benchmark: generated corpus -> samrad (HTTP) -> reindex rate -> wrk
# latency on /api/v1/search, next to SQLite FTS5 on the same corpus and queries.
# Usage: bench/search/run.sh [N] [SECONDS]   (from the repository root, after building)
set -euo pipefail
N=${1:-20000}
SECS=${2:-20}
HERE=$(cd "$(dirname "$0")" && pwd)
BIN=${SAMRAD:-$PWD/build/samrad}
WORK=$(mktemp -d /tmp/samrad-bench-XXXXXX)
PORT=${PORT:-18471}
cd "$WORK"
python3 "$HERE/gen_corpus.py" --n "$N" --seed 42 --out corpus.jsonl --queries queries.txt
"$BIN" admin create-user --data data --email bench@example.se --password bench-password \
  --name Bench --role official > /dev/null
"$BIN" serve --data data --host 127.0.0.1 --port "$PORT" --threads 2 > serve.log 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
sleep 0.5
TOKEN=$(curl -s -X POST "http://127.0.0.1:$PORT/api/v1/sessions" -H 'Content-Type: application/json' \
  -d '{"email":"bench@example.se","password":"bench-password"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
python3 "$HERE/load.py" "$PORT" "$TOKEN" corpus.jsonl
until curl -s "http://127.0.0.1:$PORT/healthz" | grep -q '"index":"ok"'; do sleep 0.2; done
"$BIN" reindex --data data
sleep 1
curl -s "http://127.0.0.1:$PORT/healthz"; echo
QUERIES=$WORK/queries.txt wrk -t2 -c8 -d"${SECS}s" -s "$HERE/search.lua" "http://127.0.0.1:$PORT" | tail -n 12
python3 "$HERE/fts5_bench.py" corpus.jsonl queries.txt fts5.db
du -sh data/index data/samrad.db fts5.db
