#!/usr/bin/python3
"""suhi_k on real data (the Landsat 8 Level-1 subset of data/landsat, UTM 32N), checked by another
method: greengauge computes the reference rings with GEOS and exact pixel coverage; here the rings
are shapely buffers of the zone, each pixel's coverage is the share of 20 x 20 sample points inside
them, and water / built-up come from `greengauge index` COGs of MNDWI and NDBI (LST from its
`--index lst` COG). Sampling limits the agreement to about 0.005 K here; a wrong ring, class or
weight moves suhi_k by far more (ring to ring the values differ by 0.1 K).

usage: suhi_landsat_check.py GREENGAUGE
"""
import csv
import os
import subprocess
import sys
import tempfile

from osgeo import gdal, osr
from shapely.geometry import box

from landsat_check_common import MTL, X0, Y0, lst_land_rural, ring_suhi_differs, write_layer

RINGS = [(0.1, 0.4), (0.0, 0.2), (0.2, 0.45)]  # ring_km, then the sweep
TOLERANCE_K = 0.005


def main(gg):
    gdal.UseExceptions()
    with tempfile.TemporaryDirectory(prefix="gg-suhi-") as d:
        return check(gg, d)


def check(gg, d):
    # The zone: a 300 m square at the centre of the 41 x 41 image of 30 m.
    cx, cy, h = X0 + 41 * 15, Y0 - 41 * 15, 150
    zone = box(cx - h, cy - h, cx + h, cy + h)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(32632)
    write_layer(os.path.join(d, "zone.gpkg"), srs, zone.wkb, ("code", "centre"))
    sweep = ", ".join(f"[{i}, {o}]" for i, o in RINGS[1:])
    with open(os.path.join(d, "p.yaml"), "w") as p:
        p.write(f"name: suhi\nareas: planar\nzones: {{source: zone.gpkg, id_field: code}}\n"
                f"imagery: {{products: [{MTL}]}}\nheat:\n  hotspots: false\n"
                f"  suhi: {{ring_km: [{RINGS[0][0]}, {RINGS[0][1]}], sweep_km: [{sweep}], "
                f"min_reference_pixels: 20}}\n")
    subprocess.run([gg, "assess", os.path.join(d, "p.yaml"), "-o", os.path.join(d, "out"), "-q"],
                   check=True)
    row = next(csv.DictReader(open(os.path.join(d, "out", "suhi.csv"), encoding="utf-8-sig")))
    lst, land, rural = lst_land_rural(gg, d)
    failed = ring_suhi_differs(row, lst, zone, land, rural, RINGS, TOLERANCE_K)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
