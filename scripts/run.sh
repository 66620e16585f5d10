#!/usr/bin/env bash
# Quick start, command 1: install what is missing, build (Release, Ninja, ccache) and run a development
# node at http://localhost:8080 with its data in ./data. Extra arguments go to `gesso` before `serve`,
# e.g. scripts/run.sh --title "My node". GESSO_* environment variables work too.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh build
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build --target gesso
exec ./build/gesso --data_dir ./data --domain localhost:8080 --listen 127.0.0.1:8080 --insecure_http true "$@" serve
