#!/usr/bin/env bash
# Zonal-statistics benchmark (issue 2): greengauge zonal vs the I/O floor, side by side.
# A benchmark, not a test: it asserts nothing about time. See docs/benchmarks.md.
#
#   bench/zonal_bench.sh [--small] [--runs N] [--threads N]
#
#   default  20000 x 20000 Float32 tiled DEFLATE GeoTIFF, 10,000 polygons
#   --small  4000 x 4000 raster, 1,000 polygons (a quick check)
#   --runs   timed pairs (default 5, at least 5 for a reportable figure)
#   --threads N  passed to greengauge zonal --threads (default: greengauge's default, all cores)
#
# Environment: BUILD_DIR (default <repo>/build; must already be configured, the script only runs
# `cmake --build`), BENCH_DIR (default /tmp/gg-bench: inputs, outputs, JSON and the report),
# GREENGAUGE (default $BUILD_DIR/greengauge).
#
# A = greengauge zonal --raster R --zones Z --id zone_id --stats mean,count -o OUT.csv
# B = GDAL_PAM_ENABLED=NO gdalinfo -stats R        (the I/O floor: every pixel read once)
# Both run with a warm page cache (one untimed warm-up pair first). Pairs alternate A B A B ...:
# one hyperfine call per pair, so drift on a shared machine hits both sides of a pair alike.
# Reported: median wall time of each side, median of the per-pair ratios A/B with min and max,
# peak RSS of each side from /usr/bin/time -v.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
NAME=zonal_bench.sh
# shellcheck source=bench/common.sh
source "$ROOT/bench/common.sh"
BUILD_DIR=${BUILD_DIR:-$ROOT/build}
BENCH_DIR=${BENCH_DIR:-/tmp/gg-bench}
GG=${GREENGAUGE:-$BUILD_DIR/greengauge}
PY=/usr/bin/python3

SIZE=20000
NZONES=10000
RUNS=5
THREADS=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        --small) SIZE=4000; NZONES=1000 ;;
        --runs) RUNS=$2; shift ;;
        --threads) THREADS=$2; shift ;;
        -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
        *) echo "zonal_bench.sh: unknown argument $1 (try --help)" >&2; exit 2 ;;
    esac
    shift
done

require_tools hyperfine gdalinfo /usr/bin/time "$PY"

build_greengauge

mkdir -p "$BENCH_DIR"
GEN_OUT=$("$PY" "$ROOT/bench/make_zonal_inputs.py" "$BENCH_DIR" --size "$SIZE" --zones "$NZONES")
echo "$GEN_OUT" | grep -v -E '^(RASTER|ZONES)='
RASTER=$(echo "$GEN_OUT" | sed -n 's/^RASTER=//p')
ZONES=$(echo "$GEN_OUT" | sed -n 's/^ZONES=//p')
# A stray FILE.aux.xml (gdalinfo -stats without GDAL_PAM_ENABLED=NO) would hand B its answer.
if [[ -e "$RASTER.aux.xml" ]]; then
    echo "removing $RASTER.aux.xml (stored statistics would make the floor free)"
    rm -f "$RASTER.aux.xml"
fi

OUT="$BENCH_DIR/zonal_out_${SIZE}.csv"
CMD_A="$GG zonal --raster $RASTER --zones $ZONES --id zone_id --stats mean,count -o $OUT"
[[ -n "$THREADS" ]] && CMD_A+=" --threads $THREADS"
CMD_B="env GDAL_PAM_ENABLED=NO gdalinfo -stats $RASTER"
# greengauge refuses to replace an output without --overwrite: A's output is removed before every
# run, untimed (hyperfine --prepare), so any build of greengauge, with or without that flag, runs.
PREP_A="rm -f $OUT"
TAG="${SIZE}${THREADS:+_t$THREADS}"
JSON_DIR="$BENCH_DIR/runs_$TAG"
REPORT="$BENCH_DIR/report_$TAG.txt"
rm -rf "$JSON_DIR"
mkdir -p "$JSON_DIR"

echo
echo "== answer check (before any timing) =="
# This run also warms the page cache for A.
$PREP_A
$CMD_A >"$JSON_DIR/check_run.log" 2>&1 || { cat "$JSON_DIR/check_run.log"; exit 1; }
"$PY" "$ROOT/bench/make_zonal_inputs.py" "$BENCH_DIR" --size "$SIZE" --zones "$NZONES" \
    --check "$OUT" | tee "$JSON_DIR/check.txt"

echo
echo "== timing: 1 warm-up pair, then $RUNS alternated pairs A B =="
echo "A: $CMD_A"
echo "B: $CMD_B"
alternate_runs "$RUNS" "$JSON_DIR/pair" pair --prepare "$PREP_A" -n A "$CMD_A" \
    --prepare true -n B "$CMD_B"

echo "== peak RSS (/usr/bin/time -v, one run each) =="
$PREP_A
# shellcheck disable=SC2086  # the commands are word lists on purpose
RSS_A=$(rss_kb $CMD_A)
# shellcheck disable=SC2086
RSS_B=$(rss_kb $CMD_B)

{
    echo "== zonal benchmark: ${SIZE}x${SIZE} Float32 raster, $NZONES zones =="
    echo "date:  $(date -Iseconds)"
    echo "host:  nproc=$(nproc); $(uname -srm); $(gdalinfo --version)"
    free -h
    echo "raster: $RASTER ($(du -m "$RASTER" | cut -f1) MB)"
    echo "zones:  $ZONES"
    echo "A: $CMD_A"
    echo "B: GDAL_PAM_ENABLED=NO gdalinfo -stats $RASTER"
    echo "warm page cache (one warm-up pair); $RUNS alternated pairs via hyperfine -N --runs 1"
    grep -E '^check|^CHECK' "$JSON_DIR/check.txt" | sed 's/^/answer /'
    "$PY" "$ROOT/bench/pair_summary.py" "$JSON_DIR" "$RUNS" "$RSS_A" "$RSS_B" \
        "greengauge" "gdalinfo -stats" "<= 1.5" "< 300 MB"
} | tee "$REPORT"
echo "report written to $REPORT"
