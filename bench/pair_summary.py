#!/usr/bin/python3
"""Summary of alternated A/B pairs timed by hyperfine (one pair_<i>.json per pair, commands named
A and B), as docs/benchmarks.md asks: per-pair times, medians, median ratio with min and max, peak RSS.

usage: pair_summary.py FOLDER RUNS RSS_A_KB RSS_B_KB LABEL_A LABEL_B RATIO_TARGET RSS_TARGET
"""
import json
import statistics
import sys

folder, runs, rss_a, rss_b, label_a, label_b, ratio_target, rss_target = sys.argv[1:9]
a, b = [], []
for i in range(1, int(runs) + 1):
    with open(f"{folder}/pair_{i}.json") as f:
        times = {r["command"]: r["times"][0] for r in json.load(f)["results"]}
    a.append(times["A"])
    b.append(times["B"])
ratios = [x / y for x, y in zip(a, b)]
print("per-pair (A s, B s, A/B): " + "; ".join(f"{x:.2f} {y:.2f} {x / y:.3f}" for x, y in zip(a, b)))
print(f"wall median: A ({label_a}) {statistics.median(a):.2f} s, "
      f"B ({label_b}) {statistics.median(b):.2f} s")
print(f"ratio A/B: median {statistics.median(ratios):.3f} [min {min(ratios):.3f}, "
      f"max {max(ratios):.3f}]  (target {ratio_target})")
print(f"peak RSS: A {int(rss_a) / 1024:.0f} MB (target {rss_target}), B {int(rss_b) / 1024:.0f} MB")
