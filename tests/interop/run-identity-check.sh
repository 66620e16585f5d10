#!/usr/bin/env bash
# ctest entry: starts a real gesso node on loopback, creates an account, and lets Fedify (an independent
# ActivityPub implementation) discover and parse it. Exit 77 (skipped) without Node.js >= 20 and packages.
set -euo pipefail
gesso=$1
here=$(cd "$(dirname "$0")" && pwd)
command -v node >/dev/null || { echo "SKIP: no node"; exit 77; }
(( $(node -p 'process.versions.node.split(".")[0]') >= 20 )) || { echo "SKIP: node < 20"; exit 77; }
[[ -d "$here/node_modules/@fedify/fedify" ]] || { echo "SKIP: run tests/interop/install.sh"; exit 77; }

work=$(mktemp -d)
server_pid=""
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
# Fedify's lookups here are anonymous (it has no actor of its own for us to fetch a key from), so this check of
# our documents' shape runs with authorized fetch off; signed fetching is tested in tests/component and
# tests/federation.
args=(--data_dir "$work/data" --domain "127.0.0.1:$port" --listen "127.0.0.1:$port" --insecure_http true
      --authorized_fetch false)
"$gesso" "${args[@]}" admin account create alice --email alice@example.test --password 'correct horse battery'
"$gesso" "${args[@]}" serve >"$work/serve.out" 2>"$work/serve.err" &
server_pid=$!
for _ in $(seq 1 300); do
  grep -q serving "$work/serve.out" 2>/dev/null && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/serve.err"; exit 1; }
  sleep 0.1
done
grep -q serving "$work/serve.out" || { echo "server did not start"; cat "$work/serve.err"; exit 1; }

status=0
timeout 120 node "$here/check-identity.mjs" "http://127.0.0.1:$port" alice || status=$?
kill -TERM "$server_pid"
wait "$server_pid" || { echo "gesso did not exit cleanly"; status=1; }
server_pid=""
exit "$status"
