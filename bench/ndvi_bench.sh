#!/usr/bin/env bash
# NDVI benchmark (issue 4): greengauge index vs the I/O floor and vs gdal_calc.py, side by side.
# A benchmark, not a test: it asserts nothing about time. See docs/benchmarks.md.
#
#   bench/ndvi_bench.sh [--size N] [--runs N] [--threads N] [--compress CODEC]
#
#   default  a Sentinel-2 L2A-like product of 10980 x 10980 (one tile): B04, B08 UInt16 at 10 m,
#            SCL at 20 m, MTD_MSIL2A.xml (bench/make_ndvi_inputs.py)
#   --size   other size of the 10 m bands (even), e.g. 2000 for a quick check
#   --runs   timed triples (default 5, at least 5 for a reportable figure)
#   --threads N  passed to greengauge index --threads (default: greengauge's default, all cores)
#   --compress CODEC  passed to greengauge index --compress (default: its default, deflate)
#
# Environment: BUILD_DIR (default <repo>/build; must already be configured, the script only runs
# `cmake --build`), BENCH_DIR (default /tmp/gg-bench: inputs, outputs, JSON and the report),
# GREENGAUGE (default $BUILD_DIR/greengauge).
#
# A = greengauge index --product P --index ndvi -o OUT.tif      (COG: DEFLATE or --compress, overviews)
# B = GDAL_PAM_ENABLED=NO gdalinfo -stats on B04, B08 and SCL, one after the other (the I/O
#     floor: every input pixel read once)
# C = gdal_calc.py, the same NDVI and the same SCL mask, GeoTIFF Float32 tiled 512, compressed
#     as A's COG (the same codec and level: DEFLATE ZLEVEL=1 by default, ZSTD ZSTD_LEVEL=1 with
#     --compress zstd; PREDICTOR=3, NUM_THREADS=ALL_CPUS), no overviews; SCL is read through a VRT
#     at 10 m (nearest neighbour, made once, untimed) because gdal_calc.py needs one grid.
# All run with a warm page cache (one untimed warm-up triple first). Triples alternate A B C A B C
# ...: one hyperfine call each, so drift on a shared machine hits the three sides alike. Reported:
# median wall time of each side, median of the per-triple ratios A/B and C/A with min and max,
# peak RSS of each side from /usr/bin/time -v.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
NAME=ndvi_bench.sh
# shellcheck source=bench/common.sh
source "$ROOT/bench/common.sh"
BUILD_DIR=${BUILD_DIR:-$ROOT/build}
BENCH_DIR=${BENCH_DIR:-/tmp/gg-bench}
GG=${GREENGAUGE:-$BUILD_DIR/greengauge}
PY=/usr/bin/python3
CALC=/usr/bin/gdal_calc.py

SIZE=10980
RUNS=5
THREADS=""
COMPRESS=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        --size) SIZE=$2; shift ;;
        --runs) RUNS=$2; shift ;;
        --threads) THREADS=$2; shift ;;
        --compress) COMPRESS=$2; shift ;;
        -h|--help) sed -n '2,27p' "$0"; exit 0 ;;
        *) echo "ndvi_bench.sh: unknown argument $1 (try --help)" >&2; exit 2 ;;
    esac
    shift
done

require_tools hyperfine gdalinfo gdal_translate /usr/bin/time "$PY" "$CALC"

build_greengauge

mkdir -p "$BENCH_DIR"
GEN_OUT=$("$PY" "$ROOT/bench/make_ndvi_inputs.py" "$BENCH_DIR" --size "$SIZE")
echo "$GEN_OUT" | grep -v -E '^PRODUCT='
PRODUCT=$(echo "$GEN_OUT" | sed -n 's/^PRODUCT=//p')
B04=$(ls "$PRODUCT"/*_B04_10m.tif)
B08=$(ls "$PRODUCT"/*_B08_10m.tif)
SCL=$(ls "$PRODUCT"/*_SCL_20m.tif)
# Stray FILE.aux.xml (gdalinfo -stats without GDAL_PAM_ENABLED=NO) would hand B its answer.
rm -f "$PRODUCT"/*.aux.xml
SCL10="$BENCH_DIR/ndvi_scl_10m_${SIZE}.vrt"
gdal_translate -q -of VRT -outsize "$SIZE" "$SIZE" -r nearest "$SCL" "$SCL10"

TAG="${SIZE}${THREADS:+_t$THREADS}${COMPRESS:+_$COMPRESS}"
OUT_A="$BENCH_DIR/ndvi_gg_$TAG.tif"
OUT_C="$BENCH_DIR/ndvi_calc_$TAG.tif"
CMD_A="$GG index --product $PRODUCT --index ndvi -o $OUT_A"
[[ -n "$THREADS" ]] && CMD_A+=" --threads $THREADS"
[[ -n "$COMPRESS" ]] && CMD_A+=" --compress $COMPRESS"
FLOOR="$BENCH_DIR/ndvi_floor.sh"
cat >"$FLOOR" <<FLOOR_EOF
#!/bin/sh
# The I/O floor: every pixel of the three inputs read once, one file after the other.
for f in "\$@"; do GDAL_PAM_ENABLED=NO gdalinfo -stats "\$f" >/dev/null || exit 1; done
FLOOR_EOF
chmod +x "$FLOOR"
CMD_B="$FLOOR $B04 $B08 $SCL"
# Reflectance (DN - 1000) / 10000 (BOA_ADD_OFFSET -1000); masked: fill 0, saturated 65535, SCL
# 0, 1, 3, 8, 9, 10 and anything above 11 (what greengauge's default mask drops).
EXPR="where((A>0)&(B>0)&(A<65535)&(B<65535)&(C>1)&(C<12)&(C!=3)&(C!=8)&(C!=9)&(C!=10),"
EXPR+="((B-1000.0)/10000-(A-1000.0)/10000)/((B-1000.0)/10000+(A-1000.0)/10000),-9999)"
# C compresses as A does: greengauge's CODEC[:LEVEL] as GDAL creation options.
CODEC=${COMPRESS:-deflate}
LEVEL=1
if [[ "$CODEC" == *:* ]]; then LEVEL=${CODEC#*:}; CODEC=${CODEC%%:*}; fi
case "${CODEC,,}" in
    deflate) CALC_CO="--co COMPRESS=DEFLATE --co ZLEVEL=$LEVEL --co PREDICTOR=3" ;;
    zstd) CALC_CO="--co COMPRESS=ZSTD --co ZSTD_LEVEL=$LEVEL --co PREDICTOR=3" ;;
    none) CALC_CO="--co COMPRESS=NONE" ;;
    *) echo "ndvi_bench.sh: --compress $COMPRESS: use deflate, zstd or none[:LEVEL]" >&2; exit 2 ;;
esac
# A word list (no argument holds a space; EXPR neither), run unquoted and by hyperfine -N.
CMD_C="$CALC --quiet --overwrite -A $B04 -B $B08 -C $SCL10 --outfile $OUT_C --type Float32"
CMD_C+=" --NoDataValue -9999 --format GTiff --co TILED=YES --co BLOCKXSIZE=512"
CMD_C+=" --co BLOCKYSIZE=512 $CALC_CO"
CMD_C+=" --co NUM_THREADS=ALL_CPUS --co BIGTIFF=IF_SAFER --calc $EXPR"
JSON_DIR="$BENCH_DIR/ndvi_runs_$TAG"
REPORT="$BENCH_DIR/ndvi_report_$TAG.txt"
rm -rf "$JSON_DIR"
mkdir -p "$JSON_DIR"

echo
echo "== answer check (before any timing) =="
# These runs also warm the page cache.
$CMD_A >"$JSON_DIR/check_run_a.log" 2>&1 || { cat "$JSON_DIR/check_run_a.log"; exit 1; }
# shellcheck disable=SC2086  # the commands are word lists on purpose
$CMD_C >"$JSON_DIR/check_run_c.log" 2>&1 || { cat "$JSON_DIR/check_run_c.log"; exit 1; }
"$PY" "$ROOT/bench/make_ndvi_inputs.py" "$BENCH_DIR" --size "$SIZE" --check "$OUT_A" "$OUT_C" \
    | tee "$JSON_DIR/check.txt"
grep -q "CHECK PASSED" "$JSON_DIR/check.txt" || exit 1

echo
echo "== timing: 1 warm-up triple, then $RUNS alternated triples A B C =="
echo "A: $CMD_A"
echo "B: $CMD_B"
echo "C: $CMD_C"
alternate_runs "$RUNS" "$JSON_DIR/triple" triple -n A "$CMD_A" -n B "$CMD_B" -n C "$CMD_C"

echo "== peak RSS (/usr/bin/time -v, one run each; B: the largest of its three gdalinfo) =="
# shellcheck disable=SC2086
RSS_A=$(rss_kb $CMD_A)
# shellcheck disable=SC2086
RSS_B=$(rss_kb $CMD_B)
# shellcheck disable=SC2086
RSS_C=$(rss_kb $CMD_C)

{
    echo "== NDVI benchmark: Sentinel-2 L2A-like product, ${SIZE}x${SIZE} at 10 m =="
    echo "date:  $(date -Iseconds)"
    echo "host:  nproc=$(nproc); $(uname -srm); $(gdalinfo --version); load $(cut -d' ' -f1-3 /proc/loadavg)"
    free -h
    echo "product: $PRODUCT ($(du -cm "$B04" "$B08" "$SCL" | tail -1 | cut -f1) MB of bands)"
    echo "A: $CMD_A"
    echo "B: GDAL_PAM_ENABLED=NO gdalinfo -stats on $B04, $B08, $SCL"
    echo "C: $CMD_C"
    echo "outputs: A $(du -m "$OUT_A" | cut -f1) MB (COG with overviews), C $(du -m "$OUT_C" | cut -f1) MB (GeoTIFF, no overviews)"
    echo "warm page cache (one warm-up triple); $RUNS alternated triples via hyperfine -N --runs 1"
    grep -E '^check|^CHECK' "$JSON_DIR/check.txt" | sed 's/^/answer /'
    "$PY" - "$JSON_DIR" "$RUNS" "$RSS_A" "$RSS_B" "$RSS_C" <<'PY_EOF'
import json, statistics, sys
folder, runs = sys.argv[1], int(sys.argv[2])
rss_a, rss_b, rss_c = (int(x) for x in sys.argv[3:6])
a, b, c = [], [], []
for i in range(1, runs + 1):
    res = {r["command"]: r["times"][0]
           for r in json.load(open(f"{folder}/triple_{i}.json"))["results"]}
    a.append(res["A"]); b.append(res["B"]); c.append(res["C"])
ab = [x / y for x, y in zip(a, b)]
ca = [z / x for x, z in zip(a, c)]
print("per-triple (A s, B s, C s): " + "; ".join(f"{x:.2f} {y:.2f} {z:.2f}" for x, y, z in zip(a, b, c)))
print(f"wall median: A (greengauge) {statistics.median(a):.2f} s, B (gdalinfo -stats x3) "
      f"{statistics.median(b):.2f} s, C (gdal_calc.py) {statistics.median(c):.2f} s")
print(f"ratio A/B: median {statistics.median(ab):.3f} [min {min(ab):.3f}, max {max(ab):.3f}]"
      f"  (target <= 1.3)")
print(f"ratio C/A: median {statistics.median(ca):.3f} [min {min(ca):.3f}, max {max(ca):.3f}]"
      f"  (target >= 3)")
print(f"peak RSS: A {rss_a / 1024:.0f} MB (target < 300 MB), B {rss_b / 1024:.0f} MB, "
      f"C {rss_c / 1024:.0f} MB")
PY_EOF
} | tee "$REPORT"
echo "report written to $REPORT"
