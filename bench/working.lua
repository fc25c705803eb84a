-- Readers of a working newsroom, for wrk (bench/working.py).
--
-- WORKING_PATHS names a file of "kind<TAB>path" lines: the article URLs
-- newest first ("article"), then "home", "section" and "feed" lines.
-- Articles are read with a power-law popularity over their rank (Zipf,
-- exponent WORKING_ZIPF, the newest read most): a cumulative table built
-- once per thread in init(), binary-searched with a uniform random number.
-- WORKING_MIX is the percentage of articles, home, sections and feeds
-- ("85,5,5,5"). Articles ranked above WORKING_TAIL count as "head", the
-- rest as "tail".
--
-- response() counts each reply by class (head, tail, home, section, feed)
-- and by its X-Page-Cache header (hit, parts, miss; "none" when absent, as
-- with the page cache off), and by status class. It knows which request a
-- reply answers because working.py runs one connection per wrk thread
-- (-t N -c N): on one connection wrk calls request() and response() in
-- turn. done() prints the counts, the error counts and 1,000 latency
-- quantiles (0.1% steps, in microseconds; working.py pools them across
-- slices) as one JSON line after "WORKING_JSON".

local threads = {}

function setup(thread)
  thread:set("thread_id", #threads + 1)
  table.insert(threads, thread)
end

local articles, homes, sections, feeds = {}, {}, {}, {}
local cumulative = {}
local tail_from = 1000
local p_article, p_home, p_section = 0.85, 0.90, 0.95
local last = "none"

function init(args)
  for line in io.lines(os.getenv("WORKING_PATHS")) do
    local kind, path = line:match("^(%a+)\t(%S+)$")
    if kind == "article" then table.insert(articles, path)
    elseif kind == "home" then table.insert(homes, path)
    elseif kind == "section" then table.insert(sections, path)
    elseif kind == "feed" then table.insert(feeds, path) end
  end
  local s = tonumber(os.getenv("WORKING_ZIPF") or "1.0")
  local total = 0
  for i = 1, #articles do
    total = total + i ^ (-s)
    cumulative[i] = total
  end
  tail_from = tonumber(os.getenv("WORKING_TAIL") or "1000")
  local mix = {}
  for n in string.gmatch(os.getenv("WORKING_MIX") or "85,5,5,5", "[%d.]+") do
    table.insert(mix, tonumber(n))
  end
  local sum = mix[1] + mix[2] + mix[3] + mix[4]
  p_article = mix[1] / sum
  p_home = (mix[1] + mix[2]) / sum
  p_section = (mix[1] + mix[2] + mix[3]) / sum
  counts = {}
  math.randomseed(os.time() * 1000 + (thread_id or 0) * 7919
    + math.floor(os.clock() * 1e6))
end

-- The rank of a random article: the first whose cumulative weight reaches
-- a uniform draw over the total.
local function rank()
  local target = math.random() * cumulative[#cumulative]
  local low, high = 1, #cumulative
  while low < high do
    local middle = math.floor((low + high) / 2)
    if cumulative[middle] < target then low = middle + 1 else high = middle end
  end
  return low
end

local function pick(list)
  return list[math.random(#list)]
end

function request()
  local r = math.random()
  local path
  if r < p_article and #articles > 0 then
    local n = rank()
    last = n <= tail_from and "head" or "tail"
    path = articles[n]
  elseif r < p_home and #homes > 0 then
    last, path = "home", pick(homes)
  elseif r < p_section and #sections > 0 then
    last, path = "section", pick(sections)
  else
    last, path = "feed", pick(feeds)
  end
  return wrk.format("GET", path)
end

local function add(key)
  counts[key] = (counts[key] or 0) + 1
end

function response(status, headers, body)
  local cache = headers["X-Page-Cache"] or headers["x-page-cache"] or "none"
  add(last .. "_" .. cache)
  add("status_" .. math.floor(status / 100) .. "xx")
  if status ~= 200 then add("status_" .. status) end
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    local c = thread:get("counts") or {}
    for k, v in pairs(c) do total[k] = (total[k] or 0) + v end
  end
  local parts = {}
  for k, v in pairs(total) do
    table.insert(parts, string.format('"%s": %d', k, v))
  end
  local quantiles = {}
  for i = 1, 1000 do
    quantiles[i] = string.format("%d", latency:percentile(i / 10))
  end
  local e = summary.errors
  io.write(string.format(
    'WORKING_JSON {"requests": %d, "duration_us": %d, "connect_errors": %d, '
    .. '"read_errors": %d, "write_errors": %d, "timeouts": %d, '
    .. '"non_2xx_3xx": %d, "max_us": %d, "counts": {%s}, "quantiles_us": [%s]}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.timeout,
    e.status, latency.max, table.concat(parts, ", "),
    table.concat(quantiles, ", ")))
end
