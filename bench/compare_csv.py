#!/usr/bin/python3
"""Compares two zone CSVs of `greengauge assess` column by column, by name: the before/after check
of a refactor (docs/benchmarks.md). Prints the columns only one side has, how many cells of the
shared columns differ in their text, and the largest relative difference per column.

    bench/compare_csv.py BEFORE.csv AFTER.csv
Exit code 0 when every shared cell is the same text, 1 otherwise."""
import csv
import sys


def main(before_path, after_path):
    with open(before_path, encoding="utf-8-sig") as f:  # the CSVs start with a BOM by default
        before = list(csv.DictReader(f))
    with open(after_path, encoding="utf-8-sig") as f:
        after = list(csv.DictReader(f))
    old_cols, new_cols = list(before[0]), list(after[0])
    shared = [c for c in old_cols if c in new_cols]
    print(f"rows: {len(before)} before, {len(after)} after")
    print("only before:", [c for c in old_cols if c not in new_cols])
    print("only after: ", [c for c in new_cols if c not in old_cols])
    differing = 0
    for col in shared:
        n, worst = 0, 0.0
        for a, b in zip(before, after):
            if a[col] == b[col]:
                continue
            n += 1
            try:
                x, y = float(a[col]), float(b[col])
                worst = max(worst, abs(x - y) / max(abs(x), 1e-300))
            except ValueError:
                worst = float("inf")
        if n:
            differing += n
            print(f"  {col}: {n} cells differ, largest relative difference {worst:.3g}")
    print(f"shared columns: {len(shared)}; cells that differ: {differing}")
    return 0 if differing == 0 and len(before) == len(after) else 1


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2]))
