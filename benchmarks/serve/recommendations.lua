-- GET /v1/users/{id}/recommendations?k=10 for a random user (explain defaults to true): by default an
-- ml-latest-small user (ids 1…610); USERS=N and USER_FORMAT (a string.format pattern, e.g. u%07d) pick
-- among other stores' ids.
math.randomseed(7)
local users = tonumber(os.getenv("USERS") or "610")
local format = os.getenv("USER_FORMAT") or "%d"
request = function()
  return wrk.format("GET", "/v1/users/" .. string.format(format, math.random(1, users)) .. "/recommendations?k=10")
end
