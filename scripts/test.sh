#!/usr/bin/env bash
# Quick start, command 2: sets up everything, builds with warnings as errors and runs the whole
# test suite with ctest. Exits non-zero when anything fails.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/build.sh" -DGG_WERROR=ON
cd "${GG_BUILD_DIR:-$root/build}"
ctest --output-on-failure --parallel "$(nproc)" --timeout 600
