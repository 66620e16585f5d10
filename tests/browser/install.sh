#!/usr/bin/env bash
# Installs what the browser tier drives: Debian's chromium (when missing) and npm playwright-core (pinned in
# package-lock.json; it drives the system browser, it downloads none). Needs Node.js >= 20.
set -euo pipefail
cd "$(dirname "$0")"
if [[ ! -x /usr/bin/chromium ]]; then
  SUDO=""
  [[ $(id -u) -eq 0 ]] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium
fi
command -v node >/dev/null || { echo "no node"; exit 1; }
major=$(node -p 'process.versions.node.split(".")[0]')
(( major >= 20 )) || { echo "node $major is older than 20"; exit 1; }
[[ -f node_modules/playwright-core/package.json ]] || npm ci --no-audit --no-fund --loglevel=error
