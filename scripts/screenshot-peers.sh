#!/bin/bash
# The README's picture of XSky and TOPCAT exchanging a table: runs tst_peers_tables on an Xvfb
# display that TOPCAT shares (XSKY_PEERS_DISPLAY) and saves the whole screen as
# docs/images/xsky-topcat.png. Needs the build (scripts/build.sh) and the peers' packages.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$ROOT/build}
OUT=${OUT:-$ROOT/docs/images}
for n in $(seq 81 90); do [ -e /tmp/.X11-unix/X$n ] || [ -e /tmp/.X$n-lock ] || break; done
DISP=:$n
timeout 300 Xvfb $DISP -screen 0 2000x1000x24 -nolisten tcp >/dev/null 2>&1 &
XPID=$!
trap 'kill $XPID 2>/dev/null || true' EXIT
for i in $(seq 1 50); do [ -e /tmp/.X11-unix/X$n ] && break; sleep 0.2; done
mkdir -p "$OUT"
DISPLAY=$DISP QT_QPA_PLATFORM=xcb XSKY_PEERS_DISPLAY=$DISP XSKY_SCREENSHOT_DIR=$OUT \
  timeout 240 "$BUILD/tests/peers/tst_peers_tables"
echo "screenshot: $OUT/xsky-topcat.png"
