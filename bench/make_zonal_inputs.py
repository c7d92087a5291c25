#!/usr/bin/python3
"""Synthetic inputs for the zonal-statistics benchmark (bench/zonal_bench.sh), and its answer check.

Generate (skipped when the files already exist with the same parameters):

    /usr/bin/python3 bench/make_zonal_inputs.py DIR [--size 20000] [--zones 10000] [--seed 20240607]

writes into DIR
  zonal_raster_<size>.tif      Float32, <size> x <size>, EPSG:32647 (UTM 47N), 10 m pixels, origin
                               (650000, 1530000) near Bangkok; GeoTIFF TILED=YES 256x256,
                               COMPRESS=DEFLATE, PREDICTOR=3 (floating-point predictor), ZLEVEL=6.
                               Values: an NDVI-like smooth field (a sum of sinusoids with
                               wavelengths from 270 m to 11 km, range about 0.1..0.8) plus Gaussian
                               noise (sd 0.03), so the mantissas are noisy and DEFLATE compresses
                               about as badly as on real float imagery. No nodata.
  zonal_zones_<size>_<n>.gpkg  layer "zones": <n> random star-shaped polygons, 8-40 vertices, each at a
                               jittered angle around its centre and at a radius in [R/2, R] where R
                               is log-uniform in [100 m, 2 km] (so vertex radii span 50 m .. 2 km);
                               centres uniform over the raster less a 2 km margin, so every polygon
                               lies wholly inside the raster. Integer field zone_id = 1..n.
  zonal_inputs_<size>_<n>.json the parameters; a later run with the same parameters skips work.

The raster is written one 256-row strip at a time (one row of tiles), so the script's memory stays
at about a hundred MB whatever the size. Deterministic: noise strip k uses seed (seed, k).

Check a greengauge result (zonal --stats mean,count, id zone_id):

    /usr/bin/python3 bench/make_zonal_inputs.py DIR [same parameters] --check OUT.csv

  1. every zone: count (= sum of coverage fractions) x 100 m2 equals the polygon's planar area
     (every polygon lies wholly inside the raster), relative tolerance 1e-6;
  2. five zones (smallest, largest and three others): the coverage-weighted mean equals an
     independent exact computation (each pixel's fraction = shapely area of pixel square intersected
     with the polygon, over the raster values read with GDAL), absolute tolerance 1e-6 (values
     are about 0.1..0.8), and count agrees within 1e-6 relative too.
  Exits 1 when a check fails.
"""
import argparse
import csv
import json
import math
import os
import sys
import time

import numpy as np
from osgeo import gdal, ogr, osr

gdal.UseExceptions()
ogr.UseExceptions()
osr.UseExceptions()

GENERATOR_VERSION = 1
EPSG = 32647
X0, Y0 = 650000.0, 1530000.0
PIXEL = 10.0
TILE = 256
MARGIN = 2000.0  # m, keeps every polygon inside the raster
R_MIN, R_MAX = 100.0, 2000.0  # base radius R (log-uniform); vertex radii are in [R/2, R]
CREATION_OPTIONS = ["TILED=YES", f"BLOCKXSIZE={TILE}", f"BLOCKYSIZE={TILE}", "COMPRESS=DEFLATE",
                    "PREDICTOR=3", "ZLEVEL=6", "BIGTIFF=IF_SAFER", "NUM_THREADS=ALL_CPUS"]


def paths(folder, size, nzones):
    return (os.path.join(folder, f"zonal_raster_{size}.tif"),
            os.path.join(folder, f"zonal_zones_{size}_{nzones}.gpkg"),
            os.path.join(folder, f"zonal_inputs_{size}_{nzones}.json"))


def srs():
    s = osr.SpatialReference()
    s.ImportFromEPSG(EPSG)
    s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return s


def field_strip(size, row0, nrows, seed):
    """Values of rows row0 .. row0+nrows-1 (float32, nrows x size)."""
    x = X0 + (np.arange(size) + 0.5) * PIXEL          # pixel-centre eastings
    y = Y0 - (np.arange(row0, row0 + nrows) + 0.5) * PIXEL  # pixel-centre northings
    tau = 2 * math.pi
    # Separable terms as outer products (cheap); one oblique term via sin(a+b) expansion.
    sx1, cy1 = np.sin(tau * x / 7300 + 0.7), np.cos(tau * y / 11100)
    ax, ay = tau * x / 1700, tau * y / 1900
    sx3, sy3 = np.sin(tau * x / 310), np.sin(tau * y / 270 + 1.3)
    v = 0.45 + 0.20 * np.outer(cy1, sx1)
    v += 0.10 * (np.outer(np.cos(ay), np.sin(ax)) + np.outer(np.sin(ay), np.cos(ax)))  # sin(ax+ay)
    v += 0.05 * np.outer(sy3, sx3)
    rng = np.random.default_rng([seed, row0 // TILE])
    v += rng.standard_normal((nrows, size), dtype=np.float32) * np.float32(0.03)
    return v.astype(np.float32)


def make_raster(path, size, seed):
    gdal.SetCacheMax(128 * 1024 * 1024)
    tmp = path + ".part"
    drv = gdal.GetDriverByName("GTiff")
    ds = drv.Create(tmp, size, size, 1, gdal.GDT_Float32, CREATION_OPTIONS)
    ds.SetGeoTransform((X0, PIXEL, 0.0, Y0, 0.0, -PIXEL))
    ds.SetProjection(srs().ExportToWkt())
    band = ds.GetRasterBand(1)
    for row0 in range(0, size, TILE):
        nrows = min(TILE, size - row0)
        band.WriteArray(field_strip(size, row0, nrows, seed), 0, row0)
    band = None
    ds.FlushCache()
    ds = None
    os.replace(tmp, path)


def star_polygon(rng, cx, cy):
    n = int(rng.integers(8, 41))
    r_base = math.exp(rng.uniform(math.log(R_MIN), math.log(R_MAX)))
    rot = rng.uniform(0, 2 * math.pi)
    # Jittered, strictly increasing angles (gaps < pi/2): the ring is simple and star-shaped.
    ang = rot + (np.arange(n) + rng.uniform(0, 0.8, n)) * (2 * math.pi / n)
    rad = r_base * rng.uniform(0.5, 1.0, n)
    ring = ogr.Geometry(ogr.wkbLinearRing)
    for a, r in zip(ang, rad):
        ring.AddPoint_2D(cx + r * math.cos(a), cy + r * math.sin(a))
    ring.CloseRings()
    poly = ogr.Geometry(ogr.wkbPolygon)
    poly.AddGeometry(ring)
    return poly


def make_zones(path, size, nzones, seed):
    tmp = path + ".part.gpkg"
    if os.path.exists(tmp):
        os.remove(tmp)
    rng = np.random.default_rng([seed, 999_999])
    extent = size * PIXEL
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(tmp)
    layer = ds.CreateLayer("zones", srs(), ogr.wkbPolygon)
    layer.CreateField(ogr.FieldDefn("zone_id", ogr.OFTInteger))
    defn = layer.GetLayerDefn()
    layer.StartTransaction()
    for i in range(nzones):
        cx = rng.uniform(X0 + MARGIN, X0 + extent - MARGIN)
        cy = rng.uniform(Y0 - extent + MARGIN, Y0 - MARGIN)
        f = ogr.Feature(defn)
        f.SetField("zone_id", i + 1)
        f.SetGeometry(star_polygon(rng, cx, cy))
        layer.CreateFeature(f)
    layer.CommitTransaction()
    ds = None
    os.replace(tmp, path)


def generate(args):
    raster, zones, meta = paths(args.dir, args.size, args.zones)
    params = {"generator_version": GENERATOR_VERSION, "size": args.size, "zones": args.zones,
              "seed": args.seed, "epsg": EPSG, "origin": [X0, Y0], "pixel": PIXEL,
              "creation_options": CREATION_OPTIONS, "radius_base": [R_MIN, R_MAX]}
    os.makedirs(args.dir, exist_ok=True)
    if (os.path.exists(raster) and os.path.exists(zones) and os.path.exists(meta)):
        with open(meta) as fh:
            if json.load(fh) == params:
                print(f"inputs up to date in {args.dir} (same parameters), not regenerated")
                print(f"RASTER={raster}\nZONES={zones}")
                return 0
    for p in (raster, zones, meta):
        if os.path.exists(p):
            os.remove(p)
    t = time.monotonic()
    make_raster(raster, args.size, args.seed)
    t_r = time.monotonic() - t
    t = time.monotonic()
    make_zones(zones, args.size, args.zones, args.seed)
    t_z = time.monotonic() - t
    with open(meta, "w") as fh:
        json.dump(params, fh, indent=1)
    mb = os.path.getsize(raster) / 1e6
    raw = args.size * args.size * 4 / 1e6
    print(f"raster {args.size}x{args.size} Float32: {mb:.0f} MB on disk ({raw:.0f} MB raw, "
          f"ratio {raw / mb:.2f}), written in {t_r:.1f} s; {args.zones} zones in {t_z:.1f} s")
    print(f"RASTER={raster}\nZONES={zones}")
    return 0


def read_result(path):
    out = {}
    with open(path, newline="", encoding="utf-8-sig") as fh:  # greengauge's CSVs start with a BOM
        for row in csv.DictReader(fh):
            mean = float(row["mean"]) if row["mean"] != "" else None
            count = float(row["count"]) if row["count"] != "" else 0.0
            out[int(row["zone_id"])] = (mean, count)
    return out


def exact_mean(band, poly_wkb):
    """Independent coverage-weighted mean and count of one polygon, pixel fractions by shapely
    (GEOS): fraction = area(pixel square intersected with the polygon) / pixel area."""
    from shapely import wkb
    from shapely.geometry import box
    from shapely.prepared import prep
    poly = wkb.loads(poly_wkb)
    fast = prep(poly)
    minx, miny, maxx, maxy = poly.bounds
    c0, c1 = int(math.floor((minx - X0) / PIXEL)), int(math.ceil((maxx - X0) / PIXEL))
    r0, r1 = int(math.floor((Y0 - maxy) / PIXEL)), int(math.ceil((Y0 - miny) / PIXEL))
    values = band.ReadAsArray(c0, r0, c1 - c0, r1 - r0).astype(np.float64)
    frac = np.zeros(values.shape)
    for r in range(r0, r1):
        ytop = Y0 - r * PIXEL
        for c in range(c0, c1):
            xl = X0 + c * PIXEL
            cell = box(xl, ytop - PIXEL, xl + PIXEL, ytop)
            if fast.contains(cell):
                frac[r - r0, c - c0] = 1.0
            elif fast.intersects(cell):
                frac[r - r0, c - c0] = poly.intersection(cell).area / (PIXEL * PIXEL)
    count = frac.sum()
    return float((frac * values).sum() / count), float(count)


def check(args):
    raster, zones, _ = paths(args.dir, args.size, args.zones)
    result = read_result(args.check)
    ok = True
    ds = ogr.Open(zones)
    layer = ds.GetLayer(0)
    areas, wkbs = {}, {}
    for f in layer:
        zid = f.GetField("zone_id")
        g = f.GetGeometryRef()
        areas[zid] = g.GetArea()
        wkbs[zid] = bytes(g.ExportToWkb())
    ds = None
    missing = sorted(set(areas) - set(result))
    if missing or len(result) != len(areas):
        print(f"CHECK FAIL: {len(result)} result rows for {len(areas)} zones; "
              f"missing ids e.g. {missing[:5]}")
        ok = False
    # 1. count x pixel area == planar polygon area, every zone.
    worst, worst_id = 0.0, None
    for zid, area in areas.items():
        if zid not in result:
            continue
        rel = abs(result[zid][1] * PIXEL * PIXEL - area) / area
        if rel > worst:
            worst, worst_id = rel, zid
    tol_count = 1e-6
    status = "ok" if worst <= tol_count else "FAIL"
    ok &= worst <= tol_count
    print(f"check 1 ({status}): count x 100 m2 vs polygon area over {len(areas)} zones: "
          f"max relative error {worst:.2e} (zone {worst_id}), tolerance {tol_count:.0e}")
    # 2. exact independent mean for five zones.
    by_area = sorted(areas, key=areas.get)
    picks = [by_area[0], by_area[-1]]
    rng = np.random.default_rng(args.seed)
    for zid in rng.choice(by_area[1:-1], 3, replace=False):
        picks.append(int(zid))
    rds = gdal.Open(raster)
    band = rds.GetRasterBand(1)
    tol_mean = 1e-6
    for zid in picks:
        ref_mean, ref_count = exact_mean(band, wkbs[zid])
        got_mean, got_count = result.get(zid, (None, 0.0))
        d_mean = abs(got_mean - ref_mean) if got_mean is not None else math.inf
        d_count = abs(got_count - ref_count) / ref_count
        good = d_mean <= tol_mean and d_count <= tol_count
        ok &= good
        print(f"check 2 ({'ok' if good else 'FAIL'}): zone {zid} (area {areas[zid] / 1e4:.1f} ha): "
              f"mean {got_mean!r} vs exact {ref_mean:.9f} (|d| {d_mean:.1e}, tol {tol_mean:.0e}); "
              f"count {got_count:.4f} vs {ref_count:.4f}")
    print("CHECK PASSED" if ok else "CHECK FAILED")
    return 0 if ok else 1


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("dir", help="folder for the inputs")
    p.add_argument("--size", type=int, default=20000, help="raster width = height (pixels)")
    p.add_argument("--zones", type=int, default=10000, help="number of polygons")
    p.add_argument("--seed", type=int, default=20240607)
    p.add_argument("--check", metavar="CSV", help="check a greengauge zonal result instead")
    args = p.parse_args()
    if args.size * PIXEL <= 2 * MARGIN + 2 * R_MAX:
        p.error("raster too small for the polygons")
    return check(args) if args.check else generate(args)


if __name__ == "__main__":
    sys.exit(main())
