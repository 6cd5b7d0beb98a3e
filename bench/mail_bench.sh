#!/usr/bin/env bash
# E-mail benchmark: (1) N (default 10,000) queued notifications composed and
# delivered over SMTP to a local aiosmtpd sink, beside the sink's own ceiling
# (smtplib, one connection) in the same run; (2) durable comment posting with
# 32 connections into a consultation with 100 followers, with the mailer off
# (--no-mail) and on (SMTP to the sink), alternated in the same run.
# Usage: bench/mail_bench.sh [BUILD_DIR] [SECONDS]   (loopback only)
# MESSAGES=N sets the fan-out (0 skips it); NO_BUILD=1 skips the build.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
secs=${2:-10}
n=${MESSAGES:-10000}
[ -n "${NO_BUILD:-}" ] || ${BUILD_LOCK:+flock "$BUILD_LOCK"} cmake --build "$build" -j2 --target samrad >/dev/null
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

if [ "$n" -gt 0 ]; then  # MESSAGES=0: the posting half only
  echo "== delivery of $n messages"
  /usr/bin/python3 "$root/bench/mail_delivery_bench.py" "$build/samrad" "$n"
fi

echo; echo "== posting comments, 32 connections, ${secs}s each, mailer off and on"
/usr/bin/python3 "$root/tests/mail/smtp_sink.py" --dir "$work/sink" >"$work/sink.out" & pids+=($!)
sleep 1
sink_port=$(sed -n 's/listening //p' "$work/sink.out")
"$build/samrad" admin create-user --data "$work/data" --email bench@example.se \
  --password bench-password --name "Bench Official" --role official >/dev/null
post_run() {  # label, extra serve flags...
  local label=$1; shift
  local port api
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  api=http://127.0.0.1:$port
  SAMRAD_COMMENTS_PER_MINUTE=100000000 "$build/samrad" serve --data "$work/data" --port $port "$@" \
    >"$work/serve.log" 2>&1 &
  local pid=$!
  pids+=($pid)
  for _ in $(seq 50); do curl -sf $api/healthz >/dev/null && break; sleep 0.1; done
  local token id
  token=$(curl -s -X POST $api/api/v1/sessions -H 'Content-Type: application/json' \
    -d '{"email":"bench@example.se","password":"bench-password"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
  id=$(curl -s -X POST $api/api/v1/consultations -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d '{"title":"Skrivtest","summary":"s","body":"b","language":"sv","opens_at":"2020-01-01","closes_at":"2099-01-01"}' \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  curl -s -X POST $api/api/v1/consultations/$id/publish -H "Authorization: Bearer $token" >/dev/null
  # 100 signed-in followers of the consultation, told of every comment at once.
  python3 - "$work/data/samrad.db" "$id" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1], timeout=60)
with c:
    c.executemany("INSERT OR IGNORE INTO users (email, display_name, role, created_at) VALUES (?, 'Följare', 'resident',"
                  " '2026-12-03T00:00:00Z')", [("foljare%03d@example.se" % i,) for i in range(100)])
    c.execute("INSERT INTO subscriptions (user_id, target_kind, target, frequency, confirmed_at, created_at)"
              " SELECT id, 'consultation', ?, 'immediate', '2026-12-03T00:00:00Z', '2026-12-03T00:00:00Z'"
              " FROM users WHERE email LIKE 'foljare%'", (sys.argv[2],))
PY
  local rate
  rate=$(TOKEN=$token CONSULTATION=$id wrk -t2 -c32 -d"${secs}s" -H 'Connection: keep-alive' \
    -s "$root/bench/post_comment.lua" "$api" | sed -n 's/^Requests\/sec: *//p')
  echo "$label: $rate comments/s"
  if ! kill $pid 2>/dev/null; then echo "samrad serve ($label) stopped by itself:"; tail -5 "$work/serve.log"; fi
  wait $pid 2>/dev/null || true
  echo "$rate" >>"$work/$label"
}
for round in 1 2; do
  post_run mail-off --no-mail
  post_run mail-on --smtp-url "smtp://127.0.0.1:$sink_port"
done
python3 - "$work" <<'PY'
import sys, statistics
w = sys.argv[1]
off = [float(x) for x in open(w + "/mail-off")]
on = [float(x) for x in open(w + "/mail-on")]
print("posting, mailer off: %s; on: %s; ratio of means on/off: %.2f"
      % (", ".join("%.0f" % x for x in off), ", ".join("%.0f" % x for x in on), statistics.mean(on) / statistics.mean(off)))
PY
