-- wrk script for `clipdex serve`: cycles through the 20 shared benchmark queries on
-- /api/search.
--   wrk -t2 -c32 -d30s --latency -s scripts/load.lua http://127.0.0.1:7070
local queries = {
  "oil", "coffee", "football", "oil AND prices", "trade AND deficit", "election AND labour",
  "opec AND oil AND production", '"interest rates"', '"prime minister"', '"stock exchange"',
  "coffee OR cocoa", "gold OR silver", "wheat OR corn OR grain", "temporao", "mutu",
  "said", "the", "Greenspan", "Volcker", '"Tony Blair"',
}
local function encode(s)
  return (s:gsub("[^%w]", function(c) return string.format("%%%02X", string.byte(c)) end))
end
local paths = {}
for i, q in ipairs(queries) do paths[i] = "/api/search?q=" .. encode(q) end
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1])
end
-- wrk itself prints "Non-2xx or 3xx responses: N" when any answer was not 200.
done = function(summary, latency, requests)
  io.write(string.format("requests %d, errors %d, p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.status + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
