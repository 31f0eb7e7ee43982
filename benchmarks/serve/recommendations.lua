-- GET /v1/users/{id}/recommendations?k=10 for a random ml-latest-small user (ids 1…610), with reasons
-- (explain defaults to true).
math.randomseed(7)
request = function()
  return wrk.format("GET", "/v1/users/" .. math.random(1, 610) .. "/recommendations?k=10")
end
