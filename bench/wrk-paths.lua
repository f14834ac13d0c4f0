-- wrk: GET the paths of a file (one a line, written by bench/wrk.sh) in
-- turn, each thread from its own starting point.
--   wrk ... -s bench/wrk-paths.lua URL -- PATHS_FILE
local paths = {}
local next_path = 0

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  assert(#paths > 0, "wrk-paths.lua: no paths in " .. tostring(args[1]))
  next_path = math.random(#paths)
end

function request()
  next_path = next_path % #paths + 1
  return wrk.format("GET", paths[next_path])
end
