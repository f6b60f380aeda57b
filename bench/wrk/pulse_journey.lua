-- Doers answering through their personal links, as a browser does, five requests a response:
--   1 GET  /pulses/answer/TOKEN/            the first step, with its CSRF cookie and token
--   2 POST /pulses/answer/TOKEN/            the units dealt with          -> 302
--   3 GET  /pulses/answer/TOKEN/questions/  the questions, a fresh form token
--   4 POST /pulses/answer/TOKEN/questions/  the answers                   -> 302 (recorded)
--   5 GET  /pulses/answer/TOKEN/            the thank-you page
-- Run by bench/pulse_responses_http.py as `wrk -t N -c N -s pulse_journey.lua URL -- doers.tsv THREADS`:
-- one connection per thread, so each thread walks one journey at a time. Each line of doers.tsv:
-- token, the units form and the answers form (URL-encoded, without the CSRF token), tab-separated.

local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  doers, next_doer, step = {}, 1, 0
  completed, submitted, failed, exhausted = 0, 0, 0, 0
  local n, nthreads = 0, tonumber(args[2])
  for line in io.lines(args[1]) do
    if n % nthreads == id then
      local token, units, answers = line:match("([^\t]*)\t([^\t]*)\t(.*)")
      table.insert(doers, {link = "/pulses/answer/" .. token .. "/", units = units,
                           answers = answers})
    end
    n = n + 1
  end
end

local function form(path, fields)
  return wrk.format("POST", path, {
    ["Cookie"] = "csrftoken=" .. cookie,
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }, "csrfmiddlewaretoken=" .. field_token .. "&" .. fields)
end

function request()
  if step == 0 then
    doer = doers[next_doer]
    if doer == nil then
      exhausted = 1
      wrk.thread:stop()
      return wrk.format("GET", "/healthz")
    end
    next_doer = next_doer + 1
    step = 1
  end
  if step == 1 or step == 5 then return wrk.format("GET", doer.link) end
  if step == 2 then return form(doer.link, doer.units) end
  if step == 3 then
    return wrk.format("GET", doer.link .. "questions/", {["Cookie"] = "csrftoken=" .. cookie})
  end
  return form(doer.link .. "questions/", doer.answers)
end

local expected = {200, 302, 200, 302, 200}

function response(status, headers, body)
  if step == 0 then return end
  if status ~= expected[step] then
    failed, step = failed + 1, 0
    return
  end
  if step == 1 then
    cookie = (headers["Set-Cookie"] or ""):match("csrftoken=([^;]+)")
  end
  if step == 1 or step == 3 then
    field_token = body:match('name="csrfmiddlewaretoken" value="([^"]+)"')
    if cookie == nil or field_token == nil then
      failed, step = failed + 1, 0
      return
    end
  end
  if step == 4 then submitted = submitted + 1 end
  if step == 5 then
    if body:find("Thank you", 1, true) then completed = completed + 1 else failed = failed + 1 end
    step = 0
    return
  end
  step = step + 1
end

function done(summary, latency, requests)
  local ok, sent, bad, out = 0, 0, 0, 0
  for _, thread in ipairs(threads) do
    ok = ok + thread:get("completed")
    sent = sent + thread:get("submitted")
    bad = bad + thread:get("failed")
    out = out + thread:get("exhausted")
  end
  io.write(string.format(
    'RESULT {"completed": %d, "submitted": %d, "failed": %d, "exhausted": %d, ' ..
    '"requests": %d, "seconds": %.3f}\n',
    ok, sent, bad, out, summary.requests, summary.duration / 1e6))
end
