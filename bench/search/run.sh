#!/usr/bin/env bash
# Search benchmark: seeded corpus written in-process through the core services
# -> `samrad reindex` rate -> wrk latency on /api/v1/search (127.0.0.1 only),
# next to SQLite FTS5 on the same corpus and queries.
# Usage: bench/search/run.sh [N] [SECONDS]   (from the repository root, after
# building Release). Environment: THREADS (server threads, default 2),
# CONNECTIONS (wrk connections per run, default "1 4"), QUERY_COUNT (queries
# used by both sides, default 1000), SEED_THREADS (default 8), KEEP=1 keeps
# the folder, REUSE=FOLDER runs again on a kept folder (no seeding);
# REINDEX=0 and FTS5=0 skip those steps.
set -euo pipefail
N=${1:-100000}
SECS=${2:-20}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-"1 4"}
QUERY_COUNT=${QUERY_COUNT:-1000}
HERE=$(cd "$(dirname "$0")" && pwd)
BUILD=${BUILD:-$PWD/build}
BIN=$BUILD/samrad
SEED=$BUILD/bench/samrad_bench_seed
WORK=${REUSE:-$(mktemp -d /tmp/samrad-bench-XXXXXX)}
[ -z "${REUSE:-}" ] || KEEP=1
PORT=${PORT:-18471}
cd "$WORK"
echo "machine: $(nproc) cores, $(uname -r); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ -z "${REUSE:-}" ]; then
  "$BIN" admin create-user --data data --email bench@example.se --password bench-password \
    --name Bench --role official > /dev/null
  # The corpus is thrown away after the run, so its load skips fsync
  # (eatmydata) when available: loading is then bound by the CPU, not the disk.
  EAT=$(command -v eatmydata || true)
  $EAT "$SEED" --data data --n "$N" --seed 42 --threads "${SEED_THREADS:-8}" --corpus corpus.jsonl --queries all-queries.txt
fi
head -n "$QUERY_COUNT" all-queries.txt > queries.txt
if [ "${REINDEX:-1}" != 0 ]; then
  echo "load before reindex: $(cut -d' ' -f1-3 /proc/loadavg)"
  "$BIN" reindex --data data 2> /dev/null
fi
"$BIN" serve --data data --host 127.0.0.1 --port "$PORT" --threads "$THREADS" > serve.log 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; [ -n "${KEEP:-}" ] || rm -rf "$WORK"' EXIT
until curl -s "http://127.0.0.1:$PORT/healthz" | grep -q '"index":"ok"'; do sleep 0.2; done
curl -s "http://127.0.0.1:$PORT/healthz"; echo
# Warm the page cache and the readers, as a running server would be.
QUERIES=$WORK/queries.txt wrk -t1 -c"$THREADS" -d5s -s "$HERE/search.lua" "http://127.0.0.1:$PORT" > /dev/null
for C in $CONNECTIONS; do
  echo "load before wrk -c$C: $(cut -d' ' -f1-3 /proc/loadavg)"
  T=$(( C < 2 ? 1 : 2 ))
  echo -n "wrk -t$T -c$C --threads $THREADS: "
  QUERIES=$WORK/queries.txt wrk -t"$T" -c"$C" -d"${SECS}s" -s "$HERE/search.lua" "http://127.0.0.1:$PORT" \
    | grep -E '^search:|Requests/sec'
done
kill $SERVER || true
if [ "${FTS5:-1}" != 0 ]; then
  echo "load before fts5: $(cut -d' ' -f1-3 /proc/loadavg)"
  python3 "$HERE/fts5_bench.py" corpus.jsonl queries.txt fts5.db
fi
du -sh data/index data/samrad.db fts5.db 2> /dev/null || true
