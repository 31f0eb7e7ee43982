-- POST /v1/events: batches of 100 views, each batch one random user's session over random movies,
-- at timestamps that keep increasing so every event is new. Movie ids come from items.txt (one a line).
local ids = {}
for line in io.lines(os.getenv("ITEMS") or "items.txt") do ids[#ids + 1] = line end
local key = os.getenv("STRATA_KEY")
clock = 1700000000

request = function()
  local user = math.random(1, 610)
  local parts = {}
  for i = 1, 100 do
    clock = clock + 1
    parts[i] = string.format('{"user_id":"%d","item_id":"%s","event":"view","timestamp":%d}', user, ids[math.random(#ids)], clock)
  end
  local body = '{"events":[' .. table.concat(parts, ",") .. ']}'
  return wrk.format("POST", "/v1/events", {["Content-Type"] = "application/json", ["X-API-Key"] = key}, body)
end

-- Each thread has its own Lua state: start their clocks far apart so their events never collide (and
-- CLOCK_OFFSET apart from another wrk's).
local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("clock", 1700000000 + (tonumber(os.getenv("CLOCK_OFFSET")) or 0) + threads * 100000000)
end
