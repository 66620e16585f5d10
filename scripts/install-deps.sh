#!/usr/bin/env bash
# Installs the Debian 12 packages Gesso needs that are missing. Usage: install-deps.sh [build|test]
# (test adds what the test suite and the benchmark use). Asks apt only when something is missing.
set -euo pipefail

packages=(
  cmake ninja-build ccache g++ pkg-config
  libboost1.81-dev libboost-system1.81-dev libboost-url1.81-dev libboost-program-options1.81-dev
  rapidjson-dev libsqlite3-dev libssl-dev libsodium-dev libkainjow-mustache-dev
  libopencv-core-dev libopencv-imgproc-dev libopencv-imgcodecs-dev
)
if [[ "${1:-build}" == "test" ]]; then
  packages+=(libgtest-dev openssl sqlite3 wrk libimage-exiftool-perl)
  # Mastodon client software the clients tier drives (tests/clients; npm ones: tests/clients/install.sh).
  packages+=(toot python3-mastodon)
  # The browser the browser tier drives headless (tests/browser; playwright-core: tests/browser/install.sh).
  packages+=(chromium)
fi

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
if (( ${#missing[@]} )); then
  echo "installing: ${missing[*]}"
  SUDO=""
  [[ $(id -u) -eq 0 ]] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
