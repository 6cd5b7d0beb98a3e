#!/usr/bin/env bash
# Export throughput: the events or comments dataset (1,000,000 generated
# rows by default) streamed as CSV over HTTP by `samrad serve`, next to `sqlite3 -csv`
# exporting the same rows from the same database in the same run. The server
# runs under /usr/bin/time -v to show its peak memory. Loopback only.
# Usage: bench/export_bench.sh [ROWS] [BUILD_DIR] [events|comments]
set -euo pipefail
rows=${1:-1000000}
build=${2:-build}
dataset=${3:-events}
samrad=$(realpath "$build/samrad")
here=$(dirname "$(realpath "$0")")
work=$(mktemp -d /tmp/samrad-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT
port=18477

"$samrad" admin create-user --data "$work/data" --email bench@example.se \
  --password bench-password --name Bench --role official >/dev/null
if [ "$dataset" = comments ]; then
  python3 "$here/gen_comments.py" "$work/data" "$rows"
  # The same rows and columns as the download (hidden bodies left out).
  query="SELECT c.id, c.consultation_id, c.parent_id, c.section_id, u.display_name, c.official,
    CASE WHEN c.hidden THEN NULL ELSE c.body END, c.created_at, c.edited_at, c.version, c.hidden,
    c.hidden_reason FROM comments c JOIN users u ON u.id = c.author_id ORDER BY c.id"
else
  python3 "$here/gen_events.py" "$work/data" "$rows"
  query="SELECT seq, at, kind, subject, actor_role, payload, prev_hash, hash FROM events ORDER BY seq"
fi
echo "database: $(du -h "$work/data/samrad.db" | cut -f1)"

/usr/bin/time -v "$samrad" serve --data "$work/data" --port $port --threads 2 \
  >"$work/serve.out" 2>"$work/serve.time" &
server=$!
for _ in $(seq 50); do grep -q listening "$work/serve.out" 2>/dev/null && break; sleep 0.1; done

curl_run() {  # $1 path: prints seconds and bytes
  curl -s -o /dev/null -H 'Connection: keep-alive' -w '%{time_total} s, %{size_download} bytes\n' \
    "http://127.0.0.1:$port$1"
}
echo "warm-up (page cache): $(curl_run /opendata/$dataset.csv)"
echo "HTTP CSV:    $(curl_run /opendata/$dataset.csv)"
echo "HTTP NDJSON: $(curl_run /opendata/$dataset.ndjson)"
echo "HTTP JSON:   $(curl_run /opendata/$dataset.json)"
start=$(date +%s.%N)
sqlite3 -csv -header "$work/data/samrad.db" \
  "$query" >"$work/sqlite.csv"
end=$(date +%s.%N)
echo "sqlite3 -csv: $(echo "$end - $start" | bc) s, $(stat -c %s "$work/sqlite.csv") bytes"
curl -s -o "$work/http.csv" "http://127.0.0.1:$port/opendata/$dataset.csv"
echo "rows in HTTP CSV: $(python3 -c "import csv,sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], newline=''))) - 1)" "$work/http.csv")"
# /usr/bin/time does not pass SIGINT on: stop the server itself, by its pid.
kill -INT "$(ps -o pid= --ppid $server)"
wait $server || true
grep -E "Maximum resident set size|Elapsed" "$work/serve.time"
