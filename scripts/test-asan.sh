#!/usr/bin/env bash
# Builds XSky with AddressSanitizer + UndefinedBehaviorSanitizer (CMake preset "asan", gcc,
# build-asan/) and runs the whole test suite under Xvfb; any report aborts its test. Not in CI:
# it takes well over an hour on two cores. Extra arguments go to CTest (e.g. -L core, -R tst_tasks).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
bash scripts/deps.sh
cmake --preset asan >/dev/null
cmake --build --preset asan
exec xvfb-run -a -s "-screen 0 1600x1000x24" ctest --preset asan "$@"
