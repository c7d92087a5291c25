#!/usr/bin/env bash
# Urban heat benchmark (issue 13): greengauge assess with a heat section (LST, and Getis-Ord Gi*
# hot spots with a 300 m band) over a Landsat-size scene, side by side with the I/O floor of
# reading the same bands once; then the same run at several band widths and without hot spots,
# to show that the Gi* cost does not depend on the band. A benchmark, not a test: it asserts
# nothing about time. See docs/benchmarks.md.
#
#   bench/heat_bench.sh [--size 7600x7800] [--runs N] [--bands "30 300 600"] [--series-runs N]
#
#   default  a Landsat 8 Collection 2 Level-2-like scene of 7,600 x 7,800 pixels of 30 m
#            (bench/make_heat_inputs.py: SR_B4, SR_B5, ST_B10, QA_PIXEL, QA_RADSAT and the MTL;
#            16 district zones over the centre)
#   --size         COLSxROWS or N (N x N), e.g. 1000 for a quick check
#   --runs         timed pairs A B (default 5)
#   --bands        heat.hotspots.band_m of the band-width series (default "30 300 600": 1, 10
#                  and 20 pixels of 30 m)
#   --series-runs  timed rounds of the series (default 3)
#
# Environment: BUILD_DIR (default <repo>/build; must already be configured), BENCH_DIR (default
# /tmp/gg-bench), GREENGAUGE (default $BUILD_DIR/greengauge).
#
# A = greengauge assess heat_300.yaml -q --overwrite: imagery.products = the scene, the 16 zones,
#     areas: planar, heat: {hotspots: {band_m: 300}}; the whole run: the imagery family's NDVI
#     pass, the heat family's LST pass, the Gi* statistics pass, the hot spot pass over the
#     zones, and the z COG <name>_lst_gi_z.tif.
# B = GDAL_PAM_ENABLED=NO gdalinfo -stats on SR_B4, SR_B5, ST_B10, QA_PIXEL and QA_RADSAT, one
#     after the other (the I/O floor: every pixel of the bands the run reads, read once).
# Series: the same project with band_m = each of --bands, and with heat.hotspots: false (LST
#     only), alternated in every round.
# Answer check before any timing (bench/make_heat_inputs.py --check): LST of the inputs at
# random pixels, the zones' lst_mean_k against numpy, and every run's z COG at 400 random pixels
# against a brute-force Gi*. Warm page cache (one untimed warm-up round each); pairs alternate
# A B A B. Reported: median wall times, the median per-pair ratio A/B with min and max, peak RSS
# (/usr/bin/time -v), the series' medians [min, max] and their ratio to the LST-only run.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
NAME=heat_bench.sh
# shellcheck source=bench/common.sh
source "$ROOT/bench/common.sh"
BUILD_DIR=${BUILD_DIR:-$ROOT/build}
BENCH_DIR=${BENCH_DIR:-/tmp/gg-bench}
GG=${GREENGAUGE:-$BUILD_DIR/greengauge}
PY=/usr/bin/python3

SIZE=7600x7800
RUNS=5
BANDS="30 300 600"
SERIES_RUNS=3
while [[ $# -gt 0 ]]; do
    case "$1" in
        --size) SIZE=$2; shift ;;
        --runs) RUNS=$2; shift ;;
        --bands) BANDS=$2; shift ;;
        --series-runs) SERIES_RUNS=$2; shift ;;
        -h|--help) sed -n '2,35p' "$0"; exit 0 ;;
        *) echo "heat_bench.sh: unknown argument $1 (try --help)" >&2; exit 2 ;;
    esac
    shift
done

require_tools hyperfine gdalinfo /usr/bin/time "$PY"
build_greengauge

mkdir -p "$BENCH_DIR"
GEN_OUT=$("$PY" "$ROOT/bench/make_heat_inputs.py" "$BENCH_DIR" --size "$SIZE")
echo "$GEN_OUT" | grep -v -E '^PRODUCT='
MTL=$(echo "$GEN_OUT" | sed -n 's/^PRODUCT=//p')
SCENE=$(dirname "$MTL")
TAG=$(basename "$SCENE")
TAG=${TAG#LC08_HEAT_}
rm -f "$SCENE"/*.aux.xml
JSON_DIR="$BENCH_DIR/heat_runs_$TAG"
REPORT="$BENCH_DIR/heat_report_$TAG.txt"
rm -rf "$JSON_DIR"
mkdir -p "$JSON_DIR"
FLOOR="$BENCH_DIR/heat_floor.sh"
cat >"$FLOOR" <<FLOOR_EOF
#!/bin/sh
# The I/O floor: every pixel of the inputs read once, one file after the other.
for f in "\$@"; do GDAL_PAM_ENABLED=NO gdalinfo -stats "\$f" >/dev/null || exit 1; done
FLOOR_EOF
chmod +x "$FLOOR"

# project KEY HEAT: writes $JSON_DIR/heat_KEY.yaml (run name heat_KEY) and prints its command.
project() {
    local key=$1 heat=$2 file="$JSON_DIR/heat_$1.yaml"
    printf 'name: heat_%s\nareas: planar\nzones: {source: %s/zones.geojson, id_field: code}\nimagery: {products: [%s]}\nheat: %s\n' \
        "$key" "$SCENE" "$MTL" "$heat" >"$file"
    echo "$GG assess $file -o $JSON_DIR/out_$key -q --overwrite"
}

CMD_A=$(project 300 "{hotspots: {band_m: 300}}")
BANDS_FILES=""
for b in SR_B4 SR_B5 ST_B10 QA_PIXEL QA_RADSAT; do BANDS_FILES+=" $(ls "$SCENE"/*_"$b".TIF)"; done
CMD_B="$FLOOR$BANDS_FILES"
SERIES_ARGS=()
declare -A CMD
for m in $BANDS; do
    if [[ $m == 300 ]]; then CMD[$m]=$CMD_A; else CMD[$m]=$(project "$m" "{hotspots: {band_m: $m}}"); fi
    SERIES_ARGS+=(-n "gi_${m}m" "${CMD[$m]}")
done
CMD_OFF=$(project off "{hotspots: false}")
SERIES_ARGS+=(-n lst_only "$CMD_OFF")

echo
echo "== $TAG: answer check (before any timing) =="
Z_FILES=()
Z_BANDS=()
$CMD_A
for m in $BANDS; do
    # shellcheck disable=SC2086  # word lists on purpose
    [[ $m == 300 ]] || ${CMD[$m]}
    Z_FILES+=("$JSON_DIR/out_$m/heat_${m}_lst_gi_z.tif")
    Z_BANDS+=("$m")
done
[[ " $BANDS " == *" 300 "* ]] || { Z_FILES+=("$JSON_DIR/out_300/heat_300_lst_gi_z.tif"); Z_BANDS+=(300); }
$CMD_OFF
[[ ! -e "$JSON_DIR/out_off/heat_off_lst_gi_z.tif" ]] || { echo "$NAME: hotspots: false wrote a z COG" >&2; exit 1; }
"$PY" "$ROOT/bench/make_heat_inputs.py" "$BENCH_DIR" --size "$SIZE" \
    --check "$JSON_DIR/out_300/heat_300.csv" --z "${Z_FILES[@]}" --band-m "${Z_BANDS[@]}" \
    | tee "$JSON_DIR/check.txt"
grep -q "CHECK PASSED" "$JSON_DIR/check.txt" || exit 1

echo "== $TAG: 1 warm-up pair, then $RUNS alternated pairs A B =="
alternate_runs "$RUNS" "$JSON_DIR/pair" "pair" -n A "$CMD_A" -n B "$CMD_B"
LOAD_PAIRS=$(cut -d' ' -f1-3 /proc/loadavg)
echo "== $TAG: band-width series ($BANDS m, and LST only): 1 warm-up round, then $SERIES_RUNS alternated rounds =="
alternate_runs "$SERIES_RUNS" "$JSON_DIR/series" "round" "${SERIES_ARGS[@]}"
LOAD_SERIES=$(cut -d' ' -f1-3 /proc/loadavg)
RSS_ARGS=()
# shellcheck disable=SC2086
RSS_ARGS+=(A "$(rss_kb $CMD_A)" B "$(rss_kb $CMD_B)")
for m in $BANDS; do
    # shellcheck disable=SC2086
    RSS_ARGS+=("gi_${m}m" "$(rss_kb ${CMD[$m]})")
done
# shellcheck disable=SC2086
RSS_ARGS+=(lst_only "$(rss_kb $CMD_OFF)")

{
    echo "== Urban heat benchmark: Landsat 8 C2 L2-like scene, $TAG pixels of 30 m =="
    echo "date:  $(date -Iseconds)"
    echo "host:  nproc=$(nproc); $(uname -srm); $(gdalinfo --version); load after the pairs $LOAD_PAIRS, after the series $LOAD_SERIES, now $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "scene: $SCENE ($(du -cmL "$SCENE"/*.TIF | tail -1 | cut -f1) MB of bands)"
    echo "A: $GG assess heat_300.yaml -q --overwrite (heat: {hotspots: {band_m: 300}}, 16 zones)"
    echo "B: GDAL_PAM_ENABLED=NO gdalinfo -stats on SR_B4, SR_B5, ST_B10, QA_PIXEL, QA_RADSAT"
    echo "warm page cache; $RUNS alternated pairs A B, $SERIES_RUNS alternated series rounds, via hyperfine -N --runs 1"
    grep -E '^check' "$JSON_DIR/check.txt" | sed 's/^/answer /'
    "$PY" - "$JSON_DIR" "$RUNS" "$SERIES_RUNS" "$BANDS" "${RSS_ARGS[@]}" <<'PY_EOF'
import json, statistics, sys
folder, runs, series_runs, bands = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
rest = sys.argv[5:]
rss = {k: int(v) / 1024 for k, v in zip(rest[0::2], rest[1::2])}


def times(prefix, n):
    out = {}
    for i in range(1, n + 1):
        for r in json.load(open(f"{folder}/{prefix}_{i}.json"))["results"]:
            out.setdefault(r["command"], []).append(r["times"][0])
    return out


t = times("pair", runs)
a, b = t["A"], t["B"]
ab = [x / y for x, y in zip(a, b)]
print("pairs (A s, B s): " + "; ".join(f"{x:.2f} {y:.2f}" for x, y in zip(a, b)))
print(f"wall median A (greengauge, Gi* 300 m) {statistics.median(a):.2f} s, B (I/O floor) "
      f"{statistics.median(b):.2f} s; ratio A/B median {statistics.median(ab):.3f} "
      f"[min {min(ab):.3f}, max {max(ab):.3f}]; peak RSS A {rss['A']:.0f} MB, B {rss['B']:.0f} MB "
      f"(target < 1 GB)")
s = times("series", series_runs)
base = statistics.median(s["lst_only"])
names = [f"gi_{m}m" for m in bands.split()] + ["lst_only"]
for name in names:
    v = s[name]
    px = "" if name == "lst_only" else f" (r {max(1, round(float(name[3:-1]) / 30))} px)"
    print(f"series {name}{px}: median {statistics.median(v):.2f} s [min {min(v):.2f}, max "
          f"{max(v):.2f}] over {len(v)} rounds; x{statistics.median(v) / base:.3f} the LST-only "
          f"median; peak RSS {rss[name]:.0f} MB")
gi = [statistics.median(s[n]) for n in names[:-1]]
print(f"series: Gi* runs from {min(gi):.2f} to {max(gi):.2f} s (spread "
      f"{100 * (max(gi) - min(gi)) / min(gi):.1f} % of the fastest); hot spots add "
      f"{statistics.median(gi) - base:.2f} s (median over the band widths) to the LST-only run")
PY_EOF
} | tee "$REPORT"
echo "report written to $REPORT"
