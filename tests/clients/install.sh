#!/usr/bin/env bash
# Installs the npm client libraries the client-interop tier drives (masto 7, megalodon 9; pinned in
# package-lock.json) when Node.js >= 20 is present. The Debian clients (toot, python3-mastodon) come from
# scripts/install-deps.sh test.
set -euo pipefail
cd "$(dirname "$0")"
command -v node >/dev/null || { echo "no node"; exit 1; }
major=$(node -p 'process.versions.node.split(".")[0]')
(( major >= 20 )) || { echo "node $major is older than 20"; exit 1; }
[[ -f node_modules/masto/package.json && -f node_modules/megalodon/package.json ]] ||
  npm ci --no-audit --no-fund --loglevel=error
