#!/usr/bin/python3
"""Writes data/landsat/marburg_grid.gpkg (layer `grid`): four zones over the 41 x 41-pixel
Landsat cut-outs of data/landsat (UTM 32N, EPSG:32632, upper-left corner 483285, 5628525, 30 m
pixels), split on pixel edges at column 20 and row 20 (x 483885, y 5627925), so every pixel lies
in one zone. Fields: cell (NW, NE, SW, SE) and half (north, south: the batch demo splits by it).
These are not administrative zones: the sample has none; they let the batch demo and tests run
the two real dates (2001 and 2013) over more than one zone.

Reproducible: timestamps in the GeoPackage are fixed (OGR_CURRENT_DATE).
  /usr/bin/python3 scripts/make-landsat-grid.py [output.gpkg]
"""
import os
import sys

from osgeo import gdal, ogr, osr

gdal.UseExceptions()
ogr.UseExceptions()
gdal.SetConfigOption("OGR_CURRENT_DATE", "2000-01-01T00:00:00.000Z")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DST = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "data/landsat/marburg_grid.gpkg")
X0, Y0, CELL, N, SPLIT = 483285.0, 5628525.0, 30.0, 41, 20

xs = [X0, X0 + SPLIT * CELL, X0 + N * CELL]
ys = [Y0, Y0 - SPLIT * CELL, Y0 - N * CELL]
if os.path.exists(DST):
    os.remove(DST)
srs = osr.SpatialReference()
srs.ImportFromEPSG(32632)
ds = ogr.GetDriverByName("GPKG").CreateDataSource(DST)
layer = ds.CreateLayer("grid", srs, ogr.wkbPolygon)
layer.CreateField(ogr.FieldDefn("cell", ogr.OFTString))
layer.CreateField(ogr.FieldDefn("half", ogr.OFTString))
for row, half in enumerate(["north", "south"]):
    for col, side in enumerate(["W", "E"]):
        x_min, x_max = xs[col], xs[col + 1]
        y_max, y_min = ys[row], ys[row + 1]
        ring = f"{x_min} {y_min},{x_max} {y_min},{x_max} {y_max},{x_min} {y_max},{x_min} {y_min}"
        feature = ogr.Feature(layer.GetLayerDefn())
        feature["cell"] = ("N" if row == 0 else "S") + side
        feature["half"] = half
        feature.SetGeometry(ogr.CreateGeometryFromWkt(f"POLYGON (({ring}))"))
        layer.CreateFeature(feature)
ds = None
