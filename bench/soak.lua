-- A mix of reader pages for wrk: one path at random per request, with a
-- random search term and archive page so some requests miss the page cache.
-- Counts responses by status class; done() prints them as JSON.
local paths = {}
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(os.getenv("SOAK_PATHS")) do
    table.insert(paths, line)
  end
  counts = { s2 = 0, s3 = 0, s4 = 0, s5 = 0, s503 = 0 }
  math.randomseed(os.time() + math.floor(os.clock() * 1e6))
end

local words = { "gas", "oil", "bank", "baku", "caspian", "export", "rail" }

function request()
  local r = math.random(100)
  local path
  if r <= 8 then
    path = "/search/?q=" .. words[math.random(#words)] .. "&page=" .. math.random(3)
  elseif r <= 10 then
    path = "/search/?q=miss" .. math.random(1000000)
  else
    path = paths[math.random(#paths)]
  end
  return wrk.format("GET", path)
end

function response(status, headers, body)
  if status >= 500 then
    counts.s5 = counts.s5 + 1
    if status == 503 then counts.s503 = counts.s503 + 1 end
  elseif status >= 400 then counts.s4 = counts.s4 + 1
  elseif status >= 300 then counts.s3 = counts.s3 + 1
  else counts.s2 = counts.s2 + 1 end
end

function done(summary, latency, requests)
  local total = { s2 = 0, s3 = 0, s4 = 0, s5 = 0, s503 = 0 }
  for _, thread in ipairs(threads) do
    local c = thread:get("counts")
    for k, v in pairs(c) do total[k] = total[k] + v end
  end
  io.write(string.format(
    'SOAK_JSON {"requests": %d, "duration_us": %d, "socket_errors": %d, "timeouts": %d, "non_2xx_3xx": %d, "p50_us": %d, "p90_us": %d, "p99_us": %d, "max_us": %d, "s2": %d, "s3": %d, "s4": %d, "s5": %d, "s503": %d}\n',
    summary.requests, summary.duration,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.timeout,
    summary.errors.status,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    total.s2, total.s3, total.s4, total.s5, total.s503))
end
