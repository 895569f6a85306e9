#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan+UBSan; build-fuzz/) and runs each for a bounded time.
#
#   tests/fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]     (default 60 s, every target)
#
# Each target fuzzes from its corpus build-fuzz/corpus/<target> (kept between runs, never in the
# repository), seeded with tests/fuzz/seeds/<target>, tests/fuzz/regressions/<target> and, when
# ../shared/data exists, the real files of that kind. A finding (crash, sanitizer report, uncaught
# exception, broken invariant, >10 s on one input, >2 GB) leaves its input in
# build-fuzz/findings/<target>/ and makes the script exit 1; minimise it with
#   build-fuzz/tests/fuzz/fuzz_<target> -minimize_crash=1 -runs=10000 FILE
# then add it under tests/fuzz/regressions/<target>/ and fix the bug (tst_fuzz_regressions
# replays it in the normal build). Environment: XSKY_FUZZ_BUILD_DIR (build-fuzz), XSKY_FUZZ_JOBS (2).
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
seconds=${1:-60}
shift || true
build=${XSKY_FUZZ_BUILD_DIR:-$here/build-fuzz}
shared=${XSKY_SHARED_DATA:-$here/../shared/data}
jobs=${XSKY_FUZZ_JOBS:-2}

all_targets=(regions query model_expression xmlrpc lockfile moc_fits moc_ascii moc_json
             ogip_spectrum ogip_response votable archive_listing session)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")

# -O1 and line tables only: quick to build, still good stacks in reports.
if [ ! -f "$build/build.ninja" ]; then
  cmake -S "$here" -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DXSKY_FUZZ=ON \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -gline-tables-only" >/dev/null
fi
mkdir -p "$build/logs"
if ! cmake --build "$build" -j"$jobs" --target "${targets[@]/#/fuzz_}" >"$build/logs/build.log" 2>&1; then
  tail -40 "$build/logs/build.log" >&2
  echo "fuzz: the build failed (full log: $build/logs/build.log)" >&2
  exit 2
fi

# Real files of each kind from ../shared/data, copied into the build folder (a read-only corpus).
shared_seeds() {  # target -> find(1) arguments under $shared
  case "$1" in
    regions) echo "regions -type f" ;;
    moc_fits) echo "moc -type f -iname *.fits" ;;
    moc_ascii) echo "moc -type f -iname *.txt" ;;
    ogip_spectrum) echo "spectra -type f ( -iname *.pi -o -iname *.pha* -o -iname *.ds -o -iname *grp* -o -iname *spec*.f* -o -iname pi*.fits )" ;;
    ogip_response) echo "spectra -type f ( -iname *rmf* -o -iname *arf* )" ;;
    *) echo "" ;;
  esac
}

# allocator_may_return_null: CFITSIO allocates from header values and handles a failed malloc
# (XSky's own operator new still aborts on a failed allocation).
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
failed=()
printf '%-18s %10s %8s %8s  %s\n' target execs exec/s corpus result
for t in "${targets[@]}"; do
  corpus=$build/corpus/$t
  findings=$build/findings/$t
  extra=$build/shared-seeds/$t
  mkdir -p "$corpus" "$findings" "$build/logs"
  dirs=("$corpus" "$here/tests/fuzz/seeds/$t")
  [ -d "$here/tests/fuzz/regressions/$t" ] && dirs+=("$here/tests/fuzz/regressions/$t")
  spec=$(shared_seeds "$t")
  if [ -n "$spec" ] && [ -d "$shared" ]; then
    rm -rf "$extra" && mkdir -p "$extra"
    read -r sub rest <<<"$spec"
    set -f  # the patterns are for find(1), not the shell
    # shellcheck disable=SC2086
    find "$shared/$sub" $rest -size -3M -exec cp -f {} "$extra/" \; 2>/dev/null || true
    set +f
    [ -n "$(ls -A "$extra")" ] && dirs+=("$extra")
  fi
  log=$build/logs/$t.log
  status=0
  "$build/tests/fuzz/fuzz_$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$findings/" -print_final_stats=1 "${dirs[@]}" >"$log" 2>&1 || status=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  size=$(find "$corpus" -type f | wc -l)
  if [ "$status" -eq 0 ]; then
    result=ok
  else
    result="FINDING (exit $status): $(ls -t "$findings" | head -1) - see $log"
    failed+=("$t")
  fi
  printf '%-18s %10s %8s %8s  %s\n' "$t" "${execs:-?}" "${speed:-?}" "$size" "$result"
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: findings in ${failed[*]}" >&2
  exit 1
fi
