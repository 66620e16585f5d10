-- bench/timeline.sh: a client saving its home read position (POST /api/v1/markers) about RATE times a second
-- (`-- RATE` after the URL, default 100) on one connection, while the timeline is read: every committed write
-- makes the in-memory page and account caches stale, as the activities a federating node receives do.
wrk.method = "POST"
wrk.body = "home[last_read_id]=1"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"

local pause_ms = 10
function init(args)
    local rate = tonumber(args[1]) or 100
    pause_ms = math.max(1, math.floor(1000 / rate))
end

function delay()
    return pause_ms
end
