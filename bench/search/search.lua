-- wrk script: rotates through queries.txt against /api/v1/search with
-- keep-alive, and reports latency percentiles. With DISTINCT=1 every
-- request is a search not asked before, so that none is answered from the
-- read cache: the page size moves on by one after each pass over the
-- queries, and the slowest answer is reported too.
local queries = {}
for line in io.lines(os.getenv("QUERIES") or "queries.txt") do
  queries[#queries + 1] = line:gsub("([^%w])", function(c) return string.format("%%%02X", string.byte(c)) end)
end
local distinct = os.getenv("DISTINCT") == "1"
local i = 0
request = function()
  local q = queries[i % #queries + 1]
  local page = distinct and ("&limit=" .. (10 + math.floor(i / #queries))) or ""
  i = i + 1
  return wrk.format("GET", "/api/v1/search?q=" .. q .. page, {["Connection"] = "keep-alive"})
end
done = function(summary, latency, requests)
  io.write(string.format("search: %d requests, %d errors; p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms\n",
    summary.requests, summary.errors.status + summary.errors.connect + summary.errors.read,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000))
end
