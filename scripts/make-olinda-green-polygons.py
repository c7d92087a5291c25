#!/usr/bin/python3
"""Derives data/olinda/green_spaces.gpkg (layer `green_spaces`) from data/olinda/L7_ETMs.tif.

Green = NDVI >= 0.3 with NDVI = (NIR - red) / (NIR + red) from raster bands 4 (NIR) and 3 (red),
digital numbers as in the demo (no calibration: indicative only). The green pixels are vectorised
with gdal.Polygonize (4-connected: pixels touching only at a corner are separate spaces); polygons
of at least 0.5 ha (7 pixels of 28.5 m) are kept, each with category=vegetation and public=unknown
(an image cannot tell parks from private gardens), and its area in m2 (EPSG:31985, projected).

Reproducible: the same input gives the same features; timestamps in the GeoPackage are fixed
(OGR_CURRENT_DATE), so re-running it rewrites the same file.
  /usr/bin/python3 scripts/make-olinda-green-polygons.py [input.tif] [output.gpkg]
"""
import os
import sys

import numpy as np
from osgeo import gdal, ogr

gdal.UseExceptions()
ogr.UseExceptions()

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "data/olinda/L7_ETMs.tif")
DST = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "data/olinda/green_spaces.gpkg")
NDVI_THRESHOLD = 0.3
MIN_AREA_M2 = 5000.0  # 0.5 ha, the WHO / 3-30-300 minimum size of a green space


def main():
    src = gdal.Open(SRC)
    red = src.GetRasterBand(3).ReadAsArray().astype(np.float64)
    nir = src.GetRasterBand(4).ReadAsArray().astype(np.float64)
    total = nir + red
    ndvi = np.where(total > 0, (nir - red) / np.where(total > 0, total, 1), 0.0)
    green = (ndvi >= NDVI_THRESHOLD).astype(np.uint8)

    mem = gdal.GetDriverByName("MEM").Create("", src.RasterXSize, src.RasterYSize, 1, gdal.GDT_Byte)
    mem.SetGeoTransform(src.GetGeoTransform())
    mem.SetSpatialRef(src.GetSpatialRef())
    band = mem.GetRasterBand(1)
    band.WriteArray(green)

    vec = ogr.GetDriverByName("Memory").CreateDataSource("")
    raw = vec.CreateLayer("raw", src.GetSpatialRef(), ogr.wkbPolygon)
    raw.CreateField(ogr.FieldDefn("green", ogr.OFTInteger))
    gdal.Polygonize(band, band, raw, 0, [])  # the band as its own mask: green pixels only

    gdal.SetConfigOption("OGR_CURRENT_DATE", "2000-01-01T00:00:00Z")
    tmp = DST[:-5] + f".tmp-{os.getpid()}.gpkg" if DST.endswith(".gpkg") else DST + ".tmp"
    if os.path.exists(tmp):
        os.remove(tmp)
    out = ogr.GetDriverByName("GPKG").CreateDataSource(tmp)
    layer = out.CreateLayer("green_spaces", src.GetSpatialRef(), ogr.wkbPolygon,
                            ["FID=fid", "GEOMETRY_NAME=geom", "SPATIAL_INDEX=NO"])
    layer.CreateField(ogr.FieldDefn("category", ogr.OFTString))
    layer.CreateField(ogr.FieldDefn("public", ogr.OFTString))
    area_field = ogr.FieldDefn("area_m2", ogr.OFTReal)
    layer.CreateField(area_field)
    layer.StartTransaction()
    kept = 0
    kept_area = 0.0
    for f in raw:
        g = f.GetGeometryRef()
        area = g.GetArea()  # EPSG:31985, metres
        if area < MIN_AREA_M2:
            continue
        o = ogr.Feature(layer.GetLayerDefn())
        o.SetField("category", "vegetation")
        o.SetField("public", "unknown")
        o.SetField("area_m2", round(area, 2))
        o.SetGeometry(g)
        layer.CreateFeature(o)
        kept += 1
        kept_area += area
    layer.CommitTransaction()
    out = None
    os.replace(tmp, DST)
    print(f"{DST}: {kept} polygons of >= {MIN_AREA_M2:g} m2, {kept_area / 1e6:.3f} km2 "
          f"(NDVI >= {NDVI_THRESHOLD} from {os.path.basename(SRC)})")


if __name__ == "__main__":
    main()
