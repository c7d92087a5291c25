#!/usr/bin/env bash
# Wetland persistence benchmark (issue 12): greengauge assess with wetlands.persistence over 6 and
# over 24 dates, each side by side with the I/O floor of reading the same bands once. A benchmark,
# not a test: it asserts nothing about time. See docs/benchmarks.md.
#
#   bench/wetland_bench.sh [--size N] [--runs N] [--dates "6 24"]
#
#   default  24 dates of a Sentinel-2 L2A-like tile of 10980 x 10980 (bench/make_wetland_inputs.py:
#            B03 10 m, B11 and SCL 20 m per date)
#   --size   other size of the 10 m bands (even), e.g. 2000 for a quick check
#   --runs   timed pairs per date count (default 5)
#   --dates  the date counts compared (default "6 24"; the first N dates of the series)
#
# Environment: BUILD_DIR (default <repo>/build; must already be configured), BENCH_DIR (default
# /tmp/gg-bench), GREENGAUGE (default $BUILD_DIR/greengauge).
#
# A = greengauge assess P_N.yaml -q --overwrite: imagery.products = the N dates, one zone over the
#     tile, green: {enabled: false}, wetlands.persistence {}; the whole run: the imagery's
#     coverage (no pixel read), the persistence pass, and the occurrence and observation COGs
#     (written after the run: the persistence source is read again).
# B = GDAL_PAM_ENABLED=NO gdalinfo -stats on B03, B11 and SCL of the N dates, one after the other
#     (the I/O floor: every pixel persistence needs read once).
# Warm page cache (one untimed warm-up pair per N); pairs alternate A B A B. Reported per N: median
# wall times, the median per-pair ratio A/B with min and max, peak RSS of A (/usr/bin/time -v);
# and how A grows from the first date count to the last (ratio of medians).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
NAME=wetland_bench.sh
# shellcheck source=bench/common.sh
source "$ROOT/bench/common.sh"
BUILD_DIR=${BUILD_DIR:-$ROOT/build}
BENCH_DIR=${BENCH_DIR:-/tmp/gg-bench}
GG=${GREENGAUGE:-$BUILD_DIR/greengauge}
PY=/usr/bin/python3

SIZE=10980
RUNS=5
DATES="6 24"
while [[ $# -gt 0 ]]; do
    case "$1" in
        --size) SIZE=$2; shift ;;
        --runs) RUNS=$2; shift ;;
        --dates) DATES=$2; shift ;;
        -h|--help) sed -n '2,26p' "$0"; exit 0 ;;
        *) echo "wetland_bench.sh: unknown argument $1 (try --help)" >&2; exit 2 ;;
    esac
    shift
done

require_tools hyperfine gdalinfo /usr/bin/time "$PY"
build_greengauge

MAX=0
for n in $DATES; do (( n > MAX )) && MAX=$n; done
mkdir -p "$BENCH_DIR"
GEN_OUT=$("$PY" "$ROOT/bench/make_wetland_inputs.py" "$BENCH_DIR" --size "$SIZE" --dates "$MAX")
echo "$GEN_OUT" | grep -v -E '^PRODUCT='
mapfile -t PRODUCTS < <(echo "$GEN_OUT" | sed -n 's/^PRODUCT=//p')
SERIES=$(dirname "${PRODUCTS[0]}")
rm -f "$SERIES"/D*/*.aux.xml
JSON_DIR="$BENCH_DIR/wetland_runs_$SIZE"
REPORT="$BENCH_DIR/wetland_report_$SIZE.txt"
rm -rf "$JSON_DIR"
mkdir -p "$JSON_DIR"
FLOOR="$BENCH_DIR/wetland_floor.sh"
cat >"$FLOOR" <<FLOOR_EOF
#!/bin/sh
# The I/O floor: every pixel of the inputs read once, one file after the other.
for f in "\$@"; do GDAL_PAM_ENABLED=NO gdalinfo -stats "\$f" >/dev/null || exit 1; done
FLOOR_EOF
chmod +x "$FLOOR"

declare -A RSS
for n in $DATES; do
    list=$(printf '%s\n' "${PRODUCTS[@]:0:n}" | paste -sd, -)
    project="$JSON_DIR/p_$n.yaml"
    out="$JSON_DIR/out_$n"
    printf 'name: wet%s\nzones: {source: %s/zones.geojson, id_field: code}\nimagery: {products: [%s]}\ngreen: {enabled: false}\nwetlands: {persistence: {}}\n' \
        "$n" "$SERIES" "$list" >"$project"
    files=""
    for p in "${PRODUCTS[@]:0:n}"; do
        files+=" $(ls "$p"/*_B03_10m.tif) $(ls "$p"/*_B11_20m.tif) $(ls "$p"/*_SCL_20m.tif)"
    done
    CMD_A="$GG assess $project -o $out -q --overwrite"
    CMD_B="$FLOOR$files"
    echo
    echo "== $n dates: answer check (before any timing) =="
    $CMD_A
    "$PY" "$ROOT/bench/make_wetland_inputs.py" "$BENCH_DIR" --size "$SIZE" --dates "$n" \
        --check "$out/wet${n}_water_occurrence.tif" "$out/wet${n}_water_observations.tif" \
        | tee "$JSON_DIR/check_$n.txt"
    grep -q "CHECK PASSED" "$JSON_DIR/check_$n.txt" || exit 1
    echo "== $n dates: 1 warm-up pair, then $RUNS alternated pairs A B =="
    # shellcheck disable=SC2086  # word lists on purpose
    alternate_runs "$RUNS" "$JSON_DIR/pair_$n" "pair ($n dates)" -n A "$CMD_A" -n B "$CMD_B"
    # shellcheck disable=SC2086
    RSS[$n]=$(rss_kb $CMD_A)
done

{
    echo "== Wetland persistence benchmark: Sentinel-2 L2A-like series, ${SIZE}x${SIZE} at 10 m =="
    echo "date:  $(date -Iseconds)"
    echo "host:  nproc=$(nproc); $(uname -srm); $(gdalinfo --version); load $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "series: $SERIES ($(du -cmL "$SERIES"/D*/*_B03_10m.tif "$SERIES"/D*/*_B11_20m.tif "$SERIES"/D*/*_SCL_20m.tif | tail -1 | cut -f1) MB of bands over $MAX dates)"
    echo "A: $GG assess p_N.yaml -o out_N -q --overwrite (wetlands.persistence over N dates)"
    echo "B: GDAL_PAM_ENABLED=NO gdalinfo -stats on B03, B11, SCL of the N dates"
    echo "warm page cache; $RUNS alternated pairs per N via hyperfine -N --runs 1"
    for n in $DATES; do grep -E '^check' "$JSON_DIR/check_$n.txt" | sed "s/^/answer ($n dates) /"; done
    args=()
    for n in $DATES; do args+=("$n" "${RSS[$n]}"); done
    "$PY" - "$JSON_DIR" "$RUNS" "${args[@]}" <<'PY_EOF'
import json, statistics, sys
folder, runs = sys.argv[1], int(sys.argv[2])
rest = sys.argv[3:]
medians = []
for n, rss in zip(rest[0::2], rest[1::2]):
    a, b = [], []
    for i in range(1, runs + 1):
        res = {r["command"]: r["times"][0]
               for r in json.load(open(f"{folder}/pair_{n}_{i}.json"))["results"]}
        a.append(res["A"]); b.append(res["B"])
    ab = [x / y for x, y in zip(a, b)]
    medians.append((int(n), statistics.median(a), statistics.median(b)))
    print(f"{n} dates: per-pair (A s, B s): " + "; ".join(f"{x:.2f} {y:.2f}" for x, y in zip(a, b)))
    print(f"{n} dates: wall median A (greengauge) {statistics.median(a):.2f} s, B (I/O floor) "
          f"{statistics.median(b):.2f} s; ratio A/B median {statistics.median(ab):.3f} "
          f"[min {min(ab):.3f}, max {max(ab):.3f}]; peak RSS of A {int(rss) / 1024:.0f} MB "
          f"(target < 1 GB)")
(n0, a0, b0), (n1, a1, b1) = medians[0], medians[-1]
print(f"growth {n0} -> {n1} dates (x{n1 / n0:.1f} the dates): A x{a1 / a0:.2f}, B x{b1 / b0:.2f}")
PY_EOF
} | tee "$REPORT"
echo "report written to $REPORT"
