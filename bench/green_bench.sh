#!/usr/bin/env bash
# Green-space benchmark (issue 5): greengauge assess with green-space polygons, accessibility and a
# population raster, vs the same dissolve + per-zone clip in SpatiaLite (ogr2ogr, SQLite dialect),
# side by side. A benchmark, not a test: it asserts nothing about time. See
# docs/benchmarks.md.
#
#   bench/green_bench.sh [--small] [--overlay] [--runs N] [--no-phases]
#
#   default  100 km x 100 km: 500 zones, 100,000 parks, 10,000 x 10,000 population raster (10 m)
#   --small  20 km x 20 km: 500 zones, 10,000 parks, 2,000 x 2,000 raster (a quick check)
#   --overlay  A runs green_bench_<tag>_overlay.yaml instead: no population raster and an access
#            rule no green space meets (min_area_m2 1e15), i.e. assess doing (almost) only what B
#            does; greengauge has no switch to skip accessibility when green_spaces is given
#   --runs   timed pairs (default 5)
#   --no-phases  skip the perf profile of one extra assess run (wall time per phase)
#
# Environment: BUILD_DIR (default <repo>/build; must already be configured, the script only runs
# `cmake --build`), BENCH_DIR (default /tmp/gg-green: inputs, outputs, JSON and the report),
# GREENGAUGE (default $BUILD_DIR/greengauge), WAIT_MAX (seconds to wait for other benchmarks to
# finish, default 900), BUSY_PATTERN (pgrep -f pattern of the processes to wait for, default
# 'bench.sh|gdal_calc|hyperfine|ctest|cc1plus': other benchmarks, and test suites or builds of
# other work trees, which take a core of the 2 each).
#
# A = greengauge assess green_bench_<tag>.yaml -o OUT   (zones + imagery + green_spaces with
#     public_field + access + zones.population_raster: the whole command)
# B = ogr2ogr -f CSV PEER.csv green_<tag>.gpkg -dialect SQLite -sql @bench/green_peer.sql
#     (SpatiaLite: per zone, ST_Union of the parks meeting it, ST_Intersection with the zone,
#     ST_Area; all parks and public ones: the green_polygon_area_m2 / public_green_area_m2 of A)
# B does only the overlay; A also sums the population raster, the imagery, and the accessibility
# (no peer), so A/B is conservative; the perf phase profile shows A's overlay on its own.
# Before timing: both run once and their per-zone areas are compared (relative tolerance 1e-6).
# Warm page cache (one untimed warm-up pair), then pairs A B A B ..., one hyperfine call per pair.
# Reported: median wall time of each side, median of the per-pair ratios A/B with min and max,
# peak RSS of each side from /usr/bin/time -v, and A's wall time per phase (perf).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
NAME=green_bench.sh
# shellcheck source=bench/common.sh
source "$ROOT/bench/common.sh"
BUILD_DIR=${BUILD_DIR:-$ROOT/build}
BENCH_DIR=${BENCH_DIR:-/tmp/gg-green}
GG=${GREENGAUGE:-$BUILD_DIR/greengauge}
PY=/usr/bin/python3
WAIT_MAX=${WAIT_MAX:-900}
BUSY_PATTERN=${BUSY_PATTERN:-'bench.sh|gdal_calc|hyperfine|ctest|cc1plus'}

KM=100
PARKS=100000
RUNS=5
PHASES=1
VARIANT=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        --small) KM=20; PARKS=10000 ;;
        --overlay) VARIANT=_overlay ;;
        --runs) RUNS=$2; shift ;;
        --no-phases) PHASES=0 ;;
        -h|--help) sed -n '2,30p' "$0"; exit 0 ;;
        *) echo "green_bench.sh: unknown argument $1 (try --help)" >&2; exit 2 ;;
    esac
    shift
done

require_tools hyperfine ogr2ogr /usr/bin/time "$PY"
if [[ $PHASES == 1 ]] && ! command -v perf >/dev/null; then
    echo "green_bench.sh: perf not found, no phase profile"
    PHASES=0
fi

build_greengauge

# The machine has 2 cores: wait until no other benchmark runs. Matches of the pattern that are
# this script, its ancestors (the shell that started it) or its descendants are not "others".
is_ours() {  # pid -> 0 when pid is $$, an ancestor or a descendant of $$
    local pid=$1 p
    p=$pid
    while [[ -n "$p" && "$p" != 0 && "$p" != 1 ]]; do      # descendant (or self)?
        [[ "$p" == "$$" ]] && return 0
        p=$(awk '{print $4}' "/proc/$p/stat" 2>/dev/null || true)
    done
    p=$$
    while [[ -n "$p" && "$p" != 0 && "$p" != 1 ]]; do      # ancestor?
        [[ "$p" == "$pid" ]] && return 0
        p=$(awk '{print $4}' "/proc/$p/stat" 2>/dev/null || true)
    done
    return 1
}
other_benchmarks() {
    local pid
    for pid in $(pgrep -f "$BUSY_PATTERN" || true); do
        [[ -d /proc/$pid ]] || continue
        is_ours "$pid" || echo "$pid"
    done
}
waited=0
while others=$(other_benchmarks) && [[ -n "$others" ]]; do
    if (( waited >= WAIT_MAX )); then
        echo "green_bench.sh: other benchmarks still running after ${WAIT_MAX} s:" >&2
        for pid in $others; do ps -o pid=,args= -p "$pid" >&2 || true; done
        exit 3
    fi
    (( waited == 0 )) && { echo "waiting for other benchmarks to finish:"; \
        for pid in $others; do ps -o pid=,args= -p "$pid" || true; done; }
    sleep 15
    waited=$((waited + 15))
done
echo "no other benchmark running (waited ${waited} s; pattern $BUSY_PATTERN)"
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)

mkdir -p "$BENCH_DIR"
GEN_OUT=$("$PY" "$ROOT/bench/make_green_inputs.py" "$BENCH_DIR" --km "$KM" --parks "$PARKS")
echo "$GEN_OUT" | grep -v -E '^(PROJECT|GPKG|POP)='
PROJECT=$(echo "$GEN_OUT" | sed -n 's/^PROJECT=//p')
PROJECT=${PROJECT%.yaml}$VARIANT.yaml
GPKG=$(echo "$GEN_OUT" | sed -n 's/^GPKG=//p')
POP=$(echo "$GEN_OUT" | sed -n 's/^POP=//p')
TAG="${KM}km_${PARKS}$VARIANT"
OUT="$BENCH_DIR/out_$TAG"
PEER_CSV="$BENCH_DIR/peer_$TAG.csv"
SQL="$ROOT/bench/green_peer.sql"

CMD_A="$GG assess $PROJECT -o $OUT"
CMD_B="ogr2ogr -f CSV $PEER_CSV $GPKG -dialect SQLite -sql @$SQL"
PREP_A="rm -rf $OUT"
PREP_B="rm -f $PEER_CSV"
JSON_DIR="$BENCH_DIR/runs_$TAG"
REPORT="$BENCH_DIR/report_$TAG.txt"
rm -rf "$JSON_DIR"
mkdir -p "$JSON_DIR"

echo
echo "== answer check (before any timing) =="
# These runs also warm the page cache.
$PREP_A
# shellcheck disable=SC2086  # the commands are word lists on purpose
$CMD_A >"$JSON_DIR/assess.stdout" 2>"$JSON_DIR/assess.stderr" ||
    { cat "$JSON_DIR/assess.stderr"; exit 1; }
$PREP_B
# shellcheck disable=SC2086
$CMD_B >"$JSON_DIR/peer.log" 2>&1 || { cat "$JSON_DIR/peer.log"; exit 1; }
"$PY" "$ROOT/bench/make_green_inputs.py" "$BENCH_DIR" --check "$OUT/green_bench.csv" "$PEER_CSV" \
    | tee "$JSON_DIR/check.txt"
grep -q 'CHECK PASSED' "$JSON_DIR/check.txt" || { echo "answer check failed: no timing"; exit 1; }

echo
echo "== timing: 1 warm-up pair, then $RUNS alternated pairs A B =="
echo "A: $CMD_A"
echo "B: $CMD_B"
alternate_runs "$RUNS" "$JSON_DIR/pair" pair --prepare "$PREP_A" -n A "$CMD_A" \
    --prepare "$PREP_B" -n B "$CMD_B"

echo "== peak RSS (/usr/bin/time -v, one run each) =="
$PREP_A
# shellcheck disable=SC2086
RSS_A=$(rss_kb $CMD_A)
$PREP_B
# shellcheck disable=SC2086
RSS_B=$(rss_kb $CMD_B)

if [[ $PHASES == 1 ]]; then
    echo "== phase profile of A (perf, one extra run, not timed) =="
    $PREP_A
    # shellcheck disable=SC2086
    perf record -q -F 99 --call-graph dwarf,16384 -o "$JSON_DIR/perf.data" $CMD_A \
        >/dev/null 2>"$JSON_DIR/perf.stderr"
    perf script -i "$JSON_DIR/perf.data" -F tid,time,ip,sym 2>/dev/null >"$JSON_DIR/perf.txt"
    "$PY" "$ROOT/bench/perf_phases.py" "$JSON_DIR/perf.txt" >"$JSON_DIR/phases.txt"
    rm -f "$JSON_DIR/perf.data"
fi

{
    echo "== green-space benchmark${VARIANT:+ ($VARIANT)}: ${KM} km x ${KM} km, 500 zones," \
         "$PARKS parks, population raster $(gdalinfo "$POP" | sed -n 's/^Size is //p') =="
    echo "date:  $(date -Iseconds); load average at start $LOAD_START, at the end" \
         "$(cut -d' ' -f1-3 /proc/loadavg); waited ${waited} s for: $BUSY_PATTERN"
    echo "host:  nproc=$(nproc); $(uname -srm); $(gdalinfo --version);" \
         "SpatiaLite $(ogrinfo "$GPKG" -q -dialect SQLite \
            -sql 'SELECT spatialite_version() AS v, geos_version() AS g' 2>/dev/null |
            sed -n 's/^ *[vg] (String) = //p' | paste -sd' ' -)"
    free -h
    echo "inputs: $GPKG ($(du -m "$GPKG" | cut -f1) MB), $POP ($(du -m "$POP" | cut -f1) MB)"
    echo "A: $CMD_A"
    echo "B: $CMD_B"
    echo "warm page cache (one warm-up pair); $RUNS alternated pairs via hyperfine -N --runs 1"
    grep -E '^check|^CHECK' "$JSON_DIR/check.txt" | sed 's/^/answer /'
    echo "assess warnings: $(grep -c 'warning' "$JSON_DIR/assess.stderr" || true)"
    grep 'warning' "$JSON_DIR/assess.stderr" | sed 's/^/  /' || true
    echo "assess summary: $(grep -E '^TOTAL' "$JSON_DIR/assess.stdout" | tr -s ' ')"
    "$PY" "$ROOT/bench/pair_summary.py" "$JSON_DIR" "$RUNS" "$RSS_A" "$RSS_B" \
        "greengauge assess" "SpatiaLite overlay" "< 1: faster than the peer" "< 1024 MB"
    if [[ $PHASES == 1 ]]; then
        echo "A's wall time per phase (perf, 99 Hz, one run):"
        sed 's/^/  /' "$JSON_DIR/phases.txt"
    fi
} | tee "$REPORT"
echo "report written to $REPORT"
