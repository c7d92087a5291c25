#!/usr/bin/env bash
# Installs the Debian packages (if missing), configures and builds GreenGauge in build/.
# Usage: scripts/build.sh [extra cmake -D options]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
build="${GG_BUILD_DIR:-$root/build}"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release "$@" >/dev/null
# The progress lines are dropped; a failed build still fails (pipefail), a build that printed
# nothing else does not (grep's own status is ignored).
cmake --build "$build" --parallel "$(nproc)" | { grep -vE '^\[[0-9]+/[0-9]+\] ' || true; }
test -x "$build/greengauge"
