#!/usr/bin/env bash
# Consultation report benchmark: seeds one consultation with 10,000 comments
# and 2,000 replies (SEED_COMMENTS, SEED_REPLIES) through the API, then times
# the report as HTML (first, compiled and rendered; then from the cache),
# JSON and PDF, beside the consultation's own first thread page in the same
# run, and reads the server's peak RSS from /usr/bin/time -v at the end.
# Usage: bench/report_bench.sh [BUILD_DIR]   (loopback only)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
comments=${SEED_COMMENTS:-10000}
replies=${SEED_REPLIES:-2000}
work=$(mktemp -d)
pid=
# pid is /usr/bin/time's; the server is its child (time does not pass signals on).
cleanup() { [ -n "$pid" ] && pkill -TERM -P "$pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

port=18490
"$build/samrad" admin create-user --data "$work/data" --email bench@example.se \
  --password bench-password --name "Bench Official" --role official >/dev/null
for i in $(seq 1 12); do
  "$build/samrad" admin create-user --data "$work/data" --email "r$i@example.se" \
    --password bench-password --name "Resident $i" --role resident >/dev/null
done
SAMRAD_COMMENTS_PER_MINUTE=100000000 /usr/bin/time -v -o "$work/time.txt" \
  "$build/samrad" serve --data "$work/data" --port $port >"$work/serve.log" 2>&1 &
pid=$!
sleep 1
api=http://127.0.0.1:$port
token() {
  curl -s -X POST $api/api/v1/sessions -H 'Content-Type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"bench-password\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'
}
official=$(token bench@example.se)
residents=()
for i in $(seq 1 12); do residents+=("$(token "r$i@example.se")"); done
auth=(-H "Authorization: Bearer $official" -H 'Content-Type: application/json')
id=$(curl -s -X POST $api/api/v1/consultations "${auth[@]}" \
  -d '{"title":"Rapportbänk","summary":"s","body":"b","language":"sv","opens_at":"2020-01-01","closes_at":"2099-01-01","sections":[{"heading":"Ett","body":"a"},{"heading":"Två","body":"b"}]}' \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
curl -s -X POST $api/api/v1/consultations/$id/publish "${auth[@]}" >/dev/null
echo "seeding $comments comments and $replies replies"
python3 "$root/bench/report_seed.py" $api "$id" "$comments" "$replies" "$official" "${residents[@]}"

get() {  # prints seconds and bytes of one GET as the official
  curl -s -o "$work/out" -w '%{time_total} %{size_download}\n' -H "Authorization: Bearer $official" "$api$1"
}
echo "thread page (reference):  $(get /consultations/$id) s bytes"
echo "thread page (reference):  $(get /consultations/$id) s bytes"
echo "report HTML, first:       $(get /consultations/$id/report) s bytes"
echo "report HTML, cached:      $(get /consultations/$id/report) s bytes"
echo "report HTML, English:     $(get "/consultations/$id/report?lang=en") s bytes"
echo "report JSON:              $(get /consultations/$id/report.json) s bytes"
echo "report PDF, first:        $(get /consultations/$id/report.pdf) s bytes"
echo "pages: $(pdfinfo "$work/out" | awk '/^Pages:/ {print $2}')"
echo "report PDF, cached:       $(get /consultations/$id/report.pdf) s bytes"
pkill -TERM -P "$pid"
wait "$pid" || true
pid=
echo "peak RSS of samrad serve: $(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt") kB"
