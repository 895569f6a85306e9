#!/usr/bin/env bash
# The viewer benchmark against SAOImage DS9 8.4.1 in one run: generates the inputs (~500 MB, once),
# times DS9 headless under Xvfb over SAMP (../shared/peers/ds9-timing), then XSky on the same
# files, and prints both with their ratios. Needs the Debian packages saods9 xpa-tools jsamp
# default-jre-headless (installed here when run as root).
# usage: tests/bench/bench_viewer.sh [BUILD_DIR]      (DATA=... to choose where the inputs go)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-$root/build}
peers=${XSKY_PEERS:-$root/../shared/peers}
export DATA=${DATA:-/tmp/xsky-bench-viewer}
mkdir -p "$DATA"
need=()
for p in saods9 xpa-tools jsamp default-jre-headless xvfb python3-astropy; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "bench_viewer: install first: sudo apt-get install -y --no-install-recommends ${need[*]}" >&2
    exit 1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
[ -f "$DATA/evt10M.fits" ] || /usr/bin/python3 "$peers/ds9-timing/make_data.py" "$DATA"
echo "timing DS9 (about a minute) ..."
OUT=$DATA/ds9_timing.json RUN=$(mktemp -d /tmp/xsky-ds9-run.XXXXXX) \
  bash "$peers/ds9-timing/run_ds9_timing.sh" > "$DATA/ds9_timing.log" 2>&1 || {
  echo "DS9 timing failed; see $DATA/ds9_timing.log" >&2; }
QT_QPA_PLATFORM=offscreen "$build/tests/bench/bench_viewer" "$DATA" "$DATA/ds9_timing.json"
