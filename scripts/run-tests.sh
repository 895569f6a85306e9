#!/usr/bin/env bash
# One command: install what is missing, build, and run every test (all CTest labels, slow and
# peers included). Exits non-zero on any failure; the last line is CTest's summary.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bash "$here/scripts/deps.sh"
bash "$here/scripts/build.sh"
build=${XSKY_BUILD_DIR:-$here/build}
cd "$build"
# Whole-window tests need an X server: run the suite under a private Xvfb display.
exec xvfb-run -a -s "-screen 0 1600x1000x24" \
  ctest --output-on-failure --timeout 900 -j2 "$@"
