-- wrk script for bench/tlog_bench.sh: inclusion proofs of random entries
-- (MODE=inclusion) or consistency proofs from a random earlier size
-- (MODE=consistency) against a log of SIZE entries, or the checkpoint
-- (MODE=checkpoint: the reference, a small read through the same stack);
-- prints the p95 latency.
local size = tonumber(os.getenv("SIZE"))
local mode = os.getenv("MODE") or "inclusion"
local counter = 0
request = function()
  counter = counter + 1
  local path
  if mode == "checkpoint" then
    path = "/tlog/checkpoint"
  elseif mode == "consistency" then
    path = "/api/v1/log/consistency?from=" .. math.random(1, size - 1) .. "&to=" .. size
  else
    path = "/api/v1/log/" .. math.random(1, size) .. "/proof?size=" .. size
  end
  return wrk.format("GET", path, {["Connection"] = "keep-alive"})
end
done = function(summary, latency, requests)
  io.write(string.format("p95_ms %.3f p50_ms %.3f requests %d errors %d\n", latency:percentile(95.0) / 1000,
    latency:percentile(50.0) / 1000, summary.requests, summary.errors.status + summary.errors.connect
    + summary.errors.read + summary.errors.timeout))
end
