-- Answers to a pulse over the API: one POST per response, each to its own invitation.
-- Run by bench/pulse_responses_http.py as `wrk -s api_responses.lua URL -- answers.tsv THREADS`.
-- Each line of answers.tsv: path, API token and JSON body, separated by tabs. Thread n of N
-- takes lines n, n+N, n+2N, ... so no invitation is answered twice.

local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  jobs, next_job, recorded, failed, exhausted = {}, 1, 0, 0, 0
  local n, nthreads = 0, tonumber(args[2])
  for line in io.lines(args[1]) do
    if n % nthreads == id then
      local path, token, body = line:match("([^\t]*)\t([^\t]*)\t(.*)")
      table.insert(jobs, wrk.format("POST", path, {
        ["Authorization"] = "Bearer " .. token,
        ["Content-Type"] = "application/json",
      }, body))
    end
    n = n + 1
  end
end

function request()
  local job = jobs[next_job]
  if job == nil then
    exhausted = 1
    wrk.thread:stop()
    return wrk.format("GET", "/healthz")
  end
  next_job = next_job + 1
  return job
end

function response(status, headers, body)
  if status == 201 then recorded = recorded + 1 else failed = failed + 1 end
end

function done(summary, latency, requests)
  local ok, bad, out = 0, 0, 0
  for _, thread in ipairs(threads) do
    ok = ok + thread:get("recorded")
    bad = bad + thread:get("failed")
    out = out + thread:get("exhausted")
  end
  io.write(string.format(
    'RESULT {"completed": %d, "submitted": %d, "failed": %d, "exhausted": %d, ' ..
    '"requests": %d, "seconds": %.3f}\n',
    ok, ok, bad, out, summary.requests, summary.duration / 1e6))
end
