-- wrk script for the soak run: a mix of reads (lists, a consultation, its
-- thread, search, feeds, an export) and comment posts with a bearer token.
-- Set by soak.sh through the environment: SOAK_TOKEN, SOAK_CONSULTATION.
local token = os.getenv("SOAK_TOKEN")
local k = os.getenv("SOAK_CONSULTATION")
local words = {"cykelbana", "skola", "park", "budget", "belysning", "bibliotek", "trafik", "klimat"}
local n = 0
local mix = {
  {weight = 30, path = "/api/v1/consultations"},
  {weight = 15, path = "/api/v1/consultations/" .. k},
  {weight = 15, path = "/api/v1/consultations/" .. k .. "/comments"},
  {weight = 15, search = true},
  {weight = 8, path = "/feeds/consultations.atom"},
  {weight = 2, path = "/opendata/consultations.csv"},
  {weight = 5, path = "/"},
  {weight = 10, post = true},
}
-- Each wrk thread gets its own id, so two threads never post the same text
-- (the same text twice within a minute is refused by design).
local next_id = 0
setup = function(thread)
  next_id = next_id + 1
  thread:set("id", next_id)
end
init = function(args) math.randomseed(id * 7919) end

local total = 0
for _, m in ipairs(mix) do total = total + m.weight end

request = function()
  n = n + 1
  local r = math.random(total)
  for _, m in ipairs(mix) do
    r = r - m.weight
    if r <= 0 then
      if m.post then
        local body = '{"body":"Soak-synpunkt ' .. id .. '-' .. n .. '"}'
        return wrk.format("POST", "/api/v1/consultations/" .. k .. "/comments",
          {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token,
           ["Connection"] = "keep-alive"}, body)
      elseif m.search then
        return wrk.format("GET", "/api/v1/search?q=" .. words[math.random(#words)], {["Connection"] = "keep-alive"})
      else
        return wrk.format("GET", m.path, {["Connection"] = "keep-alive"})
      end
    end
  end
end

local errors = 0
response = function(status, headers, body)
  if status >= 400 then errors = errors + 1 end
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("soak: %d requests, %.1f req/s, %d non-2xx/3xx, %d socket errors (connect %d, read %d, write %d, timeout %d), p50 %.1f ms, p99 %.1f ms\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    e.status, e.connect + e.read + e.write + e.timeout, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
