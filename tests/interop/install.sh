#!/usr/bin/env bash
# Installs the interop checker's npm packages (pinned in package-lock.json) when Node.js >= 20 is present.
set -euo pipefail
cd "$(dirname "$0")"
command -v node >/dev/null || { echo "no node"; exit 1; }
major=$(node -p 'process.versions.node.split(".")[0]')
(( major >= 20 )) || { echo "node $major is older than 20"; exit 1; }
[[ -d node_modules/@fedify/fedify ]] || npm ci --no-audit --no-fund --loglevel=error
