-- wrk script for serve-load.sh: each request searches the next query of QUERIES_FILE (one per
-- line), cycling, through GET /api/search; every thread starts at another point of the list.
local queries = {}
local counter = 0

local function encode(text)
  return (text:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function setup(thread)
  counter = counter + 1
  thread:set("offset", counter * 7919)
end

function init(args)
  for line in io.lines(os.getenv("QUERIES_FILE")) do
    if #line > 0 then table.insert(queries, "/api/search?limit=10&q=" .. encode(line)) end
  end
  position = offset or 0
end

function request()
  position = position + 1
  return wrk.format("GET", queries[(position % #queries) + 1])
end
