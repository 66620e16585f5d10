#!/usr/bin/env bash
# Identity-route benchmark: throughput and memory of the routes every peer hits first.
#
# Uses an already built binary (${GESSO_BIN:-./build/gesso}; this script builds nothing), seeds a throwaway
# data directory with alice and ~200 more accounts, serves it on a free loopback port, and runs wrk against:
#   /.well-known/nodeinfo                  baseline: a near-static route, measured in the same run
#   /users/alice                           actor document (Accept: application/activity+json)
#   /.well-known/webfinger?resource=acct:alice@127.0.0.1:PORT
# It prints req/s, p99 latency and the ratio to the baseline per route, the idle RSS after startup and the
# peak RSS under load, flags an idle RSS above 20 MB, then stops the server with SIGTERM and checks that it
# exits cleanly. Talks only to 127.0.0.1. Everything it creates is removed on exit.
#
# Environment knobs (defaults in brackets):
#   GESSO_BIN [./build/gesso]  BENCH_ACCOUNTS [200]  BENCH_DURATION [10s]  BENCH_THREADS [2]
#   BENCH_CONNECTIONS [32]  BENCH_LOG_LEVEL [info]  BENCH_IDLE_RSS_LIMIT_MB [20]
# Exit status: 0 when the run completed (flags are printed, not fatal), non-zero when it could not run.
set -euo pipefail

readonly BENCH_ACCOUNTS="${BENCH_ACCOUNTS:-200}"
readonly BENCH_DURATION="${BENCH_DURATION:-10s}"
readonly BENCH_THREADS="${BENCH_THREADS:-2}"
readonly BENCH_CONNECTIONS="${BENCH_CONNECTIONS:-32}"
readonly BENCH_LOG_LEVEL="${BENCH_LOG_LEVEL:-info}"
readonly BENCH_IDLE_RSS_LIMIT_MB="${BENCH_IDLE_RSS_LIMIT_MB:-20}"
readonly PASSWORD='correct horse battery'
readonly SHUTDOWN_WAIT_S=30   # gesso's default shutdown_timeout is 10 s

die() { echo "identity.sh: $*" >&2; exit 1; }

# --- prerequisites ----------------------------------------------------------------------------------------
bin="${GESSO_BIN:-./build/gesso}"
[[ -x "$bin" ]] || die "no gesso binary at '$bin' (build first, or set GESSO_BIN)"
bin="$(realpath -- "$bin")"

if ! command -v wrk >/dev/null 2>&1; then
    if [[ $EUID -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
        echo "installing wrk ..." >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null \
            || { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; } \
            || die "could not install wrk"
    else
        die "wrk is not installed (Debian: apt-get install wrk)"
    fi
fi
command -v curl >/dev/null 2>&1 || die "curl is not installed"

# --- scratch space and cleanup ----------------------------------------------------------------------------
work="$(mktemp -d "${TMPDIR:-/tmp}/gesso-bench.XXXXXX")"
data="$work/data"
server_pid=""
sampler_pid=""

cleanup() {
    local status=$?
    if [[ -n "$sampler_pid" ]] && kill -0 "$sampler_pid" 2>/dev/null; then
        kill "$sampler_pid" 2>/dev/null || true
        wait "$sampler_pid" 2>/dev/null || true
    fi
    if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
        kill -TERM "$server_pid" 2>/dev/null || true
        local i
        for ((i = 0; i < SHUTDOWN_WAIT_S * 10; i++)); do
            kill -0 "$server_pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    if [[ $status -ne 0 && -s "$work/server.log" ]]; then
        echo "--- last lines of the server log ---" >&2
        tail -n 20 "$work/server.log" >&2 || true
    fi
    rm -rf -- "$work"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- a free loopback port -----------------------------------------------------------------------------------
free_port() {
    if command -v python3 >/dev/null 2>&1; then
        python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()' \
            && return 0
    fi
    # Fallback: a random high port that ss shows nobody listening on.
    local try port
    for ((try = 0; try < 50; try++)); do
        port=$((20000 + RANDOM % 40000))
        if ! ss -Htln "sport = :$port" 2>/dev/null | grep -q .; then
            echo "$port"
            return 0
        fi
    done
    return 1
}
port="$(free_port)" || die "no free port found"
domain="127.0.0.1:$port"
base="http://127.0.0.1:$port"

gesso() {
    "$bin" --data_dir "$data" --domain "$domain" --insecure_http true "$@"
}

# --- seed ----------------------------------------------------------------------------------------------------
echo "seeding $data with alice + $BENCH_ACCOUNTS accounts ..." >&2
gesso admin account create alice --email alice@example.test --password "$PASSWORD" >"$work/seed.log" 2>&1 \
    || { cat "$work/seed.log" >&2; die "could not create alice"; }
# The rest in parallel, one process per core (each one hashes a password and generates an RSA key).
seed_start=$SECONDS
seed_jobs="$(nproc)"
running=0
create_user() {
    gesso admin account create "user$1" --email "user$1@example.test" --password "$PASSWORD" \
        >>"$work/seed.log" 2>&1
}
for ((i = 1; i <= BENCH_ACCOUNTS; i++)); do
    create_user "$i" &
    running=$((running + 1))
    if ((running >= seed_jobs)); then
        wait -n || { tail -n 5 "$work/seed.log" >&2; die "could not create an account"; }
        running=$((running - 1))
    fi
done
while ((running > 0)); do
    wait -n || { tail -n 5 "$work/seed.log" >&2; die "could not create an account"; }
    running=$((running - 1))
done
echo "seeded in $((SECONDS - seed_start)) s" >&2

# --- serve ---------------------------------------------------------------------------------------------------
# Started directly (not through the gesso function) so that $! is the server's own pid. wrk cannot sign its
# requests, so authorized fetch is off: this measures serving the documents (a signed fetch adds one
# signature verification with a cached key, as measured by gesso_bench_inbox).
"$bin" --data_dir "$data" --domain "$domain" --insecure_http true --listen "127.0.0.1:$port" \
    --authorized_fetch false --log_level "$BENCH_LOG_LEVEL" serve >"$work/server.log" 2>&1 &
server_pid=$!

ready=0
for ((i = 0; i < 200; i++)); do   # up to ~20 s
    kill -0 "$server_pid" 2>/dev/null || die "gesso serve exited during startup"
    if curl -fsS -o /dev/null --max-time 1 "$base/nodeinfo/2.1" 2>/dev/null; then
        ready=1
        break
    fi
    sleep 0.1
done
[[ $ready -eq 1 ]] || die "gesso did not answer /nodeinfo/2.1 within 20 s"

# Sanity: the measured routes must answer 200 with the right document, or the numbers mean nothing.
actor_url="$base/users/alice"
webfinger_url="$base/.well-known/webfinger?resource=acct:alice@$domain"
baseline_url="$base/.well-known/nodeinfo"
actor_doc="$(curl -fsS --max-time 5 -H 'Accept: application/activity+json' "$actor_url")" \
    || die "GET /users/alice (activity+json) failed"
[[ "$actor_doc" =~ \"preferredUsername\"[[:space:]]*:[[:space:]]*\"alice\" ]] \
    || die "GET /users/alice (activity+json) did not return alice's actor"
jrd="$(curl -fsS --max-time 5 "$webfinger_url")" || die "WebFinger for alice failed"
[[ "$jrd" =~ \"subject\"[[:space:]]*:[[:space:]]*\"acct:alice@ ]] \
    || die "WebFinger for alice did not answer with her JRD"
curl -fsS --max-time 5 -o /dev/null "$baseline_url" || die "GET /.well-known/nodeinfo failed"

status_kb() {   # status_kb FIELD -> value in kB from /proc/PID/status
    awk -v f="$1:" '$1 == f { print $2 }' "/proc/$server_pid/status"
}
sleep 1
idle_rss_kb="$(status_kb VmRSS)"
startup_hwm_kb="$(status_kb VmHWM)"
# Reset the high-water mark to the current RSS (Linux >= 4.0), so that VmHWM after the runs is the peak
# under load rather than a startup peak. If the kernel refuses, the sampled peak below still stands.
hwm_reset=0
if echo 5 >"/proc/$server_pid/clear_refs" 2>/dev/null; then hwm_reset=1; fi

# Sample RSS while the load runs (a cross-check of VmHWM, and the fallback if it could not be reset).
sample_rss() {
    local peak=0 rss
    while kill -0 "$server_pid" 2>/dev/null; do
        rss="$(awk '$1 == "VmRSS:" { print $2 }' "/proc/$server_pid/status" 2>/dev/null || echo 0)"
        if ((rss > peak)); then peak=$rss; fi
        echo "$peak" >"$work/peak_rss_kb.tmp" && mv -f "$work/peak_rss_kb.tmp" "$work/peak_rss_kb"
        sleep 0.2
    done
}
sample_rss &
sampler_pid=$!

# --- load ----------------------------------------------------------------------------------------------------
# run_wrk NAME URL [HEADER] -> writes $work/NAME.wrk
run_wrk() {
    local name=$1 url=$2 header=${3:-}
    local args=(-t "$BENCH_THREADS" -c "$BENCH_CONNECTIONS" -d "$BENCH_DURATION" --latency)
    if [[ -n "$header" ]]; then args+=(-H "$header"); fi
    echo "wrk $name ..." >&2
    wrk "${args[@]}" "$url" >"$work/$name.wrk" 2>&1 || die "wrk failed against $url: $(tail -n 3 "$work/$name.wrk")"
    kill -0 "$server_pid" 2>/dev/null || die "gesso died during the $name run"
}
run_wrk baseline "$baseline_url"
run_wrk actor "$actor_url" 'Accept: application/activity+json'
run_wrk webfinger "$webfinger_url"

loaded_hwm_kb="$(status_kb VmHWM)"
kill "$sampler_pid" 2>/dev/null || true
wait "$sampler_pid" 2>/dev/null || true
sampler_pid=""
sampled_peak_kb="$(cat "$work/peak_rss_kb" 2>/dev/null || echo 0)"

# --- report --------------------------------------------------------------------------------------------------
rps() { awk '$1 == "Requests/sec:" { print $2 }' "$work/$1.wrk"; }
p99_ms() {   # wrk prints e.g. "99%    1.23ms" / "850.00us" / "1.02s"
    awk '$1 == "99%" {
        v = $2; u = v; sub(/[a-z]+$/, "", v); sub(/^[0-9.]+/, "", u)
        if (u == "us") v /= 1000; else if (u == "s") v *= 1000; else if (u == "m") v *= 60000
        printf "%.2f", v
    }' "$work/$1.wrk"
}
non2xx() { awk '/Non-2xx or 3xx responses:/ { print $NF }' "$work/$1.wrk"; }
errors() { awk '/Socket errors:/ { sub(/.*Socket errors: /, ""); print }' "$work/$1.wrk"; }
mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

base_rps="$(rps baseline)"
[[ -n "$base_rps" ]] || die "could not read wrk output for the baseline"
flags=()

echo
echo "$("$bin" version 2>/dev/null | head -n 1): $BENCH_DURATION per route, $BENCH_THREADS threads, $BENCH_CONNECTIONS connections, $((BENCH_ACCOUNTS + 1)) accounts"
echo "(wrk and gesso share this machine's $(nproc) cores: compare ratios, not absolute numbers, across machines)"
printf '%-12s %12s %10s %10s\n' route 'req/s' 'p99 ms' 'ratio'
for name in baseline actor webfinger; do
    r="$(rps "$name")"
    ratio="$(awk -v r="${r:-0}" -v b="$base_rps" 'BEGIN { printf "%.2f", (b > 0 ? r / b : 0) }')"
    printf '%-12s %12s %10s %10s\n' "$name" "${r:-?}" "$(p99_ms "$name")" "$ratio"
    bad="$(non2xx "$name")"
    if [[ -n "$bad" ]]; then flags+=("FLAG: $name: $bad non-2xx/3xx responses"); fi
    err="$(errors "$name")"
    if [[ -n "$err" ]]; then flags+=("FLAG: $name: socket errors: $err"); fi
done
echo
echo "idle RSS:    $(mb "$idle_rss_kb") MB (VmRSS 1 s after startup; peak during startup $(mb "$startup_hwm_kb") MB)"
if [[ $hwm_reset -eq 1 ]]; then
    loaded_kb=$loaded_hwm_kb
    echo "loaded RSS:  $(mb "$loaded_kb") MB (VmHWM over the runs; sampled VmRSS peak $(mb "$sampled_peak_kb") MB)"
else
    loaded_kb=$sampled_peak_kb
    echo "loaded RSS:  $(mb "$loaded_kb") MB (VmRSS sampled every 0.2 s; VmHWM since start $(mb "$loaded_hwm_kb") MB)"
fi
if ((idle_rss_kb > BENCH_IDLE_RSS_LIMIT_MB * 1024)); then
    flags+=("FLAG: idle RSS $(mb "$idle_rss_kb") MB is above $BENCH_IDLE_RSS_LIMIT_MB MB")
fi

# --- clean shutdown ------------------------------------------------------------------------------------------
kill -TERM "$server_pid"
stopped=0
for ((i = 0; i < SHUTDOWN_WAIT_S * 10; i++)); do
    if ! kill -0 "$server_pid" 2>/dev/null; then
        stopped=1
        break
    fi
    sleep 0.1
done
if [[ $stopped -eq 1 ]]; then
    exit_code=0
    wait "$server_pid" || exit_code=$?
    server_pid=""
    if [[ $exit_code -eq 0 ]]; then
        echo "shutdown:    clean (exit 0 after SIGTERM)"
    else
        flags+=("FLAG: gesso exited with status $exit_code after SIGTERM")
    fi
    if [[ -s "$data/gesso.db-wal" ]]; then
        flags+=("FLAG: gesso.db-wal is not empty after shutdown (WAL not checkpointed)")
    fi
else
    flags+=("FLAG: gesso still running ${SHUTDOWN_WAIT_S} s after SIGTERM")
fi

# One machine-readable line, for tracking results over time.
ratio_of() { awk -v r="$(rps "$1")" -v b="$base_rps" 'BEGIN { printf "%.2f", (b > 0 ? r / b : 0) }'; }
echo "summary: baseline_rps=$base_rps actor_ratio=$(ratio_of actor) webfinger_ratio=$(ratio_of webfinger)" \
    "actor_p99_ms=$(p99_ms actor) webfinger_p99_ms=$(p99_ms webfinger)" \
    "idle_rss_mb=$(mb "$idle_rss_kb") loaded_rss_mb=$(mb "$loaded_kb") flags=${#flags[@]}"

if ((${#flags[@]} > 0)); then
    echo
    printf '%s\n' "${flags[@]}"
fi
