#!/usr/bin/python3
"""suhi_k against a reference polygon (heat.suhi.reference) on real data (the Landsat 8 Level-1
subset of data/landsat, UTM 32N), checked by another method. The polygon is a hexagon given in
EPSG:4326, so greengauge reprojects it (PROJ) and measures its ground area on the ellipsoid;
here its vertices are transformed back to UTM with osr, each pixel's coverage is the share of
20 x 20 sample points inside it (shapely), water / built-up come from `greengauge index` COGs of
MNDWI and NDBI and LST from its `--index lst` COG. The hexagon's ground area is checked against
its UTM plane area divided by the square of the UTM point scale factor there (a closed form,
not the geodesic code greengauge uses). Sampling limits the suhi_k agreement to about 0.005 K.
suhi_k_min and suhi_k_max must be empty (the sweep does not apply to a polygon).

usage: suhi_polygon_landsat_check.py GREENGAUGE
"""
import csv
import json
import math
import os
import subprocess
import sys
import tempfile

from osgeo import gdal, osr
from shapely.geometry import Polygon, box

from landsat_check_common import (MTL, X0, Y0, coverage, lst_land_rural, srs_of, weighted_mean,
                                  write_layer)

TOLERANCE_K = 0.005


def main(gg):
    gdal.UseExceptions()
    with tempfile.TemporaryDirectory(prefix="gg-suhi-poly-") as d:
        return check(gg, d)


def check(gg, d):
    utm, geo = srs_of(32632), srs_of(4326)
    cx, cy, h = X0 + 41 * 15, Y0 - 41 * 15, 150
    zone = box(cx - h, cy - h, cx + h, cy + h)
    write_layer(os.path.join(d, "zone.gpkg"), utm, zone.wkb, ("code", "centre"))
    # A hexagon of 200 m radius in the image's south-west, rotated 10 degrees, in lon/lat.
    hx, hy = X0 + 250, Y0 - 980
    corners = [(hx + 200 * math.cos(math.radians(10 + 60 * i)),
                hy + 200 * math.sin(math.radians(10 + 60 * i))) for i in range(6)]
    to_geo = osr.CoordinateTransformation(utm, geo)
    lonlat = [to_geo.TransformPoint(x, y)[:2] for x, y in corners]
    write_layer(os.path.join(d, "rural.gpkg"), geo, Polygon(lonlat).wkb)
    with open(os.path.join(d, "p.yaml"), "w") as p:
        p.write(f"name: suhi\nzones: {{source: zone.gpkg, id_field: code}}\n"
                f"imagery: {{products: [{MTL}]}}\nheat:\n  hotspots: false\n"
                f"  suhi: {{reference: rural.gpkg, min_reference_pixels: 20}}\n")
    out = subprocess.run([gg, "assess", os.path.join(d, "p.yaml"), "-o", os.path.join(d, "out"),
                          "-q", "--json"], check=True, capture_output=True, text=True).stdout
    row = next(csv.DictReader(open(os.path.join(d, "out", "suhi.csv"), encoding="utf-8-sig")))
    lst, land, rural = lst_land_rural(gg, d)
    to_utm = osr.CoordinateTransformation(geo, utm)
    hexagon = Polygon([to_utm.TransformPoint(lon, lat)[:2] for lon, lat in lonlat])
    want = (weighted_mean(lst, coverage(zone, lst.shape), land)
            - weighted_mean(lst, coverage(hexagon, lst.shape), rural))
    got = float(row["suhi_k"])
    failed = abs(got - want) > TOLERANCE_K
    print(f"suhi_k: greengauge {got:.4f} K, by sampling {want:.4f} K: "
          f"{'DIFFERS' if failed else 'ok'}")
    for key in ("suhi_k_min", "suhi_k_max"):
        if row[key] != "":
            print(f"{key}: {row[key]!r}, expected empty (no sweep for a polygon)")
            failed = True
    # Ground area = plane area / k^2, with UTM's point scale k = k0 (1 + x'^2 / (2 R^2)) to first
    # order (x' the distance from the central meridian, 16.5 km here: k varies by 1e-7 over the
    # hexagon, and the next term is 1e-11).
    area = json.loads(out)["totals"].get("suhi_reference_polygon_area_m2")
    k = 0.9996 * (1 + ((hx - 500000) ** 2) / (2 * 6371000.0 ** 2))
    area_want = hexagon.area / (k * k)
    if area is None or abs(area - area_want) > 1e-5 * area_want:
        print(f"suhi_reference_polygon_area_m2: greengauge {area}, expected {area_want:.1f} "
              f"(UTM plane area / k^2): DIFFERS")
        failed = True
    else:
        print(f"suhi_reference_polygon_area_m2: greengauge {area:.1f}, UTM plane area / k^2 "
              f"{area_want:.1f}: ok")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
