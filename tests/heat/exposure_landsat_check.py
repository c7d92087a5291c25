#!/usr/bin/python3
"""lst_pop_weighted_k and pop_in_hotspots on real data (the Landsat 8 Level-1 subset of
data/landsat, UTM 32N) with a population raster in EPSG:4326 (0.001 degree cells, as WorldPop
is geographic), checked by another method: greengauge moves the people onto the 30 m thermal grid
by exact areal weighting (cells mapped by their corners, exact coverage); here each LST pixel's
people are a quadrature, 20 x 20 sample points per pixel mapped to lon/lat with OSR, each
carrying its cell's density (people / the cell's area in UTM 32N) times its sub-area. LST comes
from `greengauge index --index lst`, z from the run's Gi* COG. The people live mostly in the
north-west (a linear gradient), so the weighted mean differs from lst_mean_k by about 0.35 K;
the quadrature agrees within about 3e-4 K.

usage: exposure_landsat_check.py GREENGAUGE
"""
import csv
import os
import subprocess
import sys
import tempfile

import numpy as np
from osgeo import gdal, ogr, osr

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MTL = os.path.join(ROOT, "data", "landsat", "LC08_L1TP_195025_20130707_20170503_01_T1_MTL.txt")
TOLERANCE_K = 0.001
TOLERANCE_PERSONS = 0.002  # relative
ZONES = [("west", 483285, 483885), ("east", 483885, 484515)]  # x range; y 5627295-5628525
SAMPLES = 20


def srs_of(epsg):
    s = osr.SpatialReference()
    s.ImportFromEPSG(epsg)
    s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return s


def write_inputs(d):
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(os.path.join(d, "zones.gpkg"))
    layer = ds.CreateLayer("zones", srs_of(32632), ogr.wkbPolygon)
    layer.CreateField(ogr.FieldDefn("code", ogr.OFTString))
    for code, x0, x1 in ZONES:
        f = ogr.Feature(layer.GetLayerDefn())
        f.SetField("code", code)
        f.SetGeometry(ogr.CreateGeometryFromWkt(
            f"POLYGON(({x0} 5627295,{x1} 5627295,{x1} 5628525,{x0} 5628525,{x0} 5627295))"))
        layer.CreateFeature(f)
    ds = None
    # 8.75-8.80 E, 50.79-50.82 N (the image is 8.763-8.780 E, 50.797-50.808 N).
    pop = gdal.GetDriverByName("GTiff").Create(os.path.join(d, "pop.tif"), 50, 30, 1,
                                               gdal.GDT_Float32)
    pop.SetGeoTransform([8.75, 0.001, 0, 50.82, 0, -0.001])
    pop.SetProjection(srs_of(4326).ExportToWkt())
    people = np.fromfunction(lambda i, j: np.maximum(0, 60 - 1.5 * i - 0.8 * j), (30, 50))
    pop.GetRasterBand(1).WriteArray(people)
    pop = None
    with open(os.path.join(d, "p.yaml"), "w") as f:
        f.write("name: l8\nareas: planar\nzones:\n  source: zones.gpkg\n  id_field: code\n"
                "  population_raster: pop.tif\nimagery:\n  products: [" + MTL + "]\nheat: {}\n")


def people_on_lst_grid(pop_path, gt, shape):
    pop_ds = gdal.Open(pop_path)
    pop = pop_ds.ReadAsArray().astype(float)
    pgt = pop_ds.GetGeoTransform()
    to_utm = osr.CoordinateTransformation(srs_of(4326), srs_of(32632))
    to_geo = osr.CoordinateTransformation(srs_of(32632), srs_of(4326))
    area = np.zeros(pop.shape)
    for r in range(pop.shape[0]):
        for c in range(pop.shape[1]):
            u = [to_utm.TransformPoint(pgt[0] + (c + a) * pgt[1], pgt[3] + (r + b) * pgt[5])[:2]
                 for a, b in [(0, 0), (1, 0), (1, 1), (0, 1)]]
            area[r, c] = abs(sum(u[i][0] * u[(i + 1) % 4][1] - u[(i + 1) % 4][0] * u[i][1]
                                 for i in range(4))) / 2
    density = pop / area
    rows, cols = shape
    offsets = (np.arange(SAMPLES) + 0.5) / SAMPLES
    p = np.zeros(shape)
    for r in range(rows):
        pts = [(gt[0] + (c + a) * gt[1], gt[3] + (r + b) * gt[5])
               for c in range(cols) for a in offsets for b in offsets]
        g = np.array(to_geo.TransformPoints(pts))
        pc = np.floor((g[:, 0] - pgt[0]) / pgt[1]).astype(int)
        pr = np.floor((g[:, 1] - pgt[3]) / pgt[5]).astype(int)
        sub = density[pr, pc] * (gt[1] * -gt[5] / SAMPLES / SAMPLES)
        p[r, :] = sub.reshape(cols, SAMPLES * SAMPLES).sum(axis=1)
    return p


def check(gg, d):
    write_inputs(d)
    subprocess.run([gg, "assess", os.path.join(d, "p.yaml"), "-o", os.path.join(d, "out"), "-q"],
                   check=True)
    subprocess.run([gg, "index", "-p", MTL, "-i", "lst", "-o", os.path.join(d, "lst.tif"), "-q"],
                   check=True)
    lst_ds = gdal.Open(os.path.join(d, "lst.tif"))
    lst = lst_ds.ReadAsArray().astype(float)
    gt = lst_ds.GetGeoTransform()
    z = gdal.Open(os.path.join(d, "out", "l8_lst_gi_z.tif")).ReadAsArray().astype(float)
    p = people_on_lst_grid(os.path.join(d, "pop.tif"), gt, lst.shape)
    with open(os.path.join(d, "out", "l8.csv"), encoding="utf-8-sig") as f:
        rows = {r["code"]: r for r in csv.DictReader(f)}
    failed = False
    for code, x0, x1 in ZONES:
        c0, c1 = int(round((x0 - gt[0]) / gt[1])), int(round((x1 - gt[0]) / gt[1]))
        pp, ll, zz = p[:, c0:c1], lst[:, c0:c1], z[:, c0:c1]
        valid = ll > -9000
        weighted = (pp * ll * valid).sum() / (pp * valid).sum()
        hot = (pp * ((zz >= 1.96) & (zz > -9000))).sum()
        got_k = float(rows[code]["lst_pop_weighted_k"])
        got_hot = float(rows[code]["pop_in_hotspots"])
        mean_k = float(rows[code]["lst_mean_k"])
        print(f"{code}: lst_pop_weighted_k {got_k:.5f} K, quadrature {weighted:.5f} K "
              f"(lst_mean_k {mean_k:.5f}); pop_in_hotspots {got_hot:.2f}, quadrature {hot:.2f}")
        if abs(got_k - weighted) > TOLERANCE_K or abs(got_hot - hot) > TOLERANCE_PERSONS * hot:
            failed = True
        if abs(got_k - mean_k) < 0.1:  # the gradient must move the figure, or the check is weak
            failed = True
    return 1 if failed else 0


def main(gg):
    gdal.UseExceptions()
    with tempfile.TemporaryDirectory(prefix="gg-exposure-") as d:
        return check(gg, d)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
