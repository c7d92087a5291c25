#!/usr/bin/env bash
# Batch benchmark (issue 14): greengauge batch over the demo's 470 census tracts of Olinda split
# into one zone set per neighbourhood (32 tasks of one project, data/demo/olinda.yaml), with 1
# and with 2 threads, side by side with what a user would otherwise script: one ogr2ogr -where
# extract and one greengauge assess per neighbourhood, one after the other. A benchmark, not a
# test: it asserts nothing about time. See docs/benchmarks.md "Batch".
#
#   bench/batch_bench.sh [--runs N]
#
# Environment: BUILD_DIR (default <repo>/build; must already be configured), BENCH_DIR (default
# /tmp/gg-bench), GREENGAUGE (default $BUILD_DIR/greengauge).
#
# A1 = greengauge batch olinda_bairros.yaml -j 1 (tasks one at a time on one thread)
# A2 = greengauge batch olinda_bairros.yaml -j 2 (tasks side by side on both cores)
# B  = for each of the 32 neighbourhoods: ogr2ogr -where "NM_BAIR = '...'" and greengauge assess
#      -j 2 of a copy of the project naming that extract (the script a user writes)
# Every side starts from an empty output folder (--prepare), so no task is reused. Answer check
# before any timing: the batch's zone_periods and B's 32 zones tables hold the same green_area_m2
# for every tract. Pairs alternate A1 A2 B; reported: median wall times with min and max, the
# ratios A1/A2 (2-core speed-up) and B/A2, and the peak RSS of A2.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
NAME=batch_bench.sh
BUILD_DIR=${BUILD_DIR:-$ROOT/build}
GG=${GREENGAUGE:-$BUILD_DIR/greengauge}
# shellcheck source=bench/common.sh
source "$ROOT/bench/common.sh"
RUNS=3
while [[ $# -gt 0 ]]; do
    case $1 in
        --runs) RUNS=$2; shift 2 ;;
        *) echo "$NAME: unknown option $1" >&2; exit 2 ;;
    esac
done
require_tools hyperfine ogr2ogr ogrinfo /usr/bin/python3
build_greengauge
work=${BENCH_DIR:-/tmp/gg-bench}/batch
rm -rf "$work" && mkdir -p "$work/extracts"
zones=$ROOT/data/olinda/olinda1.shp

printf 'project: %s\nname: olinda_bairros\nzone_sets:\n  - split_by: NM_BAIR\n' \
    "$ROOT/data/demo/olinda.yaml" > "$work/olinda_bairros.yaml"
# B: the extracts are made once (ogr2ogr is the user's, not GreenGauge's, cost), the assess runs
# are timed.
mapfile -t bairros < <(ogrinfo -q -ro -sql "SELECT DISTINCT NM_BAIR FROM olinda1 ORDER BY NM_BAIR" \
    "$zones" | sed -n 's/^ *NM_BAIR (String) = //p')
{
    echo "set -e"
    for i in "${!bairros[@]}"; do
        b=${bairros[$i]}
        where="NM_BAIR = '${b//\'/\'\'}'"
        [[ $b == "(null)" ]] && where="NM_BAIR IS NULL"  # 1 tract without a neighbourhood
        ogr2ogr -q "$work/extracts/b$i.shp" "$zones" -where "$where"
        sed "s|source: ../olinda/olinda1.shp|source: $work/extracts/b$i.shp|; s|layer: olinda1|layer: b$i|; \
s|source: ../olinda/|source: $ROOT/data/olinda/|; s|^name: olinda|name: b$i|" \
            "$ROOT/data/demo/olinda.yaml" > "$work/extracts/b$i.yaml"
        echo "$GG assess $work/extracts/b$i.yaml -o $work/b_out -q -j 2"
    done
} > "$work/assess_each.sh"
echo "batch_bench: ${#bairros[@]} neighbourhoods"

# Answer check.
"$GG" batch "$work/olinda_bairros.yaml" -o "$work/check" -q
rm -rf "$work/b_out" && bash "$work/assess_each.sh"
/usr/bin/python3 - "$work" "${#bairros[@]}" <<'PY'
import csv, glob, sys
work, n = sys.argv[1], int(sys.argv[2])
batch = {r["zone_id"]: r["green_area_m2"]
         for r in csv.DictReader(open(f"{work}/check/olinda_bairros_zone_periods.csv", encoding="utf-8-sig"))}
each = {}
for i in range(n):
    for r in csv.DictReader(open(f"{work}/b_out/b{i}.csv", encoding="utf-8-sig")):
        each[r["CD_GEOCODI"]] = r["green_area_m2"]
assert len(batch) == 470 and batch == each, "batch and assess per neighbourhood differ"
print(f"batch_bench: answer check: {len(batch)} tracts, green_area_m2 identical in both")
PY

alternate_runs "$RUNS" "$work/run" "round" \
    --prepare "rm -rf $work/a1" -n A1 "$GG batch $work/olinda_bairros.yaml -o $work/a1 -q -j 1" \
    --prepare "rm -rf $work/a2" -n A2 "$GG batch $work/olinda_bairros.yaml -o $work/a2 -q -j 2" \
    --prepare "rm -rf $work/b_out" -n B "bash $work/assess_each.sh"
rm -rf "$work/a2"
rss=$(rss_kb "$GG" batch "$work/olinda_bairros.yaml" -o "$work/a2" -q -j 2)
/usr/bin/python3 - "$work" "$RUNS" "$rss" <<'PY'
import json, statistics, sys
work, runs, rss = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
t = {"A1": [], "A2": [], "B": []}
for i in range(1, runs + 1):
    for r in json.load(open(f"{work}/run_{i}.json"))["results"]:
        t[r["command"]].append(r["mean"])
for k, v in t.items():
    print(f"{k}: median {statistics.median(v):.2f} s [{min(v):.2f}, {max(v):.2f}]")
pair = lambda a, b: [x / y for x, y in zip(t[a], t[b])]
for a, b, what in (("A1", "A2", "2-core speed-up"), ("B", "A2", "32 assess calls / batch")):
    r = pair(a, b)
    print(f"{a}/{b} ({what}): median {statistics.median(r):.2f} [{min(r):.2f}, {max(r):.2f}]")
print(f"peak RSS of A2: {rss / 1024:.0f} MB")
PY
