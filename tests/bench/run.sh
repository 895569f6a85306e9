#!/usr/bin/env bash
# Runs every benchmark in the build folder (default build/) and prints each beside its anchor.
set -euo pipefail
build=${1:-$(cd "$(dirname "$0")/../.." && pwd)/build}
"$build/tests/bench/bench_read_events"
QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen} "$build/tests/bench/bench_startup"
"$build/tests/bench/bench_region_contains"
"$build/tests/bench/bench_extract"
"$build/tests/bench/bench_fit"
"$build/tests/bench/bench_query"
"$build/tests/bench/bench_timing"
QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen} "$build/tests/bench/bench_live_stats"
bash "$(dirname "$0")/bench_viewer.sh" "$build"
