#!/ usr / bin / python3
"""Synthetic Sentinel-2 L2A product for the NDVI benchmark (bench/ndvi_bench.sh), and its answer check.

Generate (skipped when the files already exist with the same parameters):

    /usr/bin/python3 bench/make_ndvi_inputs.py DIR [--size 10980] [--seed 20240607]

writes the folder DIR/S2_L2A_<size>/ that `greengauge index --product` recognises as a Sentinel-2
Level-2A product (gis/product_sentinel2.cpp: band files found by band id and resolution):
  T47PPR_20240607T033541_B04_10m.tif  red,  UInt16 <size> x <size>, 10 m pixels
  T47PPR_20240607T033541_B08_10m.tif  nir,  UInt16 <size> x <size>, 10 m pixels
  T47PPR_20240607T033541_SCL_20m.tif  scene classification, Byte <size/2> x <size/2>, 20 m pixels
  MTD_MSIL2A.xml                      processing baseline 05.10, BOA_ADD_OFFSET -1000 for every
                                      band, BOA_QUANTIFICATION_VALUE 10000
EPSG:32647 (UTM 47N), origin (600000, 1600000), as tile 47PPR. GeoTIFF TILED=YES 512 x 512,
COMPRESS=DEFLATE, PREDICTOR=2, ZLEVEL=6 (how Sentinel-2 L2A tiles are commonly served as COGs).
No nodata value is declared (like ESA's JP2): DN 0 is the fill.

DN = reflectance x 10000 + 1000 (baseline 04.00+ offset). A smooth vegetation fraction f in [0, 1]
(sinusoids, wavelengths 300 m to 14 km) gives red = 0.16 - 0.12 f and nir = 0.18 + 0.30 f, plus
Gaussian noise (sd 40 DN), clipped to [1001, 12000]. A wedge in the west (x < 4 % .. 12 % of the
width, varying with the row, like an orbit edge) is fill: DN 0 and SCL 0. SCL: 4 (vegetation)
where f > 0.45, else 5 (bare); 6 (water) in a few blobs; 8 / 9 (cloud) where a coarse field is
high (about 12 % of the tile); 3 (shadow) where the same field shifted 600 m is high.

Written one 512-row strip at a time; memory stays around a hundred MB. Deterministic: noise strip k
uses seed (seed, band, k).

Check NDVI results (greengauge's COG and gdal_calc.py's GeoTIFF) against an independent numpy
computation at sampled pixels:

    /usr/bin/python3 bench/make_ndvi_inputs.py DIR [--size N] --check OUT.tif [OUT2.tif ...]

  20,000 random pixels (seed) plus the fill wedge and cloud pixels among them: NDVI =
  (nir - red) / (nir + red) with reflectance (DN - 1000) / 10000, nodata (-9999) where DN is 0 or
  65535 or SCL is in {0, 1, 3, 8, 9, 10} or outside 0-11. Each file must have the same nodata
  pixels and values within 1e-6 (both are Float32: the rounding is 3e-8). Exits 1 on a mismatch.
"""
import argparse
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
PREFIX = "T47PPR_20240607T033541_"
OFFSET, QUANT = -1000, 10000
MASKED_SCL = {0, 1, 3, 8, 9, 10}
NODATA = -9999.0
CREATION_OPTIONS = ["TILED=YES", f"BLOCKXSIZE={TILE}", f"BLOCKYSIZE={TILE}", "COMPRESS=DEFLATE",
                    "PREDICTOR=2", "ZLEVEL=6", "NUM_THREADS=ALL_CPUS"]


def product_dir(folder, size):
    return os.path.join(folder, f"S2_L2A_{size}")


def band_paths(folder, size):
    d = product_dir(folder, size)
    return {k: os.path.join(d, f"{PREFIX}{k}.tif") for k in ("B04_10m", "B08_10m", "SCL_20m")}


def srs():
    s = osr.SpatialReference()
    s.ImportFromEPSG(EPSG)
    s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return s


def fields(x, y):
    """Vegetation fraction f, cloud field c, water field w at eastings x (cols) and northings y
    (rows); arrays of shape (len(y), len(x))."""
    tau = 2 * math.pi
    f = 0.5 + 0.25 * np.outer(np.cos(tau * y / 14100), np.sin(tau * x / 9300 + 0.4))
    ax, ay = tau * x / 2300, tau * y / 1900
    f += 0.15 * (np.outer(np.cos(ay), np.sin(ax)) + np.outer(np.sin(ay), np.cos(ax)))
    f += 0.08 * np.outer(np.sin(tau * y / 300 + 1.1), np.sin(tau * x / 340))
    c = np.outer(np.sin(tau * y / 6100 + 0.3), np.cos(tau * x / 5300 + 1.7))
    c += 0.5 * np.outer(np.cos(tau * y / 2900), np.sin(tau * x / 3100))
    w = np.outer(np.sin(tau * y / 8700 + 2.0), np.sin(tau * x / 7900 + 0.9))
    return np.clip(f, 0, 1), c, w


def fill_wedge(x, y, size):
    """True where the pixel is outside the swath (fill)."""
    width = size * PIXEL
    frac = 0.04 + 0.08 * (Y0 - y) / width  # 4 % of the width at the top, 12 % at the bottom
    return (x - X0)[None, :] < (frac * width)[:, None]


def dn_strip(size, row0, nrows, seed):
    x = X0 + (np.arange(size) + 0.5) * PIXEL
    y = Y0 - (np.arange(row0, row0 + nrows) + 0.5) * PIXEL
    f, _, _ = fields(x, y)
    fill = fill_wedge(x, y, size)
    out = {}
    for k, (name, refl) in enumerate((("B04_10m", 0.16 - 0.12 * f), ("B08_10m", 0.18 + 0.30 * f))):
        rng = np.random.default_rng([seed, k, row0 // TILE])
        dn = refl * QUANT - OFFSET + rng.standard_normal(refl.shape) * 40
        dn = np.clip(np.rint(dn), 1001, 12000).astype(np.uint16)
        dn[fill] = 0
        out[name] = dn
    return out


def scl_strip(size20, row0, nrows):
    px = 2 * PIXEL
    x = X0 + (np.arange(size20) + 0.5) * px
    y = Y0 - (np.arange(row0, row0 + nrows) + 0.5) * px
    f, c, w = fields(x, y)
    _, c_shift, _ = fields(x - 600, y + 600)
    scl = np.where(f > 0.45, 4, 5).astype(np.uint8)
    scl[w > 0.8] = 6
    scl[c_shift > 1.05] = 3
    scl[c > 1.05] = 8
    scl[c > 1.25] = 9
    scl[fill_wedge(x, y, size20 * 2)] = 0
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


def generate(args):
    paths = band_paths(args.dir, args.size)
    pdir = product_dir(args.dir, args.size)
    meta = os.path.join(args.dir, f"ndvi_inputs_{args.size}.json")
    params = {"generator_version": GENERATOR_VERSION, "size": args.size, "seed": args.seed,
              "epsg": EPSG, "origin": [X0, Y0], "creation_options": CREATION_OPTIONS}
    if all(os.path.exists(p) for p in paths.values()) and os.path.exists(meta):
        with open(meta) as fh:
            if json.load(fh) == params:
                print(f"inputs up to date in {pdir} (same parameters), not regenerated")
                print(f"PRODUCT={pdir}")
                return 0
    if args.size % 2:
        sys.exit("--size must be even (the 20 m SCL grid is size / 2)")
    os.makedirs(pdir, exist_ok=True)
    gdal.SetCacheMax(128 * 1024 * 1024)
    t = time.monotonic()
    tmp = {k: p + ".part" for k, p in paths.items()}
    ds = {k: create(tmp[k], args.size, args.size, gdal.GDT_UInt16, PIXEL)
          for k in ("B04_10m", "B08_10m")}
    for row0 in range(0, args.size, TILE):
        nrows = min(TILE, args.size - row0)
        for k, v in dn_strip(args.size, row0, nrows, args.seed).items():
            ds[k].GetRasterBand(1).WriteArray(v, 0, row0)
    ds = None
    size20 = args.size // 2
    scl = create(tmp["SCL_20m"], size20, size20, gdal.GDT_Byte, 2 * PIXEL)
    for row0 in range(0, size20, TILE):
        scl.GetRasterBand(1).WriteArray(scl_strip(size20, row0, min(TILE, size20 - row0)), 0, row0)
    scl = None
    for k in paths:
        os.replace(tmp[k], paths[k])
    with open(os.path.join(pdir, "MTD_MSIL2A.xml"), "w") as fh:
        fh.write(mtd_xml())
    with open(meta, "w") as fh:
        json.dump(params, fh, indent=1)
    mb = {k: os.path.getsize(p) / 1e6 for k, p in paths.items()}
    print(f"Sentinel-2 L2A-like product {args.size}x{args.size} written in "
          f"{time.monotonic() - t:.1f} s: " +
          ", ".join(f"{k} {v:.0f} MB" for k, v in mb.items()))
    print(f"PRODUCT={pdir}")
    return 0


def reference(paths, rows, cols):
    """NDVI at (rows, cols) from the DNs, independently of greengauge (float64)."""
    def at(path, r, c):
        ds = gdal.Open(path)  # keep the dataset alive while its band is read
        a = ds.GetRasterBand(1).ReadAsArray()
        ds = None
        return a[r, c].astype(np.float64)
    red = at(paths["B04_10m"], rows, cols)
    nir = at(paths["B08_10m"], rows, cols)
    scl = at(paths["SCL_20m"], rows // 2, cols // 2)
    masked = (red == 0) | (nir == 0) | (red >= 65535) | (nir >= 65535)
    masked |= np.isin(scl, list(MASKED_SCL)) | (scl > 11)
    r = (red + OFFSET) / QUANT
    n = (nir + OFFSET) / QUANT
    with np.errstate(divide="ignore", invalid="ignore"):
        v = (n - r) / (n + r)
    masked |= (n + r) == 0
    return np.where(masked, np.nan, v)


def check(args):
    paths = band_paths(args.dir, args.size)
    rng = np.random.default_rng(args.seed)
    n = 20000
    rows = rng.integers(0, args.size, n)
    cols = rng.integers(0, args.size, n)
    ref = reference(paths, rows, cols)
    ok = True
    print(f"check: {n} random pixels, {np.isnan(ref).sum()} of them masked in the reference")
    for out in args.check:
        ds = gdal.Open(out)
        band = ds.GetRasterBand(1)
        if (ds.RasterXSize, ds.RasterYSize) != (args.size, args.size):
            print(f"check FAIL: {out} is {ds.RasterXSize} x {ds.RasterYSize}")
            ok = False
            continue
        got = band.ReadAsArray()[rows, cols].astype(np.float64)
        nd = band.GetNoDataValue()
        got_masked = got == nd if nd is not None else np.isnan(got)
        ref_masked = np.isnan(ref)
        mask_diff = int((got_masked != ref_masked).sum())
        both = ~got_masked & ~ref_masked
        diff = float(np.abs(got[both] - ref[both]).max()) if both.any() else 0.0
        good = mask_diff == 0 and diff <= 1e-6
        ok &= good
        print(f"check ({'ok' if good else 'FAIL'}): {out}: nodata {nd}, masked pixels differing "
              f"from the reference: {mask_diff}; max |NDVI - reference| over {int(both.sum())} "
              f"valid pixels: {diff:.1e} (tolerance 1e-6)")
    print("CHECK PASSED" if ok else "CHECK FAILED")
    return 0 if ok else 1


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("dir", help="folder for the product")
    p.add_argument("--size", type=int, default=10980, help="10 m bands: width = height (pixels)")
    p.add_argument("--seed", type=int, default=20240607)
    p.add_argument("--check", nargs="+", metavar="TIF", help="check NDVI rasters instead")
    args = p.parse_args()
    return check(args) if args.check else generate(args)


if __name__ == "__main__":
    sys.exit(main())
