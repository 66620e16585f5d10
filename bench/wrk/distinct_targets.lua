-- bench/timeline.sh: every request asks for a target no request asked before (the route ignores the added
-- parameters `t` and `n`), so the server renders each page instead of answering one it kept in memory
-- (web/mastodon/page_cache.hpp). The URL given to wrk must already have a query string.
local threads = 0
function setup(thread)
    threads = threads + 1
    thread:set("tid", threads)
end

local n = 0
function request()
    n = n + 1
    return wrk.format(nil, wrk.path .. "&t=" .. tid .. "&n=" .. n)
end
