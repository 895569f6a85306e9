#!/usr/bin/env bash
# Configures and builds XSky into build/ (Release with debug info) with two jobs.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${XSKY_BUILD_DIR:-$here/build}
cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j2
