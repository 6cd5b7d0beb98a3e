-- wrk script: rotates through queries.txt against /api/v1/search with
-- keep-alive, and reports latency percentiles.
local queries = {}
for line in io.lines(os.getenv("QUERIES") or "queries.txt") do
  queries[#queries + 1] = line:gsub("([^%w])", function(c) return string.format("%%%02X", string.byte(c)) end)
end
local i = 0
request = function()
  i = i % #queries + 1
  return wrk.format("GET", "/api/v1/search?q=" .. queries[i], {["Connection"] = "keep-alive"})
end
done = function(summary, latency, requests)
  io.write(string.format("search: %d requests, %d errors; p50 %.2f ms, p95 %.2f ms, p99 %.2f ms\n",
    summary.requests, summary.errors.status + summary.errors.connect + summary.errors.read,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
