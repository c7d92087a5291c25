#!/usr/bin/python3
"""Synthetic Sentinel-2 L2A time series for the wetland persistence benchmark
(bench/wetland_bench.sh), and its answer check.

Generate (skipped when the files already exist with the same parameters):

    /usr/bin/python3 bench/make_wetland_inputs.py DIR [--size 10980] [--dates 24] [--seed 20240607]

writes DIR/S2_WET_<size>/D<kk>/ for k = 0 .. dates - 1, each a folder that `greengauge`
recognises as a Sentinel-2 Level-2A product (gis/product_sentinel2.cpp):
  T47PPR_<date>T033541_B03_10m.tif  green, UInt16 <size> x <size>, 10 m
  T47PPR_<date>T033541_B11_20m.tif  SWIR1, UInt16 <size/2> x <size/2>, 20 m
  T47PPR_<date>T033541_SCL_20m.tif  scene classification, Byte, 20 m
  T47PPR_<date>T033541_B04_10m.tif, _B08_10m.tif: symbolic links to B03 (the recogniser wants
                                    red and NIR; persistence never reads them)
  MTD_MSIL2A.xml                    processing baseline 05.10, BOA_ADD_OFFSET -1000, 10000
and DIR/S2_WET_<size>/zones.geojson, one zone covering the tile. EPSG:32647, origin (600000,
1600000), GeoTIFF tiled 512, DEFLATE (as bench/make_ndvi_inputs.py). Dates are 15 days apart from
2024-01-01.

Per date k: water where a smooth field w (sinusoids, 2-9 km) is above a level that moves with the
season, level_k = 0.6 sin(2 pi k / 12): open water reflects green 0.08 and SWIR1 0.02 (MNDWI
> 0), land green 0.07 and SWIR1 0.25 (MNDWI < 0), plus Gaussian noise (sd 20 DN) that cannot
flip the sign. Clouds (SCL 8) where a cloud field shifted by 1.3 km per date is high (about 10 %
of each date); DN 0 and SCL 0 in the fill wedge of the west edge (as make_ndvi_inputs.py).

Check greengauge's occurrence and observation COGs against numpy at sampled pixels:

    /usr/bin/python3 bench/make_wetland_inputs.py DIR [--size N] [--dates N] --check OCC.tif COUNT.tif

  20,000 random pixels: occurrence = water dates / valid dates (valid: DN not 0 or 65535, SCL not
  in {0, 1, 3, 8, 9, 10} nor above 11; water: MNDWI of the reflectances > 0), count = valid dates.
  Every count must match, occurrence within 1e-6 (Float32), nodata where count is 0. Exits 1 on
  a mismatch.
"""
import argparse
import datetime
import json
import math
import os
import sys
import time

import numpy as np
from osgeo import gdal, osr

gdal.UseExceptions()
osr.UseExceptions()

GENERATOR_VERSION = 1
EPSG = 32647
X0, Y0 = 600000.0, 1600000.0
PIXEL = 10.0
TILE = 512
OFFSET, QUANT = -1000, 10000
MASKED_SCL = {0, 1, 3, 8, 9, 10}
CREATION_OPTIONS = ["TILED=YES", f"BLOCKXSIZE={TILE}", f"BLOCKYSIZE={TILE}", "COMPRESS=DEFLATE",
                    "PREDICTOR=2", "ZLEVEL=6", "NUM_THREADS=ALL_CPUS"]


def series_dir(folder, size):
    return os.path.join(folder, f"S2_WET_{size}")


def date_of(k):
    return (datetime.date(2024, 1, 1) + datetime.timedelta(days=15 * k)).strftime("%Y%m%d")


def paths_of(folder, size, k):
    d = os.path.join(series_dir(folder, size), f"D{k:02d}")
    prefix = f"T47PPR_{date_of(k)}T033541_"
    return d, {b: os.path.join(d, f"{prefix}{b}.tif")
               for b in ("B03_10m", "B11_20m", "SCL_20m", "B04_10m", "B08_10m")}


def srs():
    s = osr.SpatialReference()
    s.ImportFromEPSG(EPSG)
    s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return s


def water_field(x, y):
    tau = 2 * math.pi
    w = np.outer(np.sin(tau * y / 8700 + 2.0), np.sin(tau * x / 7900 + 0.9))
    w += 0.4 * np.outer(np.cos(tau * y / 2100), np.sin(tau * x / 2600 + 0.3))
    return w


def level(k):
    return 0.6 * math.sin(2 * math.pi * k / 12)


def cloud_field(x, y, k):
    tau = 2 * math.pi
    xs = x - 1300.0 * k
    return (np.outer(np.sin(tau * y / 6100 + 0.3 * k), np.cos(tau * xs / 5300 + 1.7)) +
            0.5 * np.outer(np.cos(tau * y / 2900), np.sin(tau * xs / 3100)))


def fill_wedge(x, y, size):
    width = size * PIXEL
    frac = 0.04 + 0.08 * (Y0 - y) / width
    return (x - X0)[None, :] < (frac * width)[:, None]


def coords(cols, row0, nrows, pixel):
    x = X0 + (np.arange(cols) + 0.5) * pixel
    y = Y0 - (np.arange(row0, row0 + nrows) + 0.5) * pixel
    return x, y


def band_strip(size, pixel, row0, nrows, k, water_refl, land_refl, seed, band):
    cols = int(round(size * PIXEL / pixel))
    x, y = coords(cols, row0, nrows, pixel)
    water = water_field(x, y) > level(k)
    refl = np.where(water, water_refl, land_refl)
    rng = np.random.default_rng([seed, k, band, row0 // TILE])
    dn = refl * QUANT - OFFSET + rng.standard_normal(refl.shape) * 20
    dn = np.clip(np.rint(dn), 1001, 12000).astype(np.uint16)
    dn[fill_wedge(x, y, size)] = 0
    return dn


def scl_strip(size, row0, nrows, k):
    x, y = coords(size // 2, row0, nrows, 2 * PIXEL)
    scl = np.full((nrows, size // 2), 5, np.uint8)
    scl[water_field(x, y) > level(k)] = 6
    scl[cloud_field(x, y, k) > 1.1] = 8
    scl[fill_wedge(x, y, size)] = 0
    return scl


def create(path, cols, rows, dtype, pixel):
    ds = gdal.GetDriverByName("GTiff").Create(path, cols, rows, 1, dtype, CREATION_OPTIONS)
    ds.SetGeoTransform((X0, pixel, 0.0, Y0, 0.0, -pixel))
    ds.SetProjection(srs().ExportToWkt())
    return ds


def mtd_xml():
    offsets = "".join(f'<BOA_ADD_OFFSET band_id="{b}">{OFFSET}</BOA_ADD_OFFSET>\n' for b in range(13))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<n1:Level-2A_User_Product>\n'
            "<General_Info><Product_Info><PROCESSING_BASELINE>05.10</PROCESSING_BASELINE>"
            "</Product_Info>\n<Product_Image_Characteristics>\n<QUANTIFICATION_VALUES_LIST>"
            f'<BOA_QUANTIFICATION_VALUE unit="none">{QUANT}</BOA_QUANTIFICATION_VALUE>'
            "</QUANTIFICATION_VALUES_LIST>\n<BOA_ADD_OFFSET_VALUES_LIST>\n" + offsets +
            "</BOA_ADD_OFFSET_VALUES_LIST>\n</Product_Image_Characteristics>\n</General_Info>\n"
            "</n1:Level-2A_User_Product>\n")


def write_date(args, k):
    d, paths = paths_of(args.dir, args.size, k)
    os.makedirs(d, exist_ok=True)
    tmp = {b: p + ".part" for b, p in paths.items()}
    g = create(tmp["B03_10m"], args.size, args.size, gdal.GDT_UInt16, PIXEL)
    for row0 in range(0, args.size, TILE):
        n = min(TILE, args.size - row0)
        g.GetRasterBand(1).WriteArray(
            band_strip(args.size, PIXEL, row0, n, k, 0.08, 0.07, args.seed, 0), 0, row0)
    g = None
    half = args.size // 2
    s = create(tmp["B11_20m"], half, half, gdal.GDT_UInt16, 2 * PIXEL)
    c = create(tmp["SCL_20m"], half, half, gdal.GDT_Byte, 2 * PIXEL)
    for row0 in range(0, half, TILE):
        n = min(TILE, half - row0)
        s.GetRasterBand(1).WriteArray(
            band_strip(args.size, 2 * PIXEL, row0, n, k, 0.02, 0.25, args.seed, 1), 0, row0)
        c.GetRasterBand(1).WriteArray(scl_strip(args.size, row0, n, k), 0, row0)
    s = c = None
    for b in ("B03_10m", "B11_20m", "SCL_20m"):
        os.replace(tmp[b], paths[b])
    for b in ("B04_10m", "B08_10m"):
        if os.path.lexists(paths[b]):
            os.remove(paths[b])
        os.symlink(os.path.basename(paths["B03_10m"]), paths[b])
    with open(os.path.join(d, "MTD_MSIL2A.xml"), "w") as fh:
        fh.write(mtd_xml())


def generate(args):
    root = series_dir(args.dir, args.size)
    meta = os.path.join(root, "inputs.json")
    params = {"generator_version": GENERATOR_VERSION, "size": args.size, "seed": args.seed,
              "epsg": EPSG, "origin": [X0, Y0], "creation_options": CREATION_OPTIONS}
    if args.size % 2:
        sys.exit("--size must be even (the 20 m bands are size / 2)")
    os.makedirs(root, exist_ok=True)
    done = {}
    if os.path.exists(meta):
        with open(meta) as fh:
            done = json.load(fh)
    if done.get("params") != params:
        done = {"params": params, "dates": 0}
    gdal.SetCacheMax(128 * 1024 * 1024)
    t = time.monotonic()
    for k in range(done["dates"], args.dates):
        write_date(args, k)
        done["dates"] = k + 1
        with open(meta, "w") as fh:
            json.dump(done, fh, indent=1)
        print(f"  date {k} ({date_of(k)}) written", flush=True)
    e = X0 + args.size * PIXEL
    s = Y0 - args.size * PIXEL
    with open(os.path.join(root, "zones.geojson"), "w") as fh:
        json.dump({"type": "FeatureCollection",
                   "crs": {"type": "name", "properties": {"name": f"urn:ogc:def:crs:EPSG::{EPSG}"}},
                   "features": [{"type": "Feature", "properties": {"code": "tile"},
                                 "geometry": {"type": "Polygon", "coordinates": [
                                     [[X0, s], [e, s], [e, Y0], [X0, Y0], [X0, s]]]}}]}, fh)
    print(f"{args.dates} dates of {args.size}x{args.size} in {root} "
          f"({time.monotonic() - t:.1f} s to write the missing ones)")
    for k in range(args.dates):
        print(f"PRODUCT={paths_of(args.dir, args.size, k)[0]}")
    return 0


def check(args):
    rng = np.random.default_rng(args.seed)
    n = 20000
    rows = rng.integers(0, args.size, n)
    cols = rng.integers(0, args.size, n)
    water = np.zeros(n)
    valid = np.zeros(n)
    for k in range(args.dates):
        _, p = paths_of(args.dir, args.size, k)

        def at(path, r, c):
            ds = gdal.Open(path)
            a = ds.GetRasterBand(1).ReadAsArray()
            ds = None
            return a[r, c].astype(np.float64)
        g = at(p["B03_10m"], rows, cols)
        s = at(p["B11_20m"], rows // 2, cols // 2)
        scl = at(p["SCL_20m"], rows // 2, cols // 2)
        ok = (g > 0) & (s > 0) & (g < 65535) & (s < 65535)
        ok &= ~np.isin(scl, list(MASKED_SCL)) & (scl <= 11)
        gr, sr = (g + OFFSET) / QUANT, (s + OFFSET) / QUANT
        ok &= (gr + sr) != 0
        with np.errstate(divide="ignore", invalid="ignore"):
            mndwi = (gr - sr) / (gr + sr)
        valid += ok
        water += ok & (mndwi > 0)
    occ_ref = np.where(valid > 0, water / np.maximum(valid, 1), np.nan)
    occ_path, count_path = args.check
    ds = gdal.Open(occ_path)
    band = ds.GetRasterBand(1)
    occ = band.ReadAsArray()[rows, cols].astype(np.float64)
    nd = band.GetNoDataValue()
    cds = gdal.Open(count_path)  # kept alive while its band is read
    cnt = cds.GetRasterBand(1).ReadAsArray()[rows, cols].astype(np.float64)
    count_diff = int((cnt != valid).sum())
    nodata_diff = int(((occ == nd) != np.isnan(occ_ref)).sum())
    both = (occ != nd) & ~np.isnan(occ_ref)
    diff = float(np.abs(occ[both] - occ_ref[both]).max()) if both.any() else 0.0
    good = count_diff == 0 and nodata_diff == 0 and diff <= 1e-6
    print(f"check ({'ok' if good else 'FAIL'}): {n} random pixels over {args.dates} dates: "
          f"counts differing {count_diff}, nodata differing {nodata_diff}, max |occurrence - "
          f"reference| {diff:.1e} over {int(both.sum())} observed pixels (tolerance 1e-6); "
          f"mean occurrence {np.nanmean(occ_ref):.3f}, mean count {valid.mean():.2f}")
    print("CHECK PASSED" if good else "CHECK FAILED")
    return 0 if good else 1


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("dir", help="folder for the series")
    p.add_argument("--size", type=int, default=10980, help="10 m bands: width = height (pixels)")
    p.add_argument("--dates", type=int, default=24)
    p.add_argument("--seed", type=int, default=20240607)
    p.add_argument("--check", nargs=2, metavar=("OCC", "COUNT"), help="check the two COGs instead")
    args = p.parse_args()
    return check(args) if args.check else generate(args)


if __name__ == "__main__":
    sys.exit(main())
