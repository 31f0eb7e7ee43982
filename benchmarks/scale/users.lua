-- GET /v1/users/{id}/recommendations?k=10 for the generator's users u%07d numbered FROM…TO: at random
-- (ORDER=random, the default) or in order (ORDER=sequential: wrk's THREADS threads take every THREADS-th
-- user each, so no user is asked twice before the range is used up).
local from = tonumber(os.getenv("FROM") or "1")
local to = tonumber(os.getenv("TO"))
local sequential = os.getenv("ORDER") == "sequential"
local threads = tonumber(os.getenv("THREADS") or "2")

local created = 0
function setup(thread)
  created = created + 1
  thread:set("id", created)
end

local next_user
function init(args)
  math.randomseed(7 + id)
  next_user = from + id - 1
end

request = function()
  local user
  if sequential then
    user = next_user
    next_user = next_user + threads
    if next_user > to then next_user = from + id - 1 end
  else
    user = math.random(from, to)
  end
  return wrk.format("GET", "/v1/users/" .. string.format("u%07d", user) .. "/recommendations?k=10")
end
