#!/usr/bin/env bash
# Quick start, command 2: sets up everything, builds with warnings as errors and runs the whole
# test suite with ctest; then builds everything again with clang-14 under AddressSanitizer and
# UndefinedBehaviorSanitizer (build-fuzz/), runs the whole suite under them and each libFuzzer
# target for 60 s (scripts/test-sanitizers.sh; docs/reliability.md). Exits non-zero when anything
# fails. GG_SANITIZERS=0 skips the sanitizer part.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/build.sh" -DGG_WERROR=ON
(cd "${GG_BUILD_DIR:-$root/build}" && ctest --output-on-failure --parallel "$(nproc)" --timeout 600)
if [[ "${GG_SANITIZERS:-1}" != 0 ]]; then
  "$root/scripts/test-sanitizers.sh"
fi
