#!/usr/bin/python3
"""Derives data/olinda/wetlands.gpkg (layer `wetlands`) from data/olinda/L7_ETMs.tif.

Open water = MNDWI > 0 with MNDWI = (green - SWIR1) / (green + SWIR1) (Xu 2006) from raster
bands 2 (green) and 5 (SWIR1, ETM+ band 5), digital numbers as in the demo (no calibration:
indicative only). The water pixels are vectorised with gdal.Polygonize (4-connected); polygons of
at least 0.5 ha (7 pixels of 28.5 m) are kept, each with tipo=agua (water, the layer's own word,
mapped to open_water by data/demo/olinda_wetlands.yaml) and its area in m2 (EPSG:31985, planar).
No Debian package ships a wetland inventory of Olinda; this stand-in lets the demo show an
inventory, the imagery water mask and their union. It is not a survey: it cannot tell mangroves
or marshes (vegetated wetlands are not water to the index).

Reproducible: the same input gives the same features; timestamps in the GeoPackage are fixed
(OGR_CURRENT_DATE), so re-running it rewrites the same file.
  /usr/bin/python3 scripts/make-olinda-wetlands.py [input.tif] [output.gpkg]
"""
import os
import sys

import numpy as np
from osgeo import gdal, ogr

gdal.UseExceptions()
ogr.UseExceptions()

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "data/olinda/L7_ETMs.tif")
DST = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "data/olinda/wetlands.gpkg")
MNDWI_THRESHOLD = 0.0  # water where MNDWI > 0 (Xu 2006)
MIN_AREA_M2 = 5000.0   # 0.5 ha: smaller water bodies are left to the imagery


def main():
    src = gdal.Open(SRC)
    green = src.GetRasterBand(2).ReadAsArray().astype(np.float64)
    swir1 = src.GetRasterBand(5).ReadAsArray().astype(np.float64)
    total = green + swir1
    mndwi = np.where(total != 0, (green - swir1) / np.where(total != 0, total, 1), -1.0)
    water = (mndwi > MNDWI_THRESHOLD).astype(np.uint8)

    mem = gdal.GetDriverByName("MEM").Create("", src.RasterXSize, src.RasterYSize, 1, gdal.GDT_Byte)
    mem.SetGeoTransform(src.GetGeoTransform())
    mem.SetSpatialRef(src.GetSpatialRef())
    band = mem.GetRasterBand(1)
    band.WriteArray(water)

    vec = ogr.GetDriverByName("Memory").CreateDataSource("")
    raw = vec.CreateLayer("raw", src.GetSpatialRef(), ogr.wkbPolygon)
    raw.CreateField(ogr.FieldDefn("water", ogr.OFTInteger))
    gdal.Polygonize(band, band, raw, 0, [])  # the band as its own mask: water pixels only

    gdal.SetConfigOption("OGR_CURRENT_DATE", "2000-01-01T00:00:00Z")
    tmp = DST[:-5] + f".tmp-{os.getpid()}.gpkg" if DST.endswith(".gpkg") else DST + ".tmp"
    if os.path.exists(tmp):
        os.remove(tmp)
    out = ogr.GetDriverByName("GPKG").CreateDataSource(tmp)
    layer = out.CreateLayer("wetlands", src.GetSpatialRef(), ogr.wkbPolygon,
                            ["FID=fid", "GEOMETRY_NAME=geom", "SPATIAL_INDEX=NO"])
    layer.CreateField(ogr.FieldDefn("tipo", ogr.OFTString))
    layer.CreateField(ogr.FieldDefn("area_m2", ogr.OFTReal))
    layer.StartTransaction()
    kept = 0
    kept_area = 0.0
    for f in raw:
        g = f.GetGeometryRef()
        area = g.GetArea()  # EPSG:31985, metres
        if area < MIN_AREA_M2:
            continue
        o = ogr.Feature(layer.GetLayerDefn())
        o.SetField("tipo", "agua")
        o.SetField("area_m2", round(area, 2))
        o.SetGeometry(g)
        layer.CreateFeature(o)
        kept += 1
        kept_area += area
    layer.CommitTransaction()
    out = None
    os.replace(tmp, DST)
    print(f"{DST}: {kept} polygons of >= {MIN_AREA_M2:g} m2, {kept_area / 1e6:.3f} km2 "
          f"(MNDWI > {MNDWI_THRESHOLD} from {os.path.basename(SRC)})")


if __name__ == "__main__":
    main()
