#!/usr/bin/python3
"""Synthetic inputs for the green-space benchmark (bench/green_bench.sh), and its answer check.

Generate (skipped when the files already exist with the same parameters):

    /usr/bin/python3 bench/make_green_inputs.py DIR [--parks 100000] [--km 100] [--seed 20240705]

writes into DIR (all in EPSG:32647, UTM 47N, the area [X0, X0 + km] x [Y0 - km, Y0] near
Bangkok, X0 = 650000, Y0 = 1530000):
  green_<tag>.gpkg          one GeoPackage, two layers (both tools read the same file):
                            layer "zones": 500 districts (a 25 x 20 jittered grid: interior grid
                            nodes moved by up to 30 % of a cell, each edge bent at a jittered
                            midpoint shared by both neighbours, so the zones tile the area exactly
                            with 8-vertex polygons). Fields zone_id (1..500), name.
                            layer "parks": <parks> star-shaped polygons, 8-30 vertices, area
                            log-uniform in [200 m2, 20 ha] (each ring scaled to its exact target
                            area); 75 % centred uniformly over the area less a 300 m margin, 25 %
                            centred inside an earlier park (a garden or pitch drawn over its park,
                            as in OpenStreetMap), so many overlap. Field public = "yes" (60 %) /
                            "no", field kind.
  green_pop_<tag>.tif       population, people per pixel, Float32, 10 m pixels over the whole area
                            (10,000 x 10,000 for 100 km), tiled 256 x 256, DEFLATE, PREDICTOR=3;
                            a smooth field: 12 Gaussian towns (sd 1.5-8 km) over a rural floor,
                            about 0.02-2 people per pixel, no nodata.
  green_image_<tag>.tif     a coarse 2-band Float32 reflectance image (band 1 red, band 2 NIR),
                            100 m pixels over the same area, so assess has imagery.
  green_bench_<tag>.yaml    the assess project file (green_spaces with public_field, access,
                            zones.population_raster).
  green_bench_<tag>_overlay.yaml  the same without population raster and with an access rule no
                            space meets: (almost) only the dissolve + clip (green_bench.sh --overlay).
  green_inputs_<tag>.json   the parameters; a later run with the same parameters skips work.
<tag> is "<km>km_<parks>".

Check a greengauge result against the peer's (SpatiaLite) per-zone areas:

    /usr/bin/python3 bench/make_green_inputs.py DIR --check GG.csv PEER.csv [--tol 1e-6]

  every zone: green_polygon_area_m2 and public_green_area_m2 of greengauge's CSV equal the peer's
  green_m2 and public_m2, relative tolerance --tol (absolute 1e-3 m2 where both are ~0); also
  prints the totals. Exits 1 when a check fails.
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
POP_PIXEL = 10.0
IMG_PIXEL = 100.0
TILE = 256
NX_ZONES, NY_ZONES = 25, 20
AREA_MIN, AREA_MAX = 200.0, 200000.0  # m2 (200 m2 .. 20 ha)
PARK_MARGIN = 300.0
PUBLIC_SHARE = 0.6
NESTED_SHARE = 0.25
CREATION_OPTIONS = ["TILED=YES", f"BLOCKXSIZE={TILE}", f"BLOCKYSIZE={TILE}", "COMPRESS=DEFLATE",
                    "PREDICTOR=3", "ZLEVEL=6", "BIGTIFF=IF_SAFER", "NUM_THREADS=ALL_CPUS"]


def tag_of(km, parks):
    return f"{km}km_{parks}"


def paths(folder, km, parks):
    t = tag_of(km, parks)
    names = {"gpkg": f"green_{t}.gpkg",
             "pop": f"green_pop_{t}.tif", "image": f"green_image_{t}.tif",
             "yaml": f"green_bench_{t}.yaml", "meta": f"green_inputs_{t}.json"}
    return {k: os.path.join(folder, v) for k, v in names.items()}


def srs():
    s = osr.SpatialReference()
    s.ImportFromEPSG(EPSG)
    s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return s


def polygon(points):
    ring = ogr.Geometry(ogr.wkbLinearRing)
    for x, y in points:
        ring.AddPoint_2D(float(x), float(y))
    ring.CloseRings()
    poly = ogr.Geometry(ogr.wkbPolygon)
    poly.AddGeometry(ring)
    return poly


def make_zones(ds, extent, seed):
    rng = np.random.default_rng([seed, 1])
    cw, ch = extent / NX_ZONES, extent / NY_ZONES
    # Grid nodes; interior ones jittered (boundary nodes slide along the boundary only).
    nodes = np.zeros((NY_ZONES + 1, NX_ZONES + 1, 2))
    for j in range(NY_ZONES + 1):
        for i in range(NX_ZONES + 1):
            x, y = X0 + i * cw, Y0 - j * ch
            if 0 < i < NX_ZONES:
                x += rng.uniform(-0.3, 0.3) * cw
            if 0 < j < NY_ZONES:
                y += rng.uniform(-0.3, 0.3) * ch
            nodes[j, i] = (x, y)
    mids = {}  # shared, jittered edge midpoints

    def mid(a, b):
        key = (min(a, b), max(a, b))
        if key not in mids:
            pa, pb = nodes[key[0]], nodes[key[1]]
            m = (pa + pb) / 2
            on_boundary = ((key[0][0] == key[1][0] and key[0][0] in (0, NY_ZONES)) or
                           (key[0][1] == key[1][1] and key[0][1] in (0, NX_ZONES)))
            if not on_boundary:
                d = pb - pa
                normal = np.array([-d[1], d[0]]) / np.hypot(*d)
                m = m + normal * rng.uniform(-0.15, 0.15) * min(cw, ch)
            mids[key] = m
        return mids[key]

    layer = ds.CreateLayer("zones", srs(), ogr.wkbPolygon)
    layer.CreateField(ogr.FieldDefn("zone_id", ogr.OFTInteger))
    layer.CreateField(ogr.FieldDefn("name", ogr.OFTString))
    defn = layer.GetLayerDefn()
    layer.StartTransaction()
    zid = 0
    for j in range(NY_ZONES):
        for i in range(NX_ZONES):
            corners = [(j, i), (j + 1, i), (j + 1, i + 1), (j, i + 1)]  # counter-clockwise
            pts = []
            for k in range(4):
                a, b = corners[k], corners[(k + 1) % 4]
                pts.append(nodes[a])
                pts.append(mid(a, b))
            zid += 1
            f = ogr.Feature(defn)
            f.SetField("zone_id", zid)
            f.SetField("name", f"District {zid:03d}")
            f.SetGeometry(polygon(pts))
            layer.CreateFeature(f)
    layer.CommitTransaction()


def star_ring(rng, cx, cy, area):
    n = int(rng.integers(8, 31))
    rot = rng.uniform(0, 2 * math.pi)
    # Jittered, strictly increasing angles (gaps < pi/2): a simple, star-shaped ring.
    ang = rot + (np.arange(n) + rng.uniform(0, 0.8, n)) * (2 * math.pi / n)
    rad = rng.uniform(0.55, 1.0, n)
    x, y = rad * np.cos(ang), rad * np.sin(ang)
    a0 = 0.5 * abs(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))
    s = math.sqrt(area / a0)
    return cx + s * x, cy + s * y, s  # s: the largest vertex radius is <= s


def make_parks(ds, extent, nparks, seed):
    rng = np.random.default_rng([seed, 2])
    layer = ds.CreateLayer("parks", srs(), ogr.wkbPolygon)
    layer.CreateField(ogr.FieldDefn("park_id", ogr.OFTInteger))
    layer.CreateField(ogr.FieldDefn("public", ogr.OFTString))
    layer.CreateField(ogr.FieldDefn("kind", ogr.OFTString))
    defn = layer.GetLayerDefn()
    centres, radii = [], []
    layer.StartTransaction()
    for k in range(nparks):
        area = math.exp(rng.uniform(math.log(AREA_MIN), math.log(AREA_MAX)))
        if centres and rng.uniform() < NESTED_SHARE:
            p = int(rng.integers(0, len(centres)))
            a, r = rng.uniform(0, 2 * math.pi), rng.uniform(0, 0.6) * radii[p]
            cx, cy, kind = centres[p][0] + r * math.cos(a), centres[p][1] + r * math.sin(a), "garden"
        else:
            cx = rng.uniform(X0 + PARK_MARGIN, X0 + extent - PARK_MARGIN)
            cy = rng.uniform(Y0 - extent + PARK_MARGIN, Y0 - PARK_MARGIN)
            kind = "park"
        xs, ys, s = star_ring(rng, cx, cy, area)
        centres.append((cx, cy))
        radii.append(0.55 * s)
        f = ogr.Feature(defn)
        f.SetField("park_id", k + 1)
        f.SetField("public", "yes" if rng.uniform() < PUBLIC_SHARE else "no")
        f.SetField("kind", kind)
        f.SetGeometry(polygon(zip(xs, ys)))
        layer.CreateFeature(f)
    layer.CommitTransaction()


def towns(seed, extent):
    rng = np.random.default_rng([seed, 3])
    out = []
    for _ in range(12):
        out.append((rng.uniform(X0, X0 + extent), rng.uniform(Y0 - extent, Y0),
                    rng.uniform(1500, 8000), rng.uniform(0.3, 1.8)))
    return out


def pop_strip(size, row0, nrows, seed, extent):
    x = X0 + (np.arange(size) + 0.5) * POP_PIXEL
    y = Y0 - (np.arange(row0, row0 + nrows) + 0.5) * POP_PIXEL
    v = np.full((nrows, size), 0.02, dtype=np.float64)
    v += 0.01 * np.outer(1 + np.sin(2 * math.pi * y / 9000), 1 + np.cos(2 * math.pi * x / 7000))
    for tx, ty, sd, peak in towns(seed, extent):
        gx = np.exp(-0.5 * ((x - tx) / sd) ** 2)
        gy = np.exp(-0.5 * ((y - ty) / sd) ** 2)
        v += peak * np.outer(gy, gx)
    return v.astype(np.float32)


def make_pop(path, extent, seed):
    size = int(round(extent / POP_PIXEL))
    gdal.SetCacheMax(128 * 1024 * 1024)
    tmp = path + ".part"
    ds = gdal.GetDriverByName("GTiff").Create(tmp, size, size, 1, gdal.GDT_Float32,
                                              CREATION_OPTIONS)
    ds.SetGeoTransform((X0, POP_PIXEL, 0.0, Y0, 0.0, -POP_PIXEL))
    ds.SetProjection(srs().ExportToWkt())
    band = ds.GetRasterBand(1)
    total = 0.0
    for row0 in range(0, size, TILE):
        nrows = min(TILE, size - row0)
        strip = pop_strip(size, row0, nrows, seed, extent)
        total += float(strip.sum(dtype=np.float64))
        band.WriteArray(strip, 0, row0)
    band = None
    ds.FlushCache()
    ds = None
    os.replace(tmp, path)
    return size, total


def make_image(path, extent, seed):
    size = int(round(extent / IMG_PIXEL))
    rng = np.random.default_rng([seed, 4])
    x = X0 + (np.arange(size) + 0.5) * IMG_PIXEL
    y = Y0 - (np.arange(size) + 0.5) * IMG_PIXEL
    ndvi = 0.35 + 0.3 * np.outer(np.sin(2 * math.pi * y / 13000), np.cos(2 * math.pi * x / 17000))
    ndvi += rng.normal(0, 0.05, ndvi.shape)
    ndvi = np.clip(ndvi, -0.2, 0.9)
    red = 0.06 + 0.04 * rng.uniform(size=ndvi.shape)
    nir = red * (1 + ndvi) / (1 - ndvi)
    tmp = path + ".part"
    ds = gdal.GetDriverByName("GTiff").Create(tmp, size, size, 2, gdal.GDT_Float32,
                                              ["TILED=YES", "COMPRESS=DEFLATE"])
    ds.SetGeoTransform((X0, IMG_PIXEL, 0.0, Y0, 0.0, -IMG_PIXEL))
    ds.SetProjection(srs().ExportToWkt())
    ds.GetRasterBand(1).WriteArray(red.astype(np.float32))
    ds.GetRasterBand(2).WriteArray(nir.astype(np.float32))
    ds = None
    os.replace(tmp, path)


def write_yaml(p, variant="full"):
    """full: the benchmark's project; overlay: no population raster and an access rule no green
    space meets (min_area_m2 1e15), so assess does the dissolve + clip with (almost) no
    accessibility work: greengauge has no switch to skip accessibility when green_spaces is set."""
    pop_line = f"  population_raster: {os.path.basename(p['pop'])}\n" if variant == "full" else ""
    text = f"""# green-space benchmark project (bench/green_bench.sh); generated by make_green_inputs.py
name: green_bench
zones:
  source: {os.path.basename(p['gpkg'])}
  layer: zones
  id_field: zone_id
  name_field: name
{pop_line}imagery:
  source: {os.path.basename(p['image'])}
  red_band: 1
  nir_band: 2
green_spaces:
  source: {os.path.basename(p['gpkg'])}
  layer: parks
  public_field: public
"""
    text += f"""access:
  distance_m: 300
  min_area_m2: {5000 if variant == "full" else "1e15"}
  public_only: true
"""
    return text


def generate(args):
    p = paths(args.dir, args.km, args.parks)
    extent = args.km * 1000.0
    params = {"generator_version": GENERATOR_VERSION, "km": args.km, "parks": args.parks,
              "seed": args.seed, "epsg": EPSG, "origin": [X0, Y0], "pop_pixel": POP_PIXEL,
              "img_pixel": IMG_PIXEL, "zones": [NX_ZONES, NY_ZONES],
              "park_area": [AREA_MIN, AREA_MAX], "public_share": PUBLIC_SHARE,
              "nested_share": NESTED_SHARE, "creation_options": CREATION_OPTIONS}
    os.makedirs(args.dir, exist_ok=True)
    # The project files are cheap: always rewritten (with and without access).
    with open(p["yaml"], "w") as fh:
        fh.write(write_yaml(p))
    with open(p["yaml"].replace(".yaml", "_overlay.yaml"), "w") as fh:
        fh.write(write_yaml(p, variant="overlay"))
    files = [p[k] for k in ("gpkg", "pop", "image", "meta")]
    if all(os.path.exists(f) for f in files):
        with open(p["meta"]) as fh:
            if json.load(fh) == params:
                print(f"inputs up to date in {args.dir} (same parameters), not regenerated")
                print(f"PROJECT={p['yaml']}\nGPKG={p['gpkg']}\nPOP={p['pop']}")
                return 0
    for f in files:
        if os.path.exists(f):
            os.remove(f)
    tmp = p["gpkg"] + ".part.gpkg"
    if os.path.exists(tmp):
        os.remove(tmp)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(tmp)
    t = time.monotonic()
    make_zones(ds, extent, args.seed)
    t_z = time.monotonic() - t
    t = time.monotonic()
    make_parks(ds, extent, args.parks, args.seed)
    t_p = time.monotonic() - t
    ds = None
    os.replace(tmp, p["gpkg"])
    t = time.monotonic()
    size, people = make_pop(p["pop"], extent, args.seed)
    t_r = time.monotonic() - t
    make_image(p["image"], extent, args.seed)
    with open(p["meta"], "w") as fh:
        json.dump(params, fh, indent=1)
    print(f"{NX_ZONES * NY_ZONES} zones in {t_z:.1f} s; {args.parks} parks in {t_p:.1f} s; "
          f"population {size}x{size} Float32 ({os.path.getsize(p['pop']) / 1e6:.0f} MB on disk, "
          f"{people:.0f} people) in {t_r:.1f} s")
    print(f"PROJECT={p['yaml']}\nGPKG={p['gpkg']}\nPOP={p['pop']}")
    return 0


def read_csv(path, key, cols):
    out = {}
    with open(path, newline="", encoding="utf-8-sig") as fh:
        for row in csv.DictReader(fh):
            out[int(float(row[key]))] = tuple(float(row[c]) if row[c] not in ("", None) else 0.0
                                              for c in cols)
    return out


def check(args):
    gg_csv, peer_csv = args.check
    gg = read_csv(gg_csv, "zone_id", ["green_polygon_area_m2", "public_green_area_m2"])
    peer = read_csv(peer_csv, "zone_id", ["green_m2", "public_m2"])
    ok = set(gg) == set(peer) and len(gg) == NX_ZONES * NY_ZONES
    if not ok:
        print(f"CHECK FAIL: {len(gg)} greengauge rows, {len(peer)} peer rows, "
              f"{len(set(gg) ^ set(peer))} ids differ")
    for k, name in enumerate(["green_polygon_area_m2", "public_green_area_m2"]):
        worst, worst_id = 0.0, None
        for zid in sorted(set(gg) & set(peer)):
            a, b = gg[zid][k], peer[zid][k]
            scale = max(abs(a), abs(b))
            rel = abs(a - b) / scale if scale > 1e-3 else 0.0
            if rel > worst:
                worst, worst_id = rel, zid
        good = worst <= args.tol
        ok &= good
        tot_a = sum(v[k] for v in gg.values())
        tot_b = sum(v[k] for v in peer.values())
        print(f"check ({'ok' if good else 'FAIL'}): {name} vs SpatiaLite over {len(gg)} zones: "
              f"max relative difference {worst:.2e} (zone {worst_id}), tolerance {args.tol:.0e}; "
              f"totals {tot_a / 1e6:.6f} km2 vs {tot_b / 1e6:.6f} km2")
    print("CHECK PASSED" if ok else "CHECK FAILED")
    return 0 if ok else 1


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("dir", help="folder for the inputs")
    p.add_argument("--km", type=int, default=100, help="side of the square area (km)")
    p.add_argument("--parks", type=int, default=100000, help="number of green polygons")
    p.add_argument("--seed", type=int, default=20240705)
    p.add_argument("--check", nargs=2, metavar=("GG_CSV", "PEER_CSV"),
                   help="compare greengauge's per-zone areas with the peer's instead")
    p.add_argument("--tol", type=float, default=1e-6, help="relative tolerance of --check")
    args = p.parse_args()
    return check(args) if args.check else generate(args)


if __name__ == "__main__":
    sys.exit(main())
