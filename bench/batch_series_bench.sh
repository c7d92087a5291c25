#!/usr/bin/env bash
# Per-date batch benchmark (issue 14): DATES synthetic Sentinel-2 L2A dates of one SIZE x SIZE
# tile (bench/make_wetland_inputs.py) x 500 municipal-like zones with wavy shared edges of about
# 400 vertices each (bench/make_series_zones.py), `periods: per_date`: green, NDVI and water per
# zone and date. A benchmark, not a test: it asserts nothing about time. See docs/benchmarks.md
# "Per-date series".
#
#   bench/batch_series_bench.sh [--size 10980] [--dates 24] [--runs 2]
#
# Environment: BUILD_DIR (default <repo>/build; must already be configured), BENCH_DIR (default
# /tmp/gg-bench), GREENGAUGE (default $BUILD_DIR/greengauge).
#
# A2 = greengauge batch -j 2: the zones' coverage of each window computed on the first dates and
#      reused by the later ones (--coverage-cache, default 256 MB)
# N2 = the same with --coverage-cache 0: every date computes its coverage again
# A1 = greengauge batch -j 1 (the tasks one at a time on one thread)
# Every side starts from an empty output folder (--prepare), so no task result is reused. Answer
# checks before any timing: A2's and N2's merged outputs are the same bytes, and the first date's
# zone_series rows equal a plain `greengauge assess` of that date alone. Rounds alternate A2 N2
# A1; reported: median wall times with min and max, the time per date, the ratios N2/A2 (what the
# reuse saves) and A1/A2 (2-core speed-up), A2's coverage counts, and the peak RSS of A2 and N2.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
NAME=batch_series_bench.sh
BUILD_DIR=${BUILD_DIR:-$ROOT/build}
GG=${GREENGAUGE:-$BUILD_DIR/greengauge}
# shellcheck source=bench/common.sh
source "$ROOT/bench/common.sh"
SIZE=10980
DATES=24
RUNS=2
while [[ $# -gt 0 ]]; do
    case $1 in
        --size) SIZE=$2; shift 2 ;;
        --dates) DATES=$2; shift 2 ;;
        --runs) RUNS=$2; shift 2 ;;
        *) echo "$NAME: unknown option $1" >&2; exit 2 ;;
    esac
done
require_tools hyperfine cmp /usr/bin/python3
build_greengauge
bench=${BENCH_DIR:-/tmp/gg-bench}
/usr/bin/python3 "$ROOT/bench/make_wetland_inputs.py" "$bench" --size "$SIZE" --dates "$DATES"
series=$bench/S2_WET_$SIZE
work=$bench/series_$SIZE
rm -rf "$work" && mkdir -p "$work"
/usr/bin/python3 "$ROOT/bench/make_series_zones.py" "$work/zones.geojson" --size "$SIZE"
project() {  # $1: the products list
    printf 'name: %s\nzones:\n  source: %s\n  id_field: zone\n  name_field: name\n' \
        "series" "$work/zones.geojson"
    printf 'imagery:\n  products: [%s]\nwetlands:\n  types: [open_water]\n' "$1"
    printf '  water: {threshold: 0}\n'
}
# The base project names the first date (the batch replaces it per date): assess of it alone is
# the reference of the answer check.
project "$(ls -d "$series"/D* | head -1)/MTD_MSIL2A.xml" > "$work/project.yaml"
printf 'project: %s\nname: series\nscenes:\n  glob: %s/D*/MTD_MSIL2A.xml\nperiods: per_date\n' \
    "$work/project.yaml" "$series" > "$work/manifest.yaml"
echo "$NAME: $DATES dates of $SIZE x $SIZE x 500 zones"

# Answer checks.
"$GG" batch "$work/manifest.yaml" -o "$work/check_a" -q -j 2
"$GG" batch "$work/manifest.yaml" -o "$work/check_n" -q -j 2 --coverage-cache 0
for f in series.gpkg series_zone_series.csv series_zone_periods.csv batch_report.csv; do
    cmp "$work/check_a/$f" "$work/check_n/$f"
done
"$GG" assess "$work/project.yaml" -o "$work/check_first" -q -j 2
/usr/bin/python3 - "$work" <<'PY'
import csv, sys
work = sys.argv[1]
rows = list(csv.DictReader(open(f"{work}/check_a/series_zone_series.csv", encoding="utf-8-sig")))
first = min(r["date"] for r in rows)
batch = {r["zone_id"]: r["value"] for r in rows
         if r["date"] == first and r["metric"] == "water_share"}
each = {r["zone"]: r["water_share"]
        for r in csv.DictReader(open(f"{work}/check_first/series.csv", encoding="utf-8-sig"))}
assert len(batch) == 500 and batch == each, "the batch's first date differs from assess"
print(f"{sys.argv[0]}: answer check: reuse and no reuse the same bytes; date {first}: "
      f"water_share of {len(batch)} zones equal to assess of that date alone")
PY

alternate_runs "$RUNS" "$work/run" "round" \
    --prepare "rm -rf $work/a2" -n A2 "$GG batch $work/manifest.yaml -o $work/a2 -q -j 2" \
    --prepare "rm -rf $work/n2" -n N2 \
    "$GG batch $work/manifest.yaml -o $work/n2 -q -j 2 --coverage-cache 0" \
    --prepare "rm -rf $work/a1" -n A1 "$GG batch $work/manifest.yaml -o $work/a1 -q -j 1"
rm -rf "$work/a2" "$work/n2"
rss_a=$(rss_kb "$GG" batch "$work/manifest.yaml" -o "$work/a2" -q -j 2)
rss_n=$(rss_kb "$GG" batch "$work/manifest.yaml" -o "$work/n2" -q -j 2 --coverage-cache 0)
rm -rf "$work/a2"
"$GG" batch "$work/manifest.yaml" -o "$work/a2" -j 2 --json > "$work/a2.json"
/usr/bin/python3 - "$work" "$RUNS" "$DATES" "$rss_a" "$rss_n" <<'PY'
import json, statistics, sys
work, runs, dates, rss_a, rss_n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), *map(int, sys.argv[4:])
t = {"A2": [], "N2": [], "A1": []}
for i in range(1, runs + 1):
    for r in json.load(open(f"{work}/run_{i}.json"))["results"]:
        t[r["command"]].append(r["mean"])
for k, v in t.items():
    m = statistics.median(v)
    print(f"{k}: median {m:.2f} s [{min(v):.2f}, {max(v):.2f}], {m / dates:.2f} s per date")
pair = lambda a, b: [x / y for x, y in zip(t[a], t[b])]
for a, b, what in (("N2", "A2", "no reuse / reuse"), ("A1", "A2", "2-core speed-up")):
    r = pair(a, b)
    print(f"{a}/{b} ({what}): median {statistics.median(r):.2f} [{min(r):.2f}, {max(r):.2f}]")
c = json.load(open(f"{work}/a2.json"))["coverage"]
print(f"A2 coverage: {c['windows_computed']} windows computed, {c['windows_reused']} reused, "
      f"{c['kept_bytes'] / 2**20:.1f} MB kept")
print(f"peak RSS: A2 {rss_a / 1024:.0f} MB, N2 {rss_n / 1024:.0f} MB")
PY
