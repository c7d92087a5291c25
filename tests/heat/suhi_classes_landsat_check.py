#!/usr/bin/python3
"""suhi_k with rural land-cover classes (heat.suhi.rural_classes) on real data, the Landsat 8
Level-1 subset of data/landsat (UTM 32N), checked by another method. The bundled land-cover
sample (data/landcover, Puerto Rico) does not overlap any Landsat sample, so the map is made here
on the image's ground: 10 m cells in EPSG:32632, each 30 m pixel's class in its 3 x 3 cells, tree
cover (10) and cropland (40) in a pattern over built-up (50). Here each pixel's coverage of the
zone and of the rings is the share of 20 x 20 sample points inside them (shapely), the zone's
land pixels come from `greengauge index` COGs of MNDWI and NDBI (LST from its `--index lst`
COG), and the rural pixels are those of classes 10 and 40 with an LST, whatever the indices say
(docs/methods.md 7.4). Sampling limits the agreement to about 0.005 K.

usage: suhi_classes_landsat_check.py GREENGAUGE
"""
import csv
import os
import subprocess
import sys
import tempfile

import numpy as np
from osgeo import gdal
from shapely.geometry import box

from landsat_check_common import (MTL, X0, Y0, lst_land_rural, ring_suhi_differs, srs_of,
                                  write_layer)

N = 41
RINGS = [(0.1, 0.4), (0.0, 0.2), (0.2, 0.45)]  # ring_km, then the sweep
TOLERANCE_K = 0.005


def land_class(c, r):
    if (3 * c + 5 * r) % 7 < 2:
        return 10
    if (c + 2 * r) % 5 == 0:
        return 40
    return 50


def main(gg):
    gdal.UseExceptions()
    with tempfile.TemporaryDirectory(prefix="gg-suhi-classes-") as d:
        return check(gg, d)


def check(gg, d):
    cx, cy, h = X0 + N * 15, Y0 - N * 15, 150
    zone = box(cx - h, cy - h, cx + h, cy + h)
    write_layer(os.path.join(d, "zone.gpkg"), srs_of(32632), zone.wkb, ("code", "centre"))
    ds = gdal.GetDriverByName("GTiff").Create(os.path.join(d, "lc.tif"), 3 * N, 3 * N, 1,
                                              gdal.GDT_Byte)
    ds.SetGeoTransform([X0, 10, 0, Y0, 0, -10])
    ds.SetProjection(srs_of(32632).ExportToWkt())
    classes = np.array([[land_class(c, r) for c in range(N)] for r in range(N)])
    ds.GetRasterBand(1).WriteArray(np.kron(classes, np.ones((3, 3), dtype=int)))
    ds = None
    sweep = ", ".join(f"[{i}, {o}]" for i, o in RINGS[1:])
    with open(os.path.join(d, "p.yaml"), "w") as p:
        p.write(f"name: suhi\nareas: planar\nzones: {{source: zone.gpkg, id_field: code}}\n"
                f"imagery: {{products: [{MTL}]}}\nheat:\n  hotspots: false\n"
                f"  suhi: {{ring_km: [{RINGS[0][0]}, {RINGS[0][1]}], sweep_km: [{sweep}], "
                f"rural_classes: [10, 40], landcover: lc.tif, min_reference_pixels: 20}}\n")
    subprocess.run([gg, "assess", os.path.join(d, "p.yaml"), "-o", os.path.join(d, "out"), "-q"],
                   check=True)
    row = next(csv.DictReader(open(os.path.join(d, "out", "suhi.csv"), encoding="utf-8-sig")))
    lst, land, _ = lst_land_rural(gg, d)
    rural = np.isfinite(lst) & (lst > 0) & np.isin(classes, [10, 40])
    failed = ring_suhi_differs(row, lst, zone, land, rural, RINGS, TOLERANCE_K)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
