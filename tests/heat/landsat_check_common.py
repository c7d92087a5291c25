"""What the checks of suhi_k on the Landsat 8 Level-1 subset of data/landsat share: the sample's
grid, writing a one-feature layer, the rasters greengauge's `index` makes of it (LST, and water and
built-up from MNDWI and NDBI) and the sampled pixel coverage of a shapely geometry."""
import os
import subprocess

import numpy as np
from osgeo import gdal, ogr, osr
from shapely import vectorized

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MTL = os.path.join(ROOT, "data", "landsat", "LC08_L1TP_195025_20130707_20170503_01_T1_MTL.txt")
X0, Y0 = 483285.0, 5628525.0  # the image's top-left corner, 41 x 41 pixels of 30 m (UTM 32N)
PIXEL_M = 30.0
SAMPLES = 20  # per pixel side: coverage in steps of 1/400


def srs_of(epsg):
    s = osr.SpatialReference()
    s.ImportFromEPSG(epsg)
    s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return s


def write_layer(path, srs, geom_wkb, field=None):
    """A GeoPackage of one polygon, with one string field (name, value) when given."""
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    layer = ds.CreateLayer("l", srs, ogr.wkbPolygon)
    if field:
        layer.CreateField(ogr.FieldDefn(field[0], ogr.OFTString))
    f = ogr.Feature(layer.GetLayerDefn())
    if field:
        f.SetField(field[0], field[1])
    f.SetGeometry(ogr.CreateGeometryFromWkb(geom_wkb))
    layer.CreateFeature(f)
    ds = None


def lst_land_rural(gg, d):
    """LST (K) from `greengauge index --index lst`, and the masks of its land pixels (valid LST,
    MNDWI and NDBI, MNDWI <= 0) and rural pixels (land with NDBI <= 0), as the heat family's
    default reference classes."""
    def read(index):
        path = os.path.join(d, index + ".tif")
        subprocess.run([gg, "index", "--product", MTL, "--index", index, "-o", path, "-q"],
                       check=True)
        ds = gdal.Open(path)  # kept open while its band is read
        band = ds.GetRasterBand(1)
        a = band.ReadAsArray().astype(float)
        nodata = band.GetNoDataValue()
        return a, np.isfinite(a) & ((a != nodata) if nodata is not None else True)

    lst, ok_lst = read("lst")
    mndwi, ok_w = read("mndwi")
    ndbi, ok_b = read("ndbi")
    land = ok_lst & ok_w & ok_b & (mndwi <= 0)
    return lst, land, land & (ndbi <= 0)


def coverage(geom, shape):
    """Each pixel's share of SAMPLES x SAMPLES points inside geom (UTM 32N coordinates)."""
    off = (np.arange(SAMPLES) + 0.5) / SAMPLES
    c = np.zeros(shape)
    for r in range(shape[0]):
        for k in range(shape[1]):
            xs, ys = np.meshgrid(X0 + (k + off) * PIXEL_M, Y0 - (r + off) * PIXEL_M)
            c[r, k] = vectorized.contains(geom, xs, ys).mean()
    return c


def weighted_mean(values, c, mask):
    w = c * mask
    return (w * np.where(mask, values, 0)).sum() / w.sum()


def ring_suhi_differs(row, lst, zone, land, rural, rings, tolerance_k):
    """Checks suhi_k, suhi_k_min and suhi_k_max of a run's CSV row against the sampled values:
    the zone's land pixels minus the rural pixels of each ring (inner_km, outer_km), the first
    ring suhi_k's, the others the sweep's. Prints each; True when one differs."""
    urban = weighted_mean(lst, coverage(zone, lst.shape), land)
    suhi = []
    for i, o in rings:
        ring = zone.buffer(o * 1000, 32).difference(zone.buffer(i * 1000, 32) if i else zone)
        suhi.append(urban - weighted_mean(lst, coverage(ring, lst.shape), rural))
    expected = {"suhi_k": suhi[0], "suhi_k_min": min(suhi), "suhi_k_max": max(suhi)}
    failed = False
    for key, want in expected.items():
        got = float(row[key])
        good = abs(got - want) <= tolerance_k
        failed |= not good
        print(f"{key}: greengauge {got:.4f} K, by sampling {want:.4f} K: "
              f"{'ok' if good else 'DIFFERS'}")
    return failed
