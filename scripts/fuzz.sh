#!/usr/bin/env bash
# Builds the libFuzzer targets (clang-14, -DGG_FUZZ=ON: libFuzzer + ASan + UBSan, in build-fuzz/
# or $GG_FUZZ_BUILD_DIR) and runs one target for SECONDS at nice 19, on its seed corpus
# (fuzz/make_seeds.py, from the repository's files) and the corpus earlier runs grew. Prints
# libFuzzer's final statistics (-print_final_stats=1); a finding stops the run with a non-zero
# exit and its input in build-fuzz/findings/TARGET/ (keep it in fuzz/regressions/TARGET/ after
# the fix). See docs/reliability.md "Fuzzing".
#
# Usage: scripts/fuzz.sh TARGET SECONDS [libFuzzer options]
#   TARGET: project_file framework expression landsat_mtl sentinel2_mtd records coverage
#           emissivity_table
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
[ $# -ge 2 ] || { sed -n '2,10p' "$0" >&2; exit 2; }
target=$1
seconds=$2
shift 2
build="${GG_FUZZ_BUILD_DIR:-$root/build-fuzz}"
"$root/scripts/install-deps.sh"  # clang-14 and libclang-rt-14-dev among them
CC=clang-14 CXX=clang++-14 cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DGG_FUZZ=ON >/dev/null
# The compiler's lines go to a log, shown when the build fails.
if ! nice -n 19 cmake --build "$build" --target "fuzz_$target" >"$build/build-$target.log" 2>&1; then
  tail -n 60 "$build/build-$target.log"
  exit 1
fi
seeds="$build/seeds/$target"
corpus="$build/corpus/$target"
findings="$build/findings/$target"
rm -rf "$seeds"
/usr/bin/python3 "$root/fuzz/make_seeds.py" "$target" "$seeds"
mkdir -p "$corpus" "$findings"
export ASAN_OPTIONS="detect_leaks=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
cd "$build"
exec nice -n 19 "$build/fuzz/fuzz_$target" "$corpus" "$seeds" -max_total_time="$seconds" \
  -print_final_stats=1 -artifact_prefix="$findings/" -rss_limit_mb=2048 -timeout=10 "$@"
