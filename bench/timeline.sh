#!/usr/bin/env bash
# Home-timeline benchmark (issue 4): GET /api/v1/timelines/home?limit=20 with a bearer token under wrk, compared
# in the same run with a trivial route of the same server and with a bare Boost.Beast hello-world server
# (bench/hello_world.cpp) on the same number of I/O threads, for each stored-status count in BENCH_STATUSES.
#
# For each count it makes a fresh data directory, creates alice (`gesso admin account create`), seeds it with
# build/bench/gesso_bench_timeline_seed (1,000 remote authors, alice follows 100 of them, her home timeline
# materialised: 10% of the statuses), serves it on a free loopback port, gets a token through the real OAuth
# password grant (POST /api/v1/apps, POST /oauth/token), checks that home returns 20 statuses, then runs wrk
# three times on home:
#   home         the same page read again and again (what the goals are about): after the first, each is answered
#                from the page cache (web/mastodon/page_cache.hpp) while nothing is written;
#   rendered     every request for a target never asked before (bench/wrk/distinct_targets.lua): each page is
#                judged and rendered from SQLite, the cost of a page after a write;
#   with writes  the same page while one more connection saves a read marker BENCH_WRITES_PER_SEC times a second
#                (bench/wrk/write_markers.lua): every write makes the cached pages stale, as on a federating node.
# Talks only to 127.0.0.1. Uses already built binaries (this script builds nothing):
#   cmake --build build --target gesso gesso_bench_timeline_seed gesso_bench_hello_world
#
# Environment knobs (defaults in brackets):
#   BUILD_DIR [./build]  BENCH_STATUSES ["10000 1000000"]  BENCH_DURATION [10s]  BENCH_THREADS (wrk) [2]
#   BENCH_CONNECTIONS [32]  BENCH_SERVER_THREADS (gesso --threads and hello-world threads) [2]
#   BENCH_WRITES_PER_SEC [100]: the marker writes of the "with writes" run (at most; the achieved rate is printed)
#   BENCH_DATA_CACHE [unset]: a directory where seeded data directories are kept (data-COUNT) and reused by later
#   runs, since seeding 1M statuses takes minutes on a loaded machine (a reused one gains an app and a token per run)
# The server runs with --rate_limits false: with the default 300 requests per 5 minutes per token almost every
# request would be a 429 and the run would measure the limiter, not the timeline.
# Goals (issue 4): home >= 40% of hello-world req/s, home p99 < 10 ms at 32 connections, and no slowdown from
# 10k to 1M statuses. Misses are printed as FLAG lines; the exit status is 0 when the run completed.
set -euo pipefail

readonly BUILD_DIR="${BUILD_DIR:-./build}"
readonly BENCH_STATUSES="${BENCH_STATUSES:-10000 1000000}"
readonly BENCH_DURATION="${BENCH_DURATION:-10s}"
readonly BENCH_THREADS="${BENCH_THREADS:-2}"
readonly BENCH_CONNECTIONS="${BENCH_CONNECTIONS:-32}"
readonly BENCH_SERVER_THREADS="${BENCH_SERVER_THREADS:-2}"
readonly BENCH_DATA_CACHE="${BENCH_DATA_CACHE:-}"
readonly BENCH_WRITES_PER_SEC="${BENCH_WRITES_PER_SEC:-100}"
readonly SCRIPTS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/wrk"
readonly PASSWORD='correct horse battery'
readonly STARTUP_POLLS=300   # x 0.1 s
readonly SHUTDOWN_POLLS=300  # x 0.1 s

die() { echo "timeline.sh: $*" >&2; exit 1; }

bin="$BUILD_DIR/gesso"; seeder="$BUILD_DIR/bench/gesso_bench_timeline_seed"; hello="$BUILD_DIR/bench/gesso_bench_hello_world"
for b in "$bin" "$seeder" "$hello"; do [[ -x "$b" ]] || die "missing $b (build it first, see the header)"; done
command -v wrk >/dev/null || die "wrk is not installed (scripts/install-deps.sh test)"
command -v curl >/dev/null || die "curl is not installed"

work="$(mktemp -d "${TMPDIR:-/tmp}/gesso-timeline-bench.XXXXXX")"
pids=()
stop_pid() {   # SIGTERM, wait up to SHUTDOWN_POLLS, then SIGKILL
    local pid=$1 i
    kill -TERM "$pid" 2>/dev/null || return 0
    for ((i = 0; i < SHUTDOWN_POLLS; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}
cleanup() {
    local status=$? pid
    for pid in "${pids[@]}"; do stop_pid "$pid"; done
    rm -rf -- "$work"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
wait_ready() {   # wait_ready PID URL
    local i
    for ((i = 0; i < STARTUP_POLLS; i++)); do
        kill -0 "$1" 2>/dev/null || die "server exited during startup"
        curl -fsS -o /dev/null --max-time 1 "$2" 2>/dev/null && return 0
        sleep 0.1
    done
    die "no answer from $2"
}
run_wrk() {   # run_wrk NAME URL [HEADER [MORE WRK ARGUMENTS...]]
    local name=$1 url=$2 header=${3:-}
    local args=(-t "$BENCH_THREADS" -c "$BENCH_CONNECTIONS" -d "$BENCH_DURATION" --latency)
    [[ -n "$header" ]] && args+=(-H "$header")
    args+=("${@:4}")
    echo "wrk $name ..." >&2
    wrk "${args[@]}" "$url" >"$work/$name.wrk" 2>&1 || die "wrk failed against $url: $(tail -n 3 "$work/$name.wrk")"
}
rps() { awk '$1 == "Requests/sec:" { print $2 }' "$work/$1.wrk"; }
pct_ms() {   # pct_ms NAME 50|99 -> milliseconds
    awk -v p="$2%" '$1 == p {
        v = $2; u = v; sub(/[a-z]+$/, "", v); sub(/^[0-9.]+/, "", u)
        if (u == "us") v /= 1000; else if (u == "s") v *= 1000; else if (u == "m") v *= 60000
        printf "%.2f", v
    }' "$work/$1.wrk"
}
non2xx() { awk '/Non-2xx or 3xx responses:/ { print $NF }' "$work/$1.wrk"; }
json_field() { python3 -c 'import json, sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }

# --- the baseline: bare Beast hello world ----------------------------------------------------------------------
hello_port="$(free_port)"
"$hello" "$hello_port" "$BENCH_SERVER_THREADS" >"$work/hello.log" 2>&1 &
pids+=($!)
wait_ready "${pids[-1]}" "http://127.0.0.1:$hello_port/"
run_wrk hello "http://127.0.0.1:$hello_port/"

# --- one run per status count ----------------------------------------------------------------------------------
flags=()
for count in $BENCH_STATUSES; do
    data="$work/data-$count"
    [[ -n "$BENCH_DATA_CACHE" ]] && data="$BENCH_DATA_CACHE/data-$count"
    port="$(free_port)"
    # A node's domain (with its port) cannot change: a reused directory is served on the port it was seeded for.
    [[ -f "$data/.seeded" ]] && port="$(cat "$data/.seeded")"
    domain="127.0.0.1:$port"
    base="http://$domain"
    gesso() { "$bin" --data_dir "$data" --domain "$domain" --insecure_http true "$@"; }
    if [[ -f "$data/.seeded" ]]; then
        echo "reusing $data ($count statuses, port $port)" >&2
    else
        rm -rf -- "$data"
        mkdir -p "$data"
        gesso admin account create alice --email alice@example.test --password "$PASSWORD" >"$work/seed.log" 2>&1 ||
            { cat "$work/seed.log" >&2; die "could not create alice"; }
        echo "seeding $count statuses ..." >&2
        "$seeder" "$data" alice "$count" | tee -a "$work/seed.log" >&2 || die "seeding failed"
        echo "$port" >"$data/.seeded"
    fi
    "$bin" --data_dir "$data" --domain "$domain" --insecure_http true --listen "$domain" --rate_limits false \
        --threads "$BENCH_SERVER_THREADS" --log_level warn serve >"$work/server-$count.log" 2>&1 &
    pids+=($!)
    server_pid=${pids[-1]}
    wait_ready "$server_pid" "$base/api/v1/instance"

    app="$(curl -fsS --max-time 10 -X POST "$base/api/v1/apps" -d client_name=bench \
        -d redirect_uris=urn:ietf:wg:oauth:2.0:oob -d 'scopes=read write')" || die "POST /api/v1/apps failed"
    token="$(curl -fsS --max-time 30 -X POST "$base/oauth/token" -d grant_type=password -d 'scope=read write' \
        -d client_id="$(json_field client_id <<<"$app")" -d client_secret="$(json_field client_secret <<<"$app")" \
        --data-urlencode username=alice@example.test --data-urlencode password="$PASSWORD" |
        json_field access_token)" || die "password grant failed"
    home_url="$base/api/v1/timelines/home?limit=20"
    n="$(curl -fsS --max-time 10 -H "Authorization: Bearer $token" "$home_url" |
        python3 -c 'import json, sys; print(len(json.load(sys.stdin)))')" || die "GET home failed"
    [[ "$n" == 20 ]] || die "home returned $n statuses, not 20"
    trivial="/api/v1/streaming/health"
    curl -fsS -o /dev/null --max-time 5 "$base$trivial" 2>/dev/null || trivial="/.well-known/nodeinfo"

    run_wrk "home-$count" "$home_url" "Authorization: Bearer $token"
    run_wrk "rendered-$count" "$home_url" "Authorization: Bearer $token" -s "$SCRIPTS/distinct_targets.lua"
    wrk -t 1 -c 1 -d "$BENCH_DURATION" -H "Authorization: Bearer $token" -s "$SCRIPTS/write_markers.lua" \
        "$base/api/v1/markers" -- "$BENCH_WRITES_PER_SEC" >"$work/writer-$count.wrk" 2>&1 &
    writer=$!
    run_wrk "writes-$count" "$home_url" "Authorization: Bearer $token"
    wait "$writer" || die "the marker writer failed: $(tail -n 3 "$work/writer-$count.wrk")"
    run_wrk "trivial-$count" "$base$trivial"
    kill -0 "$server_pid" 2>/dev/null || die "gesso died under load"
    stop_pid "$server_pid"
    echo "trivial-$count=$trivial" >>"$work/routes"
done

# --- report ------------------------------------------------------------------------------------------------------
hello_rps="$(rps hello)"
echo
echo "$("$bin" version 2>/dev/null | head -n 1): wrk $BENCH_THREADS threads, $BENCH_CONNECTIONS connections, $BENCH_DURATION per run; servers on $BENCH_SERVER_THREADS I/O threads; $(nproc) cores shared with wrk"
printf '%-34s %10s %8s %8s %12s\n' run 'req/s' 'p50 ms' 'p99 ms' 'vs hello'
row() {
    local name=$1 label=$2 r
    r="$(rps "$name")"
    printf '%-34s %10s %8s %8s %12s\n' "$label" "${r:-?}" "$(pct_ms "$name" 50)" "$(pct_ms "$name" 99)" \
        "$(awk -v r="${r:-0}" -v b="$hello_rps" 'BEGIN { printf "%.0f%%", (b > 0 ? 100 * r / b : 0) }')"
    local bad; bad="$(non2xx "$name")"
    [[ -z "$bad" ]] || flags+=("FLAG: $label: $bad non-2xx/3xx responses")
}
row hello "hello world (bare Beast)"
summary="summary: hello_rps=$hello_rps"
first_home=""
for count in $BENCH_STATUSES; do
    route="$(awk -F= -v k="trivial-$count" '$1 == k { print $2 }' "$work/routes")"
    row "trivial-$count" "$route ($count)"
    row "home-$count" "home limit=20 ($count statuses)"
    row "rendered-$count" "  rendered every time"
    writes="$(rps "writer-$count")"
    row "writes-$count" "  with ${writes%.*} writes/s"
    bad="$(non2xx "writer-$count")"
    [[ -z "$bad" ]] || flags+=("FLAG: marker writes ($count): $bad non-2xx/3xx responses")
    r="$(rps "home-$count")"; p99="$(pct_ms "home-$count" 99)"
    ratio="$(awk -v r="$r" -v b="$hello_rps" 'BEGIN { printf "%.2f", r / b }')"
    awk -v x="$ratio" 'BEGIN { exit !(x < 0.40) }' && flags+=("FLAG: home at $count statuses is $ratio of hello world (goal >= 0.40)")
    awk -v x="$p99" 'BEGIN { exit !(x >= 10) }' && flags+=("FLAG: home p99 at $count statuses is $p99 ms (goal < 10 ms)")
    [[ -z "$first_home" ]] && first_home="$r"
    summary+=" home_${count}_rps=$r home_${count}_ratio=$ratio home_${count}_p99_ms=$p99"
    summary+=" rendered_${count}_rps=$(rps "rendered-$count") writes_${count}_rps=$(rps "writes-$count")"
    summary+=" writes_${count}_per_s=$writes"
done
last_home="$(rps "home-${BENCH_STATUSES##* }")"
echo
echo "$summary home_last_vs_first=$(awk -v a="$last_home" -v b="$first_home" 'BEGIN { printf "%.2f", a / b }')"
((${#flags[@]} == 0)) || printf '%s\n' "${flags[@]}"
