#!/usr/bin/env bash
# Runs the cloak harness end to end: installs the harness's npm packages if needed (from the npm registry,
# pinned by package-lock.json), builds the C++ variant writer, writes the variants, embeds them.
#   tools/cloak-harness/run.sh [BUILD_DIR=build] [OUT_DIR=build/cloak-harness]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="${1:-$root/build}"
out="${2:-$build/cloak-harness}"
command -v node >/dev/null || { echo "node (>= 18) is required" >&2; exit 1; }
if [ ! -d "$here/node_modules/nsfwjs" ]; then (cd "$here" && npm ci --no-audit --no-fund); fi
cmake --build "$build" --target gesso_cloak_variants
rm -rf "$out"
"$build/bench/gesso_cloak_variants" "$out"
node "$here/harness.js" "$out" --json "$out/results.json"
