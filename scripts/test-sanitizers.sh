#!/usr/bin/env bash
# GreenGauge under AddressSanitizer (with LeakSanitizer) and UndefinedBehaviorSanitizer, built with
# -DGG_SANITIZE=address,undefined in build-asan/ (or $GG_ASAN_BUILD_DIR). A report fails the run:
# UBSan stops the program (-fno-sanitize-recover=undefined), ASan stops it at the first error and
# a leak makes the exit code non-zero.
#
#   scripts/test-sanitizers.sh --corpus      builds the greengauge executable and core_tests and
#                                            runs the core unit tests and the bad-input and
#                                            good-input corpora under them (what scripts/test.sh
#                                            and so CI run)
#   scripts/test-sanitizers.sh [ctest args]  builds everything (the GoogleTest suites too) and
#                                            runs ctest, e.g. -LE 'postgis|qgis|notebooks'
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build="${GG_ASAN_BUILD_DIR:-$root/build-asan}"
export ASAN_OPTIONS="detect_leaks=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
if [[ "${1:-}" == --corpus ]]; then
  "$root/scripts/install-deps.sh"
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DGG_WERROR=ON \
    -DGG_SANITIZE=address,undefined >/dev/null
  # The compiler's lines go to a log (shown when the build fails), not to the CI output.
  if ! cmake --build "$build" --target greengauge core_tests --parallel "$(nproc)" \
    >"$build/build.log" 2>&1; then
    tail -n 60 "$build/build.log"
    exit 1
  fi
  # Pure computation (coverage, statistics, parsers): the fastest suite, about a second here.
  "$build/tests/core_tests" --gtest_brief=1
  /usr/bin/python3 "$root/tests/bad_inputs/run_corpus.py" "$build/greengauge"
  /usr/bin/python3 "$root/tests/bad_inputs/run_corpus.py" --good "$build/greengauge"
  exit 0
fi
GG_BUILD_DIR="$build" "$root/scripts/build.sh" -DGG_WERROR=ON -DGG_SANITIZE=address,undefined
cd "$build"
ctest --output-on-failure --parallel "$(nproc)" --timeout 1800 "$@"
