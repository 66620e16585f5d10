#!/usr/bin/env bash
# Quick start, command 2: install what is missing, build and run every test: the Release build (all tiers,
# interop included) and an ASan+UBSan build of the whole suite.
#   scripts/test.sh          everything (what CI runs)
#   scripts/test.sh --quick  Release build, unit and storage tiers only (the inner loop)
set -euo pipefail
cd "$(dirname "$0")/.."
quick=false
[[ "${1:-}" == "--quick" ]] && quick=true
jobs=$(nproc)

scripts/install-deps.sh test
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DGESSO_TESTS=ON -DGESSO_WERROR=ON >/dev/null
cmake --build build
if $quick; then
  ctest --test-dir build -L 'unit|storage' -j"$jobs" --output-on-failure
  exit
fi

tests/interop/install.sh || echo "interop dependencies unavailable: the interop tier will be skipped"
tests/clients/install.sh || echo "npm client libraries unavailable: masto and megalodon will be skipped"
tests/browser/install.sh
echo "== Release build: all tiers but clients and browser"
ctest --test-dir build -LE 'clients|browser' -j"$jobs" --output-on-failure

# The browser tier drives Debian's headless Chromium through the signed-in pages (sign-in, settings, OAuth
# consent, CSRF refusal, sign-up); screenshots in build/test-artifacts/browser.
echo "== Release build: browser tier (headless Chromium)"
ctest --test-dir build -L browser --output-on-failure

# The clients tier drives real Mastodon apps (toot, Mastodon.py, masto, megalodon) through logging in,
# uploading, posting, timelines, a remote follow, notifications and streaming.
echo "== Release build: clients tier (real Mastodon client software)"
ctest --test-dir build -L clients --output-on-failure

echo "== ASan+UBSan build: all tiers but interop, clients and browser"
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DGESSO_SANITIZE=ON -DGESSO_TESTS=ON \
      -DGESSO_WERROR=ON >/dev/null
cmake --build build-asan
ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan -LE 'interop|clients|browser' -j"$jobs" --output-on-failure
