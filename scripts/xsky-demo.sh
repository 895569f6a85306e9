#!/usr/bin/env bash
# One command: install what is missing, build, and open XSky on the bundled demo sky.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bash "$here/scripts/deps.sh"
bash "$here/scripts/build.sh"
build=${XSKY_BUILD_DIR:-$here/build}
demo="$build/demo"
if [ ! -f "$demo/truth.json" ]; then
  "$build/app/xsky-cli" simulate -o "$demo"
fi
exec "$build/app/xsky" "$demo" "$@"
