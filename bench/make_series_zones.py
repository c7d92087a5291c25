#!/usr/bin/python3
"""Zones for the per-date batch benchmark (bench/batch_series_bench.sh): COLS x ROWS municipal-like
zones tiling a Sentinel-2-size tile, each edge a wavy line of SEGMENTS segments shared by the two
zones it divides (so the zones tile the tile without gaps or overlaps, and each zone has about
4 x SEGMENTS vertices, as digitised boundaries have). Edges on the tile's border are straight.

    /usr/bin/python3 bench/make_series_zones.py OUT.geojson --size 4000 [--cols 25] [--rows 20]
        [--segments 100]

The tile is that of bench/make_wetland_inputs.py: EPSG:32647, origin (600000, 1600000), 10 m
pixels, SIZE x SIZE. Deterministic: the same arguments give the same file.
"""
import argparse
import json
import math


def wavy(a, b, amplitude, key, segments):
    """Points from a to b (end points included), displaced across the line by a sine whose phase
    and frequency come from the edge's key, so both zones of the edge get the same line."""
    phase = (key * 2654435761 % 1000) / 1000 * 2 * math.pi
    waves = 1 + key % 3
    (x0, y0), (x1, y1) = a, b
    length = math.hypot(x1 - x0, y1 - y0)
    nx, ny = -(y1 - y0) / length, (x1 - x0) / length
    points = []
    for i in range(segments + 1):
        t = i / segments
        d = amplitude * math.sin(math.pi * t) * math.sin(2 * math.pi * waves * t + phase)
        points.append((x0 + t * (x1 - x0) + d * nx, y0 + t * (y1 - y0) + d * ny))
    return points


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("out")
    p.add_argument("--size", type=int, default=10980)
    p.add_argument("--cols", type=int, default=25)
    p.add_argument("--rows", type=int, default=20)
    p.add_argument("--segments", type=int, default=100)
    a = p.parse_args()
    x0, y0, extent = 600000.0, 1600000.0, a.size * 10.0
    w, h = extent / a.cols, extent / a.rows
    amplitude = 0.08 * min(w, h)

    def corner(i, j):  # column line i, row line j (row lines go down from the top)
        return (x0 + i * w, y0 - j * h)

    def edge(i0, j0, i1, j1, key, border):
        a_, b_ = corner(i0, j0), corner(i1, j1)
        return [a_, b_] if border else wavy(a_, b_, amplitude, key, a.segments)

    features = []
    for r in range(a.rows):
        for c in range(a.cols):
            top = edge(c, r, c + 1, r, 2 * (r * (a.cols + 1) + c), r == 0)
            right = edge(c + 1, r, c + 1, r + 1, 2 * (r * (a.cols + 1) + c + 1) + 1, c + 1 == a.cols)
            bottom = edge(c, r + 1, c + 1, r + 1, 2 * ((r + 1) * (a.cols + 1) + c), r + 1 == a.rows)
            left = edge(c, r, c, r + 1, 2 * (r * (a.cols + 1) + c) + 1, c == 0)
            ring = top + right[1:] + bottom[::-1][1:] + left[::-1][1:]
            features.append({"type": "Feature",
                             "properties": {"zone": f"Z{r:02d}{c:02d}", "name": f"zone {r}-{c}"},
                             "geometry": {"type": "Polygon", "coordinates": [[list(q) for q in ring]]}})
    with open(a.out, "w", encoding="utf-8") as f:
        json.dump({"type": "FeatureCollection",
                   "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::32647"}},
                   "features": features}, f)


if __name__ == "__main__":
    main()
