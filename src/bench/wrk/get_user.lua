-- GET /api/users/{id} with random live user ids, one per line in the file given after "--".
local ids = {}
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then ids[#ids + 1] = line end
  end
  if #ids == 0 then error("no user ids") end
  math.randomseed(os.time() * 100 + (tid or 0))
end

function request()
  return wrk.format("GET", "/api/users/" .. ids[math.random(#ids)])
end
