#!/usr/bin/env bash
# Installs the Debian 12 packages XSky needs to build, run and test, when any is missing.
# As root it runs apt-get; otherwise it prints the exact command to run and exits non-zero.
# Sourced by xsky-demo.sh and run-tests.sh; safe to run again (does nothing when all are there).
set -euo pipefail

XSKY_PACKAGES=(
  g++ cmake ninja-build pkg-config
  clang libclang-rt-14-dev  # tests/fuzz: clang 14, libFuzzer and the sanitizer runtimes
  qt6-base-dev qt6-base-dev-tools qt6-qpa-plugins libqt6sql6-sqlite libqt6svg6 libgl-dev
  libqcustomplot-dev libcfitsio-dev wcslib-dev libhealpix-cxx-dev libcurl4-openssl-dev libssl-dev
  fonts-dejavu-core xvfb xauth imagemagick fitsverify libcfitsio-bin
  python3-astropy python3-numpy python3-scipy
  jsamp stilts saods9 topcat aladin default-jre-headless xpa-tools
)

missing=()
for p in "${XSKY_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "xsky: missing Debian packages; install them with:" >&2
  echo "sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi

echo "xsky: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
