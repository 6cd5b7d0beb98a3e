-- wrk: posts comments with a bearer token (TOKEN and CONSULTATION from the
-- environment). Each thread numbers its bodies so that none is a duplicate.
local token = os.getenv("TOKEN")
local consultation = os.getenv("CONSULTATION") or "1"
local counter = 0
thread_id = 0
local next_thread = 0

function setup(thread)
  next_thread = next_thread + 1
  thread:set("thread_id", next_thread)
end

function request()
  counter = counter + 1
  local body = string.format('{"body":"Belastningstest %d-%d: fler cykelbanor och bättre belysning längs vägen."}',
                             thread_id, counter)
  return wrk.format("POST", "/api/v1/consultations/" .. consultation .. "/comments", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. token,
    ["Connection"] = "keep-alive",
  }, body)
end


function done(summary, latency, requests)
  io.write(string.format("non-2xx or socket errors: %d\n", summary.errors.status or 0))
end
