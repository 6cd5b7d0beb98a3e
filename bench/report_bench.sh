#!/usr/bin/env bash
# Consultation report benchmark: seeds one consultation with 10,000 comments,
# 2,000 replies (SEED_COMMENTS, SEED_REPLIES) and a questionnaire of five
# questions answered by 5,000 respondents (SEED_ANSWERS) through the API,
# and a reference consultation with the same comments and no questionnaire
# (SEED_REF_COMMENTS); then times the report as HTML (first, compiled and
# rendered; then from the cache), JSON and PDF (first and cached), the
# consultation page with its questionnaire against the reference's page in
# the same run, and reads the server's peak RSS (VmHWM, and /usr/bin/time -v).
# Usage: bench/report_bench.sh [BUILD_DIR]   (loopback only)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
comments=${SEED_COMMENTS:-10000}
replies=${SEED_REPLIES:-2000}
answers=${SEED_ANSWERS:-5000}
ref_comments=${SEED_REF_COMMENTS:-$comments}
work=$(mktemp -d)
pid=
# pid is /usr/bin/time's; the server is its child (time does not pass signals on).
cleanup() { [ -n "$pid" ] && pkill -TERM -P "$pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

port=18490
"$build/samrad" admin create-user --data "$work/data" --email bench@example.se \
  --password bench-password --name "Bench Official" --role official >/dev/null
for i in $(seq 1 12); do
  "$build/samrad" admin create-user --data "$work/data" --email "r$i@example.se" \
    --password bench-password --name "Resident $i" --role resident >/dev/null
done
# The respondents and their sessions go straight into the database (signing
# in 5,000 times would time the password hash); their answers go through the API.
python3 - "$work/data/samrad.db" "$answers" <<'PY'
import hashlib, sqlite3, sys
c = sqlite3.connect(sys.argv[1], timeout=60)
with c:
    for i in range(1, int(sys.argv[2]) + 1):
        cur = c.execute("INSERT INTO users (email, display_name, role, created_at) VALUES (?, ?, 'resident', "
                        "'2026-12-01T00:00:00Z')", (f"svar{i}@example.se", f"Svarande {i}"))
        token = f"bench-answer-{i}"
        c.execute("INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, "
                  "'2026-12-01T00:00:00Z', '2099-01-01T00:00:00Z')",
                  (hashlib.sha256(token.encode()).hexdigest(), cur.lastrowid))
PY
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
consultation() {  # creates a consultation (draft); prints its id
  curl -s -X POST $api/api/v1/consultations "${auth[@]}" \
    -d "{\"title\":\"$1\",\"summary\":\"s\",\"body\":\"b\",\"language\":\"sv\",\"opens_at\":\"2020-01-01\",\"closes_at\":\"2099-01-01\",\"sections\":[{\"heading\":\"Ett\",\"body\":\"a\"},{\"heading\":\"Två\",\"body\":\"b\"}]}" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'
}
id=$(consultation Rapportbänk)
python3 "$root/bench/report_seed.py" questions $api "$id" "$official"
curl -s -X POST $api/api/v1/consultations/$id/publish "${auth[@]}" >/dev/null
ref=$(consultation Referens)
curl -s -X POST $api/api/v1/consultations/$ref/publish "${auth[@]}" >/dev/null
echo "seeding $comments comments and $replies replies"
python3 "$root/bench/report_seed.py" $api "$id" "$comments" "$replies" "$official" "${residents[@]}"
echo "seeding $answers questionnaire answers"
python3 "$root/bench/report_seed.py" answers $api "$id" "$official" bench-answer- "$answers"
echo "seeding the reference: $ref_comments comments and $replies replies, no questionnaire"
python3 "$root/bench/report_seed.py" $api "$ref" "$ref_comments" "$replies" "$official" "${residents[@]}"

get() {  # prints seconds and bytes of one GET as the official
  curl -s -o "$work/out" -w '%{time_total} %{size_download}\n' -H "Authorization: Bearer $official" "$api$1"
}
once() {  # seconds of one GET, anonymous or with the bearer token $2
  curl -s -o /dev/null -w '%{time_total}' ${2:+-H "Authorization: Bearer $2"} "$api$1"
}
median() {  # the median seconds of 7 more GETs like once
  for _ in 1 2 3 4 5 6 7; do once "$@"; echo; done | sort -n | sed -n 4p
}
ratio() { python3 -c "print(round($1 / $2, 2))"; }
echo "load average before measuring: $(cut -d' ' -f1-3 /proc/loadavg)"
# The consultation pages: the first request after seeding (nothing cached
# for them), then the median of 7, anonymous and signed in as the official.
with_first=$(once /consultations/$id); without_first=$(once /consultations/$ref)
with=$(median /consultations/$id); without=$(median /consultations/$ref)
with_off=$(median /consultations/$id "$official"); without_off=$(median /consultations/$ref "$official")
echo "consultation page first, with questionnaire / without (reference): $with_first / $without_first s, ratio $(ratio $with_first $without_first)"
echo "consultation page median of 7, anonymous, with / without:        $with / $without s, ratio $(ratio $with $without)"
echo "consultation page median of 7, signed in, with / without:        $with_off / $without_off s, ratio $(ratio $with_off $without_off)"
echo "questionnaire page with results, first / median of 7: $(once /consultations/$id/questionnaire) / $(median /consultations/$id/questionnaire) s"
echo "report HTML, first:       $(get /consultations/$id/report) s bytes"
echo "report HTML, cached:      $(get /consultations/$id/report) s bytes"
echo "report HTML, English:     $(get "/consultations/$id/report?lang=en") s bytes"
echo "report JSON, first:       $(get /consultations/$id/report.json) s bytes"
echo "report JSON, cached:      $(get /consultations/$id/report.json) s bytes"
echo "report PDF, first:        $(get /consultations/$id/report.pdf) s bytes"
echo "pages: $(pdfinfo "$work/out" | awk '/^Pages:/ {print $2}')"
echo "report PDF, cached:       $(get /consultations/$id/report.pdf) s bytes"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
server=$(pgrep -P "$pid" samrad || true)
[ -n "$server" ] && echo "VmHWM of samrad serve: $(awk '/^VmHWM/ {print $2}' /proc/$server/status) kB"
pkill -TERM -P "$pid"
wait "$pid" || true
pid=
echo "peak RSS of samrad serve: $(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt") kB"
