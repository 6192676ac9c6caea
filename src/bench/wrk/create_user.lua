-- POST /api/users with a unique e-mail per request; BENCH_AUTH ("Bearer …") is sent when set.
local counter = 0
local tag = "x"
local threads = 0
local auth = os.getenv("BENCH_AUTH")

function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

function init(args)
  tag = (args[1] or tostring(os.time())) .. "-" .. tostring(tid or 0)
end

function request()
  counter = counter + 1
  local headers = { ["Content-Type"] = "application/json" }
  if auth and #auth > 0 then headers["Authorization"] = auth end
  local body = '{"email":"bench-' .. tag .. '-' .. counter .. '@load.bench","name":"Load ' .. counter .. '"}'
  return wrk.format("POST", "/api/users", headers, body)
end
