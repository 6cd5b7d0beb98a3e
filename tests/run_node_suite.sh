#!/usr/bin/env bash
# Runs `node --test FILES` in the current folder for ctest (npm ci first when
# node_modules is missing). Headless Chromium has been seen to stall under
# load with nothing in flight. A run that takes longer than 280 s is stopped
# (its process group and, through Playwright's SIGTERM handler, its
# browsers); a run that failed with a timeout (a step past its 120 s, a
# browser action past its 60 s) counts as a stall too. A stalled run is said
# so in the log and run again, three runs at most; any other failure fails
# at once.
set -o pipefail
[ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for run in 1 2 3; do
  timeout -k 10 280 node --test "$@" 2>&1 | tee "$log"
  rc=$?
  [ $rc -eq 0 ] && exit 0
  if [ $rc -ne 124 ] && [ $rc -ne 137 ]; then
    # A failure that is not a timeout is a real one.
    failures=$(grep -c '^not ok' "$log")
    timeouts=$(grep -cE "timed out after|Timeout [0-9]+ms exceeded|cancelledByParent|test did not finish" "$log")
    [ "$failures" -gt 0 ] && [ "$timeouts" -gt 0 ] || exit $rc
  fi
  echo "node --test $*: stalled in run $run (exit $rc), stopped"
done
exit 1
