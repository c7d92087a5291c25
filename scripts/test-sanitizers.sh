#!/usr/bin/env bash
# GreenGauge under AddressSanitizer (with LeakSanitizer) and UndefinedBehaviorSanitizer, in one
# clang-14 build that also makes the libFuzzer targets: -DGG_FUZZ=ON instruments everything
# (libraries, executable, every test) with -fsanitize=fuzzer-no-link,address,undefined, in
# build-fuzz/ (or $GG_FUZZ_BUILD_DIR, the folder scripts/fuzz.sh uses). A report fails the run:
# UBSan stops the program (-fno-sanitize-recover=undefined), ASan stops it at the first error and
# a leak makes the exit code non-zero.
#
#   scripts/test-sanitizers.sh               builds everything, runs the whole ctest suite under
#                                            the sanitizers, then each fuzz target for
#                                            $GG_FUZZ_SECONDS (60) seconds: what scripts/test.sh
#                                            and so CI run
#   scripts/test-sanitizers.sh -- [ctest args]   the build and ctest only, e.g. -- -R Coverage
#
# (-DGG_SANITIZE=address,undefined is the same sanitizers with GCC, without the fuzz targets.)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build="${GG_FUZZ_BUILD_DIR:-$root/build-fuzz}"
"$root/scripts/install-deps.sh"
CC=clang-14 CXX=clang++-14 cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DGG_WERROR=ON -DGG_FUZZ=ON >/dev/null
# The compiler's lines go to a log (shown when the build fails), not to the CI output.
if ! cmake --build "$build" --parallel "$(nproc)" >"$build/build.log" 2>&1; then
  tail -n 60 "$build/build.log"
  exit 1
fi
export ASAN_OPTIONS="detect_leaks=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
ctest_only=0
if [[ "${1:-}" == -- ]]; then
  ctest_only=1
  shift
fi
(cd "$build" && ctest --output-on-failure --parallel "$(nproc)" --timeout 1800 "$@")
[[ $ctest_only == 0 ]] || exit 0
# Every target the build made (fuzz/CMakeLists.txt lists them), each from its seeds.
for exe in "$build"/fuzz/fuzz_*; do
  [[ -f "$exe" && -x "$exe" ]] || continue
  target=${exe##*/fuzz_}
  log="$build/fuzz-$target.log"
  if ! "$root/scripts/fuzz.sh" "$target" "${GG_FUZZ_SECONDS:-60}" >"$log" 2>&1; then
    tail -n 40 "$log"
    echo "fuzz $target: a finding, kept in $build/findings/$target/" >&2
    exit 1
  fi
  echo "fuzz $target: $(grep -E '^stat::number_of_executed_units' "$log" | sed 's/.*: *//') runs, clean"
done
