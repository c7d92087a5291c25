#!/usr/bin/env bash
# Merge benchmark (issue 14, "memory stays bounded whatever the number of tasks"): greengauge
# merge of synthetic batches of 400, 4,000 and 20,000 per-date tasks, made from the demo batch
# (data/demo/landsat_series.yaml: 4 tasks of 2 zones) by bench/replicate_tasks.py (24 dates a
# zone, more copies = more zone sets), side by side with the I/O floor of reading the same task
# files (cat). A benchmark, not a test: it asserts nothing about time. See docs/benchmarks.md
# "The merge in bounded memory".
#
#   bench/merge_bench.sh [--runs N] [--copies "100 1000 5000"]
#
# Environment: BUILD_DIR (default <repo>/build; must already be configured), BENCH_DIR (default
# /tmp/gg-bench), GREENGAUGE (default $BUILD_DIR/greengauge).
#
# A = greengauge merge OUT -q (reads OUT/tasks, writes the GeoPackage, CSVs, XLSX, reports)
# F = find OUT/tasks -name *.json -exec cat {} + > /dev/null (the floor: the task files read once,
#     nothing parsed)
# Reported per size: median wall times (min, max) of RUNS alternated pairs, A/F, and A's peak RSS.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
NAME=merge_bench.sh
BUILD_DIR=${BUILD_DIR:-$ROOT/build}
GG=${GREENGAUGE:-$BUILD_DIR/greengauge}
# shellcheck source=bench/common.sh
source "$ROOT/bench/common.sh"
RUNS=3
COPIES="100 1000 5000"
while [[ $# -gt 0 ]]; do
    case $1 in
        --runs) RUNS=$2; shift 2 ;;
        --copies) COPIES=$2; shift 2 ;;
        *) echo "$NAME: unknown option $1" >&2; exit 2 ;;
    esac
done
require_tools hyperfine /usr/bin/python3 /usr/bin/time
build_greengauge
work=${BENCH_DIR:-/tmp/gg-bench}/merge
rm -rf "$work" && mkdir -p "$work"
"$GG" batch "$ROOT/data/demo/landsat_series.yaml" -o "$work/demo" -q

summary() {
    /usr/bin/python3 - "$@" <<'PY'
import json, statistics, sys
prefix, runs, tasks, rows, rss = sys.argv[1], int(sys.argv[2]), *sys.argv[3:]
a, f = [], []
for i in range(1, runs + 1):
    with open(f"{prefix}_{i}.json") as file:
        times = {r["command"]: r["times"][0] for r in json.load(file)["results"]}
    a.append(times["A"])
    f.append(times["F"])
span = lambda v: f"{statistics.median(v):.2f} ({min(v):.2f}, {max(v):.2f})"
ratio = statistics.median(x / y for x, y in zip(a, f))
print(f"{tasks:<8} {rows:<13} {span(a):<22} {span(f):<22} {ratio:<7.1f} {int(rss) / 1024:.1f} MB")
PY
}

printf '%-8s %-13s %-22s %-22s %-7s %s\n' tasks zone_periods "merge A s (min, max)" \
    "floor F s (min, max)" "A/F" "A peak RSS"
for copies in $COPIES; do
    out=$work/x$copies
    /usr/bin/python3 "$ROOT/bench/replicate_tasks.py" "$work/demo" "$out" "$copies" >/dev/null
    alternate_runs "$RUNS" "$work/x$copies" "x$copies" \
        -n A "$GG merge $out -q" \
        -n F "bash -c 'find $out/tasks -name \*.json -exec cat {} + > /dev/null'" >&2
    rss=$(rss_kb "$GG" merge "$out" -q)
    rows=$(($(wc -l < "$out/landsat_series_zone_periods.csv") - 1))
    tasks=$(($(wc -l < "$out/batch_report.csv") - 1))
    summary "$work/x$copies" "$RUNS" "$tasks" "$rows" "$rss"
done
