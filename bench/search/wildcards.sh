#!/usr/bin/env bash
# Wildcard and browse timings: one request at a time with curl, for a*, s*,
# k*, "a* kommun" (ranked), "kommun" and the empty query (newest first),
# median of ROUNDS (default 5) with a distinct limit each time, so that no
# answer comes from the read cache.
# Usage: bench/search/wildcards.sh FOLDER   (a folder seeded as in run.sh,
# holding data/; from the repository root after a Release build), or
# URL=http://127.0.0.1:PORT bench/search/wildcards.sh to ask a running server.
set -euo pipefail
ROUNDS=${ROUNDS:-5}
BUILD=${BUILD:-$PWD/build}
PORT=${PORT:-18472}
if [ -z "${URL:-}" ]; then
  DIR=${1:?usage: wildcards.sh FOLDER}
  "$BUILD/samrad" serve --data "$DIR/data" --host 127.0.0.1 --port "$PORT" --threads 2 > "$DIR/wildcards-serve.log" 2>&1 &
  SERVER=$!
  trap 'kill $SERVER 2>/dev/null || true' EXIT
  URL=http://127.0.0.1:$PORT
  until curl -s "$URL/healthz" | grep -q '"index":"ok"'; do sleep 0.2; done
  # Warm the readers and the page cache as a running server would be.
  for q in kommun a%2A; do curl -s -o /dev/null "$URL/api/v1/search?q=$q&limit=3"; done
fi
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '| %-12s | %9s | %9s | %s |\n' query median_ms max_ms "total (first round)"
for q in 'a%2A' 's%2A' 'k%2A' 'a%2A+kommun' 'kommun' ''; do
  times=()
  total=""
  for i in $(seq 1 "$ROUNDS"); do
    limit=$((10 + i))
    out=$(curl -s -o /tmp/wildcards.$$ -w '%{time_total}' "$URL/api/v1/search?q=$q&limit=$limit")
    times+=("$(echo "$out * 1000" | bc -l)")
    [ -n "$total" ] || total=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["total"], "limited" if d.get("wildcard_limited") else "")' /tmp/wildcards.$$)
  done
  median=$(printf '%s\n' "${times[@]}" | sort -g | sed -n "$(( (ROUNDS + 1) / 2 ))p")
  max=$(printf '%s\n' "${times[@]}" | sort -g | tail -1)
  label=$(printf '%s' "$q" | sed 's/%2A/*/g; s/+/ /g')
  printf '| %-12s | %9.1f | %9.1f | %s |\n' "${label:-(empty)}" "$median" "$max" "$total"
done
rm -f /tmp/wildcards.$$
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
