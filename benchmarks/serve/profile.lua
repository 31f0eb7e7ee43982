-- GET /v1/users/{id}/profile for a random ml-latest-small user (ids 1…610).
math.randomseed(42)
request = function()
  return wrk.format("GET", "/v1/users/" .. math.random(1, 610) .. "/profile")
end
