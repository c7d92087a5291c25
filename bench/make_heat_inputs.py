#!/usr/bin/python3
"""Synthetic Landsat 8 Collection 2 Level-2 (L2SP) scene for the urban heat benchmark
(bench/heat_bench.sh), and its answer check.

Generate (skipped when the files already exist with the same parameters):

    /usr/bin/python3 bench/make_heat_inputs.py DIR [--size 7600x7800] [--seed 20240415]

writes DIR/LC08_HEAT_<cols>x<rows>/, a folder that `greengauge` recognises as a Landsat 8
Collection 2 Level-2 product from its MTL (as tests/assess/heat_city.hpp writes one):
  LC08_L2SP_129050_20240415_20240420_02_T1_SR_B4.TIF      red, UInt16, 30 m
  ..._SR_B5.TIF                                           nir, UInt16
  ..._ST_B10.TIF                                          surface temperature, UInt16
  ..._QA_PIXEL.TIF, ..._QA_RADSAT.TIF                     quality bands, UInt16
  ..._MTL.txt                                             L2SP, collection 02, LANDSAT_8, with
                                                          the ST_B10 scale and offset
and DIR/LC08_HEAT_<cols>x<rows>/zones.geojson: a 4 x 4 grid of districts over the central 40 %
of the scene in each axis, edges on pixel edges (coverage 1 for every pixel of a zone).
--size is COLSxROWS or N (N x N); the default is a Landsat scene's 7,600 x 7,800. EPSG:32647,
origin (630000, 1560000), GeoTIFF tiled 512, DEFLATE (as bench/make_ndvi_inputs.py).

The scene, in metres from its centre (d the distance): LST (K) = 300 + 9 exp(-(d / 7 km)^2)
(a hot built-up core) - 3.5 exp(-((d - 11 km) / 2 km)^2) (a cool green ring) + 0.8 K of texture
(sinusoids, 600 m - 2.5 km) + Gaussian noise (sd 0.25 K); a meandering river 150 m wide at
296.5 K (QA_PIXEL 21952, water: not masked by default); clouds (QA_PIXEL 22280, LST 275 K) where
a coarse field is high (about 4 % of the scene), their shadows (QA_PIXEL 23888, LST 2 K cooler)
where the same field shifted 900 m is high; fill (DN 0 in every band, QA_PIXEL 1) outside a
footprint rotated by 12 degrees, as a Landsat scene's corners. Clear land QA_PIXEL 21824;
QA_RADSAT 0. ST DN = round((K - 149) / 0.00341802); reflectance (DN x 0.0000275 - 0.2): red
0.12 - 0.08 f, nir 0.15 + 0.30 f with a vegetation fraction f low in the core and high in the
ring; water red 0.04, nir 0.02. Written one 512-row strip at a time.

Check a run's outputs against numpy:

    /usr/bin/python3 bench/make_heat_inputs.py DIR [--size S] --check ZONES.csv \
        [--z Z.tif ...] [--band-m M ...]

  - LST: at 20,000 random pixels, DN x 0.00341802 + 149 of the ST_B10 file against the scene's
    field above (within half a DN step, 0.0017 K): the inputs hold the intended temperatures.
  - Zones: lst_mean_k of the run's CSV against the mean of DN x 0.00341802 + 149 over the
    zone's valid pixels (valid: ST DN not 0, QA_PIXEL bits 0-4 clear, QA_RADSAT 0), within 1e-6 K.
  - Gi*: 400 random pixels of each z COG (band M of its run) against a brute-force Gi* (docs/methods.md 7.3): n, mean
    and population S over every valid pixel of the scene, binary square band of r = round(M / 30)
    pixels each side, the centre included, masked pixels excluded, clipped at the edge; within
    1e-4 x max(1, |z|); nodata (-9999) exactly where the centre is masked.
  Exits 1 on a mismatch.
"""
import argparse
import csv
import json
import math
import os
import sys
import time

import numpy as np
from osgeo import gdal, osr

gdal.UseExceptions()
osr.UseExceptions()

GENERATOR_VERSION = 2
EPSG = 32647
X0, Y0 = 630000.0, 1560000.0
PIXEL = 30.0
TILE = 512
PRODUCT_ID = "LC08_L2SP_129050_20240415_20240420_02_T1"
BANDS = ("SR_B4", "SR_B5", "ST_B10", "QA_PIXEL", "QA_RADSAT")
ST_MULT, ST_ADD = 0.00341802, 149.0  # USGS LSDS-1619, Collection 2 Level-2 surface temperature
SR_MULT, SR_ADD = 0.0000275, -0.2
QA_CLEAR, QA_WATER, QA_CLOUD, QA_SHADOW, QA_FILL = 21824, 21952, 22280, 23888, 1
QA_MASKED_BITS = 0b11111  # fill, dilated cloud, cirrus, cloud, shadow: masked by default
GI_NODATA = -9999.0
CREATION_OPTIONS = ["TILED=YES", f"BLOCKXSIZE={TILE}", f"BLOCKYSIZE={TILE}", "COMPRESS=DEFLATE",
                    "PREDICTOR=2", "ZLEVEL=6", "NUM_THREADS=ALL_CPUS"]


def parse_size(text):
    parts = text.lower().split("x")
    if len(parts) == 1:
        parts = parts * 2
    cols, rows = (int(p) for p in parts)
    if cols < 200 or rows < 200:
        sys.exit("--size must be at least 200 x 200")
    return cols, rows


def product_dir(folder, cols, rows):
    return os.path.join(folder, f"LC08_HEAT_{cols}x{rows}")


def band_paths(folder, cols, rows):
    d = product_dir(folder, cols, rows)
    return {b: os.path.join(d, f"{PRODUCT_ID}_{b}.TIF") for b in BANDS}


def srs():
    s = osr.SpatialReference()
    s.ImportFromEPSG(EPSG)
    s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return s


def scene(cols, rows, row0, nrows, seed):
    """The scene's fields on rows row0 .. row0 + nrows - 1: intended LST (K), QA_PIXEL, red and
    nir reflectance, and the fill mask."""
    tau = 2 * math.pi
    x = (np.arange(cols) + 0.5) * PIXEL - cols * PIXEL / 2  # metres from the centre, east
    y = rows * PIXEL / 2 - (np.arange(row0, row0 + nrows) + 0.5) * PIXEL  # north
    xx, yy = np.meshgrid(x, y)
    d = np.hypot(xx, yy)
    core = np.exp(-(d / 7000.0) ** 2)
    ring = np.exp(-((d - 11000.0) / 2000.0) ** 2)
    texture = 0.5 * np.outer(np.sin(tau * y / 2500 + 0.4), np.cos(tau * x / 1900))
    texture += 0.3 * np.outer(np.cos(tau * y / 600), np.sin(tau * x / 700 + 1.3))
    rng = np.random.default_rng([seed, row0 // TILE])
    lst = 300.0 + 9.0 * core - 3.5 * ring + texture + rng.standard_normal(d.shape) * 0.25
    f = np.clip(0.55 - 0.45 * core + 0.35 * ring + 0.1 * texture, 0.0, 1.0)
    red = 0.12 - 0.08 * f
    nir = 0.15 + 0.30 * f
    qa = np.full(d.shape, QA_CLEAR, np.uint16)
    river = np.abs(yy - (2500.0 * np.sin(tau * xx / 17000.0) - 1500.0)) < 75.0
    lst[river] = 296.5 + 0.1 * texture[river]
    red[river], nir[river] = 0.04, 0.02
    qa[river] = QA_WATER

    def clouds(dx, dy):
        cx, cy = x - dx, y - dy
        return (np.outer(np.sin(tau * cy / 5300 + 0.7), np.cos(tau * cx / 6100 + 0.2)) +
                0.5 * np.outer(np.cos(tau * cy / 2300), np.sin(tau * cx / 2700 + 0.5)))
    shadow = clouds(900.0, -600.0) > 1.0
    cloud = clouds(0.0, 0.0) > 1.0
    shadow &= ~cloud
    lst[shadow] -= 2.0
    qa[shadow] = QA_SHADOW
    lst[cloud] = 275.0
    qa[cloud] = QA_CLOUD
    th = math.radians(12.0)
    u = xx * math.cos(th) + yy * math.sin(th)
    v = -xx * math.sin(th) + yy * math.cos(th)
    fill = (np.abs(u) > 0.41 * cols * PIXEL) | (np.abs(v) > 0.42 * rows * PIXEL)
    qa[fill] = QA_FILL
    return lst, qa, red, nir, fill


def dn_strips(cols, rows, row0, nrows, seed):
    lst, qa, red, nir, fill = scene(cols, rows, row0, nrows, seed)
    out = {"ST_B10": np.rint((lst - ST_ADD) / ST_MULT),
           "SR_B4": np.rint((red - SR_ADD) / SR_MULT), "SR_B5": np.rint((nir - SR_ADD) / SR_MULT)}
    for b in out:
        out[b] = np.clip(out[b], 1, 65534).astype(np.uint16)
        out[b][fill] = 0
    out["QA_PIXEL"] = qa
    out["QA_RADSAT"] = np.zeros(qa.shape, np.uint16)
    return out, lst


def create(path, cols, rows):
    ds = gdal.GetDriverByName("GTiff").Create(path, cols, rows, 1, gdal.GDT_UInt16,
                                              CREATION_OPTIONS)
    ds.SetGeoTransform((X0, PIXEL, 0.0, Y0, 0.0, -PIXEL))
    ds.SetProjection(srs().ExportToWkt())
    return ds


def mtl_text():
    return ("GROUP = LANDSAT_METADATA_FILE\n  GROUP = PRODUCT_CONTENTS\n"
            f"    LANDSAT_PRODUCT_ID = \"{PRODUCT_ID}\"\n    PROCESSING_LEVEL = \"L2SP\"\n"
            "    COLLECTION_NUMBER = 02\n  END_GROUP = PRODUCT_CONTENTS\n"
            "  GROUP = IMAGE_ATTRIBUTES\n    SPACECRAFT_ID = \"LANDSAT_8\"\n"
            "    SUN_ELEVATION = 62.0\n  END_GROUP = IMAGE_ATTRIBUTES\n"
            "  GROUP = LEVEL2_SURFACE_TEMPERATURE_PARAMETERS\n"
            f"    TEMPERATURE_MULT_BAND_ST_B10 = {ST_MULT}\n"
            f"    TEMPERATURE_ADD_BAND_ST_B10 = {ST_ADD}\n"
            "  END_GROUP = LEVEL2_SURFACE_TEMPERATURE_PARAMETERS\n"
            "END_GROUP = LANDSAT_METADATA_FILE\nEND\n")


def zone_edges(n, count=4):
    """Pixel edges of count districts over the central 40 % of n pixels."""
    lo, hi = int(round(0.3 * n)), int(round(0.7 * n))
    return [lo + (hi - lo) * k // count for k in range(count + 1)]


def zones(cols, rows):
    """(code, col0, col1, row0, row1) of the 4 x 4 districts."""
    ce, re_ = zone_edges(cols), zone_edges(rows)
    return [(f"D{i}{j}", ce[j], ce[j + 1], re_[i], re_[i + 1])
            for i in range(4) for j in range(4)]


def write_zones(path, cols, rows):
    feats = []
    for code, c0, c1, r0, r1 in zones(cols, rows):
        w, e = X0 + c0 * PIXEL, X0 + c1 * PIXEL
        n, s = Y0 - r0 * PIXEL, Y0 - r1 * PIXEL
        feats.append({"type": "Feature", "properties": {"code": code},
                      "geometry": {"type": "Polygon",
                                   "coordinates": [[[w, s], [e, s], [e, n], [w, n], [w, s]]]}})
    with open(path, "w") as fh:
        json.dump({"type": "FeatureCollection",
                   "crs": {"type": "name", "properties": {"name": f"urn:ogc:def:crs:EPSG::{EPSG}"}},
                   "features": feats}, fh)


def generate(args, cols, rows):
    paths = band_paths(args.dir, cols, rows)
    pdir = product_dir(args.dir, cols, rows)
    mtl = os.path.join(pdir, f"{PRODUCT_ID}_MTL.txt")
    meta = os.path.join(pdir, "inputs.json")
    params = {"generator_version": GENERATOR_VERSION, "cols": cols, "rows": rows,
              "seed": args.seed, "epsg": EPSG, "origin": [X0, Y0],
              "creation_options": CREATION_OPTIONS}
    if all(os.path.exists(p) for p in paths.values()) and os.path.exists(meta):
        with open(meta) as fh:
            if json.load(fh) == params:
                print(f"inputs up to date in {pdir} (same parameters), not regenerated")
                print(f"PRODUCT={mtl}")
                return 0
    os.makedirs(pdir, exist_ok=True)
    gdal.SetCacheMax(128 * 1024 * 1024)
    t = time.monotonic()
    tmp = {b: p + ".part" for b, p in paths.items()}
    ds = {b: create(tmp[b], cols, rows) for b in BANDS}
    counts = {"fill": 0, "cloud": 0, "shadow": 0, "water": 0}
    for row0 in range(0, rows, TILE):
        nrows = min(TILE, rows - row0)
        strips, _ = dn_strips(cols, rows, row0, nrows, args.seed)
        for b, v in strips.items():
            ds[b].GetRasterBand(1).WriteArray(v, 0, row0)
        qa = strips["QA_PIXEL"]
        counts["fill"] += int((qa == QA_FILL).sum())
        counts["cloud"] += int((qa == QA_CLOUD).sum())
        counts["shadow"] += int((qa == QA_SHADOW).sum())
        counts["water"] += int((qa == QA_WATER).sum())
    ds = None
    for b in BANDS:
        os.replace(tmp[b], paths[b])
    with open(mtl, "w") as fh:
        fh.write(mtl_text())
    write_zones(os.path.join(pdir, "zones.geojson"), cols, rows)
    with open(meta, "w") as fh:
        json.dump(params, fh, indent=1)
    total = cols * rows
    mb = sum(os.path.getsize(p) for p in paths.values()) / 1e6
    print(f"Landsat 8 C2 L2-like scene {cols}x{rows} at 30 m written in "
          f"{time.monotonic() - t:.1f} s ({mb:.0f} MB of bands): " +
          ", ".join(f"{k} {100 * v / total:.1f} %" for k, v in counts.items()))
    print(f"PRODUCT={mtl}")
    return 0


def read_window(paths, c0, r0, nc, nr):
    """LST (K, float64) and validity of a window, from the DNs alone."""
    a = {}
    for b in ("ST_B10", "QA_PIXEL", "QA_RADSAT", "SR_B4", "SR_B5"):
        ds = gdal.Open(paths[b])
        a[b] = ds.GetRasterBand(1).ReadAsArray(c0, r0, nc, nr).astype(np.int64)
        ds = None
    valid = ((a["ST_B10"] != 0) & ((a["QA_PIXEL"] & QA_MASKED_BITS) == 0) &
             (a["QA_RADSAT"] == 0) & (a["SR_B4"] != 0) & (a["SR_B5"] != 0))
    return a["ST_B10"] * ST_MULT + ST_ADD, valid


def check(args, cols, rows):
    paths = band_paths(args.dir, cols, rows)
    csv_path = args.check
    if len(args.z) != len(args.band_m):
        sys.exit("--z and --band-m need as many values each")
    good = True
    rng = np.random.default_rng(args.seed)

    # 1. LST of the inputs against the scene's field.
    n = 20000
    rr, cc = rng.integers(0, rows, n), rng.integers(0, cols, n)
    ds = gdal.Open(paths["ST_B10"])
    st = ds.GetRasterBand(1).ReadAsArray().astype(np.float64)[rr, cc]
    ds = None
    ref = np.empty(n)
    fill = np.zeros(n, bool)
    for row0 in range(0, rows, TILE):
        sel = (rr >= row0) & (rr < row0 + TILE)
        if sel.any():
            lst, _, _, _, fl = scene(cols, rows, row0, min(TILE, rows - row0), args.seed)
            ref[sel] = lst[rr[sel] - row0, cc[sel]]
            fill[sel] = fl[rr[sel] - row0, cc[sel]]
    lst_dn = st * ST_MULT + ST_ADD
    d_lst = float(np.abs(lst_dn[~fill] - ref[~fill]).max())
    fill_bad = int((st[fill] != 0).sum())
    ok = d_lst <= ST_MULT / 2 + 1e-9 and fill_bad == 0
    good &= ok
    print(f"check LST ({'ok' if ok else 'FAIL'}): {n} random pixels: max |DN x {ST_MULT} + "
          f"{ST_ADD} - scene K| {d_lst:.5f} K over {int((~fill).sum())} non-fill pixels "
          f"(tolerance {ST_MULT / 2:.5f}); fill pixels not 0: {fill_bad}; mean "
          f"{lst_dn[~fill].mean():.3f} K")

    # 2. Global n, mean, S (every valid pixel), and the zones' mean LST.
    zs = zones(cols, rows)
    z_sum = {z[0]: 0.0 for z in zs}
    z_n = {z[0]: 0 for z in zs}
    tot_n, tot_sum, strips = 0, 0.0, []
    for row0 in range(0, rows, TILE):
        nr = min(TILE, rows - row0)
        lst, valid = read_window(paths, 0, row0, cols, nr)
        tot_n += int(valid.sum())
        tot_sum += float(lst[valid].sum())
        for code, c0, c1, r0, r1 in zs:
            a, b = max(r0, row0) - row0, min(r1, row0 + nr) - row0
            if a < b:
                v = valid[a:b, c0:c1]
                z_sum[code] += float(lst[a:b, c0:c1][v].sum())
                z_n[code] += int(v.sum())
        strips.append(row0)
    mean = tot_sum / tot_n
    ss = 0.0
    for row0 in strips:
        lst, valid = read_window(paths, 0, row0, cols, min(TILE, rows - row0))
        ss += float(((lst[valid] - mean) ** 2).sum())
    s_pop = math.sqrt(ss / tot_n)
    got = {}
    with open(csv_path, newline="", encoding="utf-8-sig") as fh:
        for row in csv.DictReader(fh):
            code = row.get("code") or row.get("zone_id") or row.get("id")
            got[code] = float(row["lst_mean_k"]) if row.get("lst_mean_k") else float("nan")
    d_zone = max(abs(got.get(c, float("nan")) - z_sum[c] / z_n[c]) for c in z_sum)
    ok = d_zone <= 1e-6
    good &= ok
    print(f"check zones ({'ok' if ok else 'FAIL'}): lst_mean_k of {len(zs)} zones against numpy: "
          f"max |difference| {d_zone:.1e} K (tolerance 1e-6); zone means "
          f"{min(z_sum[c] / z_n[c] for c in z_sum):.2f} .. "
          f"{max(z_sum[c] / z_n[c] for c in z_sum):.2f} K")

    # 3. Gi* at random pixels of each z COG, brute force.
    for z_path, band_m in zip(args.z, args.band_m):
        r = max(1, int(round(band_m / PIXEL)))
        m = 400
        pr, pc = rng.integers(0, rows, m), rng.integers(0, cols, m)
        zds = gdal.Open(z_path)
        zb = zds.GetRasterBand(1)
        diffs, nodata_bad = [], 0
        for i, j in zip(pr.tolist(), pc.tolist()):
            zv = float(zb.ReadAsArray(j, i, 1, 1)[0, 0])
            r0, r1 = max(0, i - r), min(rows, i + r + 1)
            c0, c1 = max(0, j - r), min(cols, j + r + 1)
            lst, valid = read_window(paths, c0, r0, c1 - c0, r1 - r0)
            if not valid[i - r0, j - c0]:
                nodata_bad += zv != GI_NODATA
                continue
            w = int(valid.sum())
            sx = float(lst[valid].sum())
            zr = (sx - mean * w) / (s_pop * math.sqrt((tot_n * w - w * w) / (tot_n - 1)))
            diffs.append(abs(zv - zr) / max(1.0, abs(zr)))
        zds = None
        worst = max(diffs) if diffs else float("inf")
        ok = nodata_bad == 0 and worst <= 1e-4
        good &= ok
        print(f"check Gi* ({'ok' if ok else 'FAIL'}): {m} random pixels, band {band_m:g} m = "
              f"r {r} px: max |z - brute force| / max(1, |z|) {worst:.1e} over {len(diffs)} valid "
              f"centres (tolerance 1e-4), nodata differing {nodata_bad}; global n {tot_n}, mean "
              f"{mean:.4f} K, S {s_pop:.4f} K")
    print("CHECK PASSED" if good else "CHECK FAILED")
    return 0 if good else 1


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("dir", help="folder for the scene")
    p.add_argument("--size", default="7600x7800", help="COLSxROWS, or N for N x N (pixels)")
    p.add_argument("--seed", type=int, default=20240415)
    p.add_argument("--check", metavar="CSV", help="check a run's zone table (and --z) instead")
    p.add_argument("--z", nargs="*", default=[], help="z COGs (<name>_lst_gi_z.tif) to check")
    p.add_argument("--band-m", nargs="*", type=float, default=[],
                   help="heat.hotspots.band_m of each --z")
    args = p.parse_args()
    cols, rows = parse_size(args.size)
    return check(args, cols, rows) if args.check else generate(args, cols, rows)


if __name__ == "__main__":
    sys.exit(main())
