#!/usr/bin/env bash
# The test suite under AddressSanitizer (with LeakSanitizer) and UndefinedBehaviorSanitizer: builds
# GreenGauge with -DGG_SANITIZE=address,undefined in build-asan/ (or $GG_ASAN_BUILD_DIR) and runs
# ctest there. Any sanitizer report fails its test: ASan and UBSan stop the program
# (-fno-sanitize-recover=undefined), and a leak makes the exit code non-zero.
# Usage: scripts/test-sanitizers.sh [ctest options], e.g. -LE 'postgis|qgis|notebooks'
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build="${GG_ASAN_BUILD_DIR:-$root/build-asan}"
GG_BUILD_DIR="$build" "$root/scripts/build.sh" -DGG_WERROR=ON -DGG_SANITIZE=address,undefined
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:strict_string_checks=1:detect_stack_use_after_return=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
if [[ -f "$root/tests/sanitizers/lsan.supp" ]]; then
  export LSAN_OPTIONS="suppressions=$root/tests/sanitizers/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
fi
cd "$build"
ctest --output-on-failure --parallel "$(nproc)" --timeout 1800 "$@"
