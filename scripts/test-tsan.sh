#!/usr/bin/env bash
# Builds XSky with ThreadSanitizer (CMake preset "tsan", gcc, build-tsan/) and runs the whole test
# suite under Xvfb with tests/tsan.supp (races inside Debian's uninstrumented Qt/glib only; never
# XSky code). Not in CI: it takes well over an hour on two cores. Extra arguments go to CTest
# (e.g. -R 'tst_tasks|tst_samp_server|tst_samp_hub').
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
bash scripts/deps.sh
cmake --preset tsan >/dev/null
cmake --build --preset tsan
exec xvfb-run -a -s "-screen 0 1600x1000x24" ctest --preset tsan "$@"
