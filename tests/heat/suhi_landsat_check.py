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

import numpy as np
from osgeo import gdal, ogr, osr
from shapely import vectorized
from shapely.geometry import box

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MTL = os.path.join(ROOT, "data", "landsat", "LC08_L1TP_195025_20130707_20170503_01_T1_MTL.txt")
RINGS = [(0.1, 0.4), (0.0, 0.2), (0.2, 0.45)]  # ring_km, then the sweep
TOLERANCE_K = 0.005


def main(gg):
    gdal.UseExceptions()
    with tempfile.TemporaryDirectory(prefix="gg-suhi-") as d:
        return check(gg, d)


def check(gg, d):
    # The zone: a 300 m square at the centre of the 41 x 41 image of 30 m.
    x0, y0 = 483285.0, 5628525.0
    cx, cy, h = x0 + 41 * 15, y0 - 41 * 15, 150
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(32632)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(os.path.join(d, "zone.gpkg"))
    layer = ds.CreateLayer("z", srs, ogr.wkbPolygon)
    layer.CreateField(ogr.FieldDefn("code", ogr.OFTString))
    f = ogr.Feature(layer.GetLayerDefn())
    f.SetField("code", "centre")
    f.SetGeometry(ogr.CreateGeometryFromWkb(box(cx - h, cy - h, cx + h, cy + h).wkb))
    layer.CreateFeature(f)
    ds = None
    sweep = ", ".join(f"[{i}, {o}]" for i, o in RINGS[1:])
    with open(os.path.join(d, "p.yaml"), "w") as p:
        p.write(f"name: suhi\nareas: planar\nzones: {{source: zone.gpkg, id_field: code}}\n"
                f"imagery: {{products: [{MTL}]}}\nheat:\n  hotspots: false\n"
                f"  suhi: {{ring_km: [{RINGS[0][0]}, {RINGS[0][1]}], sweep_km: [{sweep}], "
                f"min_reference_pixels: 20}}\n")
    subprocess.run([gg, "assess", os.path.join(d, "p.yaml"), "-o", os.path.join(d, "out"), "-q"],
                   check=True)
    row = next(csv.DictReader(open(os.path.join(d, "out", "suhi.csv"), encoding="utf-8-sig")))
    for index in ("lst", "mndwi", "ndbi"):
        subprocess.run([gg, "index", "--product", MTL, "--index", index, "-o",
                        os.path.join(d, index + ".tif"), "-q"], check=True)

    def read(name):
        ds = gdal.Open(os.path.join(d, name + ".tif"))  # kept open while its band is read
        band = ds.GetRasterBand(1)
        a = band.ReadAsArray().astype(float)
        nodata = band.GetNoDataValue()
        return a, np.isfinite(a) & ((a != nodata) if nodata is not None else True)

    lst, ok_lst = read("lst")
    mndwi, ok_w = read("mndwi")
    ndbi, ok_b = read("ndbi")
    land = ok_lst & ok_w & ok_b & (mndwi <= 0)
    rural = land & (ndbi <= 0)
    off = (np.arange(20) + 0.5) / 20

    def coverage(geom):
        c = np.zeros(lst.shape)
        for r in range(lst.shape[0]):
            for k in range(lst.shape[1]):
                xs, ys = np.meshgrid(x0 + (k + off) * 30, y0 - (r + off) * 30)
                c[r, k] = vectorized.contains(geom, xs, ys).mean()
        return c

    def mean(c, mask):
        w = c * mask
        return (w * np.where(mask, lst, 0)).sum() / w.sum()

    zone = box(cx - h, cy - h, cx + h, cy + h)
    urban = mean(coverage(zone), land)
    suhi = []
    for i, o in RINGS:
        ring = zone.buffer(o * 1000, 32).difference(zone.buffer(i * 1000, 32) if i else zone)
        suhi.append(urban - mean(coverage(ring), rural))
    expected = {"suhi_k": suhi[0], "suhi_k_min": min(suhi), "suhi_k_max": max(suhi)}
    failed = False
    for key, want in expected.items():
        got = float(row[key])
        good = abs(got - want) <= TOLERANCE_K
        failed |= not good
        print(f"{key}: greengauge {got:.4f} K, by sampling {want:.4f} K: "
              f"{'ok' if good else 'DIFFERS'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
