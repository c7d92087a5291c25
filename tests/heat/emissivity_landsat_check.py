#!/usr/bin/python3
"""heat.emissivity (land-cover class emissivity, docs/methods.md 7.1) on real data, the Landsat 8
Level-1 subset of data/landsat (41 x 41 pixels of 30 m, UTM 32N, all clear in its BQA), checked
by another method: here numpy derives each pixel's brightness temperature from the B10 DNs and the
MTL's constants (L = M Q + A, BT = K2 / ln(K1 / L + 1)), its emissivity from the class of a
land-cover raster on another grid (10 m cells, each 30 m pixel's class in its 3 x 3 cells) through
the shipped table data/emissivity/worldcover_landsat89_b10.csv (for its "ndvi" class, the NDVI
thresholds of Sobrino et al. 2004 on TOA reflectance), and LST = BT / (1 + (lambda BT / rho)
ln e). Pixels of class 0 (not in the table) have no LST. Gi* z (heat.hotspots, 300 m = 10
pixels) is recomputed by brute force over that LST and compared with the run's z COG, which is
made by another reader of the classes (the hot spot pass) than the zones' LST, and so is the
map of `greengauge index --index lst --emissivity-table`.

usage: emissivity_landsat_check.py GREENGAUGE
"""
import csv
import math
import os
import subprocess
import sys
import tempfile

import numpy as np
from osgeo import gdal

from landsat_check_common import MTL, ROOT, X0, Y0, srs_of, write_layer
from shapely.geometry import box

TABLE = os.path.join(ROOT, "data", "emissivity", "worldcover_landsat89_b10.csv")
N = 41
WAVELENGTH_UM, RHO_UM_K = 10.895, 14388.0


def mtl_values():
    values = {}
    for line in open(MTL):
        if "=" in line:
            k, v = (s.strip() for s in line.split("=", 1))
            values[k] = v.strip('"')
    return values


def land_class(c, r):
    if r <= 4:
        return 0  # no data in ESA WorldCover: not in the table
    if r >= 30 and 20 <= c <= 30:
        return 95  # mangroves: "ndvi" in the table
    return 50 if c <= 13 else 10 if c <= 27 else 80


def write_landcover(path):
    ds = gdal.GetDriverByName("GTiff").Create(path, 3 * N, 3 * N, 1, gdal.GDT_Byte)
    ds.SetGeoTransform([X0, 10, 0, Y0, 0, -10])
    ds.SetProjection(srs_of(32632).ExportToWkt())
    fine = np.array([[land_class(k // 3, r // 3) for k in range(3 * N)] for r in range(3 * N)])
    ds.GetRasterBand(1).WriteArray(fine)
    ds = None


def table():
    out = {}
    for row in csv.DictReader(open(TABLE, encoding="utf-8")):
        out[int(row["class"])] = None if row["emissivity"] == "ndvi" else float(row["emissivity"])
    return out


def expected_lst():
    m = mtl_values()
    band = lambda b: gdal.Open(MTL.replace("_MTL.txt", f"_B{b}.TIF")).ReadAsArray().astype(float)
    radiance = band(10) * float(m["RADIANCE_MULT_BAND_10"]) + float(m["RADIANCE_ADD_BAND_10"])
    bt = float(m["K2_CONSTANT_BAND_10"]) / np.log(float(m["K1_CONSTANT_BAND_10"]) / radiance + 1)
    sun = math.sin(math.radians(float(m["SUN_ELEVATION"])))
    refl = lambda b: (band(b) * float(m[f"REFLECTANCE_MULT_BAND_{b}"]) +
                      float(m[f"REFLECTANCE_ADD_BAND_{b}"])) / sun
    red, nir = refl(4), refl(5)
    ndvi = (nir - red) / (nir + red)
    emissivity = table()
    lst = np.full((N, N), np.nan)
    for r in range(N):
        for c in range(N):
            cls = land_class(c, r)
            if cls not in emissivity:
                continue
            e = emissivity[cls]
            if e is None:  # Sobrino et al. 2004
                v = ndvi[r, c]
                pv = min(max((v - 0.2) / 0.3, 0), 1) ** 2
                e = 0.979 - 0.035 * red[r, c] if v < 0.2 else 0.99 if v > 0.5 else \
                    0.004 * pv + 0.986
            lst[r, c] = bt[r, c] / (1 + (WAVELENGTH_UM * bt[r, c] / RHO_UM_K) * math.log(e))
    return lst


def gi_star(lst, band):
    valid = np.isfinite(lst)
    x = lst[valid]
    n, mean = x.size, x.mean()
    s = math.sqrt((x * x).mean() - mean * mean)
    z = np.full(lst.shape, np.nan)
    for r in range(N):
        for c in range(N):
            if not valid[r, c]:
                continue
            win = lst[max(0, r - band):r + band + 1, max(0, c - band):c + band + 1]
            w = np.isfinite(win)
            wi = w.sum()
            z[r, c] = (win[w].sum() - mean * wi) / (s * math.sqrt((n * wi - wi * wi) / (n - 1)))
    return z


def main(gg):
    gdal.UseExceptions()
    with tempfile.TemporaryDirectory(prefix="gg-emissivity-") as d:
        return check(gg, d)


def check(gg, d):
    utm = srs_of(32632)
    zones = [("west", 0, 20), ("east", 20, N)]
    for code, c0, c1 in zones:
        write_layer(os.path.join(d, code + ".gpkg"), utm,
                    box(X0 + 30 * c0, Y0 - 30 * N, X0 + 30 * c1, Y0).wkb, ("code", code))
    subprocess.run(["ogrmerge.py", "-single", "-o", os.path.join(d, "zones.gpkg"),
                    os.path.join(d, "west.gpkg"), os.path.join(d, "east.gpkg"), "-q"], check=True)
    write_landcover(os.path.join(d, "lc.tif"))
    with open(os.path.join(d, "p.yaml"), "w") as p:
        p.write(f"name: l8\nareas: planar\nzones: {{source: zones.gpkg, id_field: code}}\n"
                f"imagery: {{products: [{MTL}]}}\n"
                f"heat:\n  emissivity: {{table: {TABLE}, landcover: lc.tif}}\n")
    subprocess.run([gg, "assess", os.path.join(d, "p.yaml"), "-o", os.path.join(d, "out"), "-q"],
                   check=True)
    rows = {r["code"]: r for r in
            csv.DictReader(open(os.path.join(d, "out", "l8.csv"), encoding="utf-8-sig"))}
    lst = expected_lst()
    failed = False
    for code, c0, c1 in zones:
        part = lst[:, c0:c1]
        want = {"lst_mean_k": np.nanmean(part), "lst_max_k": np.nanmax(part),
                "lst_valid_share": np.isfinite(part).mean()}
        for key, value in want.items():
            got = float(rows[code][key])
            good = abs(got - value) <= 1e-6 * max(1, abs(value))
            failed |= not good
            print(f"{code} {key}: greengauge {got:.6f}, numpy {value:.6f}: "
                  f"{'ok' if good else 'DIFFERS'}")
    z_ds = gdal.Open(os.path.join(d, "out", "l8_lst_gi_z.tif"))
    band = z_ds.GetRasterBand(1)
    z = band.ReadAsArray().astype(float)
    z[z == band.GetNoDataValue()] = np.nan
    want_z = gi_star(lst, 10)
    same_mask = np.array_equal(np.isfinite(z), np.isfinite(want_z))
    worst = np.nanmax(np.abs(z - want_z))
    good = same_mask and worst <= 1e-4
    failed |= not good
    print(f"Gi* z: {np.isfinite(z).sum()} pixels (numpy {np.isfinite(want_z).sum()}), largest "
          f"difference {worst:.2e}: {'ok' if good else 'DIFFERS'}")
    # The map: `index --index lst` with the same table and map, pixel by pixel (Float32).
    subprocess.run([gg, "index", "--product", MTL, "--index", "lst", "--emissivity-table", TABLE,
                    "--landcover", os.path.join(d, "lc.tif"), "-o", os.path.join(d, "lst.tif"),
                    "-q"], check=True)
    lst_ds = gdal.Open(os.path.join(d, "lst.tif"))
    lst_band = lst_ds.GetRasterBand(1)
    cog = lst_band.ReadAsArray().astype(float)
    cog[cog == lst_band.GetNoDataValue()] = np.nan
    same_mask = np.array_equal(np.isfinite(cog), np.isfinite(lst))
    worst = np.nanmax(np.abs(cog - lst))
    method = lst_ds.GetMetadataItem("greengauge_emissivity") or ""
    good = same_mask and worst <= 1e-4 and "by land-cover class" in method
    failed |= not good
    print(f"index --index lst: {np.isfinite(cog).sum()} pixels (numpy {np.isfinite(lst).sum()}), "
          f"largest difference {worst:.2e} K, metadata \"{method[:40]}...\": "
          f"{'ok' if good else 'DIFFERS'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
