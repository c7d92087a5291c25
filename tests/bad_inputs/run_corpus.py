#!/usr/bin/python3
"""The bad-input corpus: every case is generated here (no binaries are committed), run through the
greengauge executable, and held to the promise of the README: one line on standard error naming
the input and the problem (no GDAL "ERROR 1:" noise, no C++ exception, no "terminate called"), a
non-zero exit, no output file created and a previous output untouched (checksum before and
after).

Inputs a user has every right to give (a 1 x 1 raster, NaN nodata, a polygon of a million
vertices, paths with spaces and Thai letters, a records CSV with a BOM, ...) are the positive
cases (GOOD below): they must work, give the figure expected (derived by hand, numpy or OGR, as
each case says) and print nothing but "greengauge: warning:" lines and the command's summary.

Cases that need a full disk or a read-only folder mount a small tmpfs (root) or, for a
read-only folder, drop the folder's write permission (not root); when neither is possible they
are skipped with a message.

usage:
  run_corpus.py GREENGAUGE             run every bad-input case; exit 1 when one fails
  run_corpus.py --good GREENGAUGE      run every positive case; exit 1 when one fails
  run_corpus.py --table                the tables of docs/reliability.md
  run_corpus.py --check-doc FILE       exit 1 unless FILE holds the tables as --table prints them

The table is derived from the cases (CASES below), so the docs cannot drift from the tests.
"""
import hashlib
import math
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DATA = os.path.join(ROOT, "data")
OLINDA_SHP = os.path.join(DATA, "olinda", "olinda1.shp")
OLINDA_TIF = os.path.join(DATA, "olinda", "L7_ETMs.tif")
L8_MTL = os.path.join(DATA, "landsat", "LC08_L1TP_195025_20130707_20170503_01_T1_MTL.txt")
L7_MTL = os.path.join(DATA, "landsat", "LE07_L1TP_195025_20010730_20170204_01_T1_MTL.txt")
MY_FRAMEWORK = os.path.join(DATA, "frameworks", "examples", "my_municipality.yaml")
RECORDS = os.path.join(DATA, "frameworks", "examples", "records_example.csv")
DEMO = os.path.join(DATA, "demo", "olinda.yaml")


def write(path, text, mode="w"):
    with open(path, mode) as f:
        f.write(text)
    return path


def demo_project(d, change=None, extra=""):
    """The demo project with absolute paths, a line replaced (change = (old, new)) or appended."""
    return write(os.path.join(d, "p.yaml"), project_text(change, extra))


def tiff_bytes(d, name, size):
    """The first `size` bytes of the Olinda image: a truncated GeoTIFF."""
    data = open(OLINDA_TIF, "rb").read()[:size]
    return write(os.path.join(d, name), data, "wb")


def gdal_vector(d, name, wkts, driver="GPKG", crs=32725):
    from osgeo import ogr, osr
    path = os.path.join(d, name)
    ds = ogr.GetDriverByName(driver).CreateDataSource(path)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(crs)
    layer = ds.CreateLayer("z", srs, ogr.wkbUnknown)
    layer.CreateField(ogr.FieldDefn("code", ogr.OFTString))
    for k, wkt in enumerate(wkts):
        f = ogr.Feature(layer.GetLayerDefn())
        f.SetField("code", "Z%d" % k)
        if wkt:
            f.SetGeometry(ogr.CreateGeometryFromWkt(wkt))
        layer.CreateFeature(f)
    ds = None
    return path


def heat_project(d, suhi=None, more=""):
    """A heat run on the Landsat 8 subset (UTM 32N), a 300 m zone at its centre, heat.suhi (when
    given) and more lines of the heat section."""
    zone = gdal_vector(d, "zone.gpkg", ["POLYGON ((483750 5627910,484050 5627910,484050 5628210,"
                                        "483750 5628210,483750 5627910))"], crs=32632)
    far = gdal_vector(d, "far.gpkg", ["POLYGON ((600000 5000000,600100 5000000,600100 5000100,"
                                      "600000 5000100,600000 5000000))"], crs=32632)
    text = ("name: h\nzones: {source: %s, id_field: code}\nimagery: {products: [%s]}\n"
            "heat:\n  hotspots: false\n%s%s" % (zone, L8_MTL, "  suhi: %s\n" % suhi.replace(
                "FAR", far) if suhi else "", more))
    return ["assess", write(os.path.join(d, "p.yaml"), text), "-q"]


def zonal(raster, zones, *extra):
    return ["zonal", "--raster", raster, "--band", "1", "--zones", zones, "--stats", "mean"] + list(extra)


def project_text(change=None, extra="", data=DATA):
    """The demo project's text with absolute paths, a line replaced (change = (old, new))."""
    text = open(DEMO, encoding="utf-8").read().replace("../olinda/", os.path.join(data, "olinda") + "/")
    if change:
        assert change[0] in text, change[0]
        text = text.replace(change[0], change[1], 1)
    return text + extra


def section_replaced(key, new):
    """The demo project's text with the top-level section `key` (up to the next one) replaced."""
    lines = project_text().splitlines(keepends=True)
    start = lines.index(key + ":\n")
    end = start + 1
    while end < len(lines) and (lines[end].startswith(" ") or lines[end].strip() == ""):
        end += 1
    return "".join(lines[:start]) + new + "".join(lines[end:])


def framework_project(d, framework, records=None, year=2024):
    """The demo project scored with one framework file (and a records CSV), for a year."""
    text = project_text(("year: 2010", "year: %d" % year))
    text = text.replace("frameworks: [onep_green_per_capita, green_benchmarks]",
                        "frameworks: [%s]" % framework)
    if records:
        text += "records: %s\n" % records
    return write(os.path.join(d, "p.yaml"), text)


def records_project(d, csv, mode="w"):
    """The demo project with the example framework and a records CSV of the given content."""
    write(os.path.join(d, "rec.csv"), csv, mode)
    return framework_project(d, MY_FRAMEWORK, "rec.csv")


def example_records(change=None):
    text = open(RECORDS, encoding="utf-8").read()
    if change:
        assert change[0] in text, change[0]
        text = text.replace(change[0], change[1], 1)
    return text


FRAMEWORK_HEAD = """framework:
  id: corpus_test
  version: "1"
  name: {en: Corpus test}
  source: {citation: none}
"""


def framework_file(d, body, name="fw.yaml"):
    return write(os.path.join(d, name), FRAMEWORK_HEAD + body)


def one_indicator(expression, more=""):
    return """components:
  - id: c
    weight: 1
    indicators:
      - id: g
        name: {en: G}
        unit: "1"
        expression: %s
        direction: higher
%s""" % (expression, more)


def points_layer(d):
    return gdal_vector(d, "points.gpkg", ["POINT (290000 9110000)", "POINT (291000 9111000)"])


def shp_without_dbf(d):
    for ext in (".shp", ".shx", ".prj"):
        shutil.copy(OLINDA_SHP[:-4] + ext, os.path.join(d, "olinda1" + ext))
    return os.path.join(d, "olinda1.shp")


def zero_size_vrt(d):
    # GDAL refuses to create a 0 x 0 GeoTIFF ("Attempt to create 0x0 dataset is illegal"), so the
    # 0 x 0 raster is a VRT that declares it.
    return write(os.path.join(d, "zero.vrt"), """<VRTDataset rasterXSize="0" rasterYSize="0">
  <SRS>EPSG:31985</SRS><GeoTransform>288776, 30, 0, 9120760, 0, -30</GeoTransform>
  <VRTRasterBand dataType="Float32" band="1"/>
</VRTDataset>
""")


def zero_width_tiff(d):
    """A little-endian baseline TIFF whose ImageWidth and ImageLength tags say 0."""
    import struct
    tags = [(256, 3, 1, 0), (257, 3, 1, 0), (258, 3, 1, 8), (259, 3, 1, 1), (262, 3, 1, 1),
            (273, 4, 1, 8), (277, 3, 1, 1), (278, 3, 1, 1), (279, 4, 1, 0)]
    ifd = struct.pack("<H", len(tags))
    for tag, typ, count, value in tags:
        ifd += struct.pack("<HHII", tag, typ, count, value) if typ == 4 else \
            struct.pack("<HHIHH", tag, typ, count, value, 0)
    ifd += struct.pack("<I", 0)
    return write(os.path.join(d, "zero.tif"), b"II*\x00" + struct.pack("<I", 8) + ifd, "wb")


# Each case: (id, what it is, set-up(d) -> argv without the output option, output name,
#             words the one line must hold[, options]). Options: "after" (arguments after
#             -o), "dirs" (folders made in the output folder first, e.g. an output path that is a
#             folder), "disk" ("full": the output folder is a full 1 MB tmpfs; "read-only").
CASES = [
    # Rasters
    ("raster-zero-byte", "zonal: a zero-byte .tif",
     lambda d: zonal(write(os.path.join(d, "empty.tif"), ""), OLINDA_SHP), "z.csv", ["empty.tif"]),
    ("raster-truncated", "zonal: a GeoTIFF cut after 4 kB",
     lambda d: zonal(tiff_bytes(d, "cut.tif", 4096), OLINDA_SHP), "z.csv", ["cut.tif"]),
    ("raster-text", "zonal: a text file named .tif",
     lambda d: zonal(write(os.path.join(d, "notes.tif"), "not a raster\n"), OLINDA_SHP), "z.csv",
     ["notes.tif"]),
    ("raster-missing", "zonal: a raster that does not exist",
     lambda d: zonal(os.path.join(d, "nowhere.tif"), OLINDA_SHP), "z.csv", ["nowhere.tif"]),
    ("raster-huge-vrt", "index: a VRT declaring 1,000,000 x 1,000,000 pixels",
     lambda d: ["index", "-p", huge_vrt(d), "--band", "red=1", "--band", "nir=2", "-i", "ndvi"],
     "n.tif", ["1000000 x 1000000 pixels"]),
    ("raster-huge-tiff-header", "index: a 2 kB GeoTIFF whose header declares 1,000,000 x 1,000,000 pixels",
     lambda d: ["index", "-p", lying_tiff(d), "--band", "red=3", "--band", "nir=4", "-i", "ndvi"],
     "n.tif", ["1000000 x 1000000 pixels"]),
    ("raster-tiff-header-lies", "zonal: the same GeoTIFF, whose strips hold 16 x 16 pixels only",
     lambda d: zonal(lying_tiff(d), OLINDA_SHP), "z.csv", ["lie.tif", "cannot read band 1"]),
    ("raster-band-missing", "zonal: band 9 of a 6-band image",
     lambda d: ["zonal", "--raster", OLINDA_TIF, "--band", "9", "--zones", OLINDA_SHP, "--stats",
                "mean"], "z.csv", ["band 9"]),
    # Vectors
    ("zones-lines", "zonal: zones that are lines in a Geometry layer",
     lambda d: zonal(OLINDA_TIF, gdal_vector(d, "lines.gpkg", ["LINESTRING (290000 9110000,291000 9111000)"])),
     "z.csv", ["lines.gpkg", "no polygon"]),
    ("zones-empty-geometries", "zonal: features without geometry only",
     lambda d: zonal(OLINDA_TIF, gdal_vector(d, "nogeom.gpkg", [None, None])), "z.csv",
     ["nogeom.gpkg"]),
    ("zones-far-vertex", "zonal: a zone with a vertex at x = 1e308",
     lambda d: zonal(OLINDA_TIF, gdal_vector(d, "far.gpkg", [
         "POLYGON ((290000 9110000,1e308 9110000,291000 9111000,290000 9110000))"], crs=31985)),
     "z.csv", ["far.gpkg", "1e+308"]),
    ("zones-no-shx", "zonal: a shapefile without its .shx and .dbf",
     lambda d: zonal(OLINDA_TIF, shp_without_shx(d)), "z.csv", ["olinda1.shp"]),
    ("zones-invalid-geojson", "zonal: a GeoJSON that is not JSON",
     lambda d: zonal(OLINDA_TIF, write(os.path.join(d, "bad.geojson"), '{"type": "FeatureCollection", "features": [')),
     "z.csv", ["bad.geojson"]),
    ("zones-outside", "zonal: zones 100 km away from the raster",
     lambda d: zonal(OLINDA_TIF, gdal_vector(d, "away.gpkg", [
         "POLYGON ((390000 9110000,391000 9110000,391000 9111000,390000 9110000))"], crs=31985)),
     "z.csv", ["no zone overlaps"]),
    # Project files
    ("project-nan", "assess: green.ndvi_threshold: .nan",
     lambda d: ["assess", demo_project(d, ("ndvi_threshold: 0.3", "ndvi_threshold: .nan"))], None,
     ["p.yaml:", "finite number"]),
    ("project-inf", "assess: access.distance_m: .inf",
     lambda d: ["assess", demo_project(d, ("distance_m: 300", "distance_m: .inf"))], None,
     ["p.yaml:", "access.distance_m", "finite number"]),
    ("project-sequence-key", "assess: a list as a key",
     lambda d: ["assess", demo_project(d, ("  layer: olinda1", "  [a, b]: olinda1"))], None,
     ["p.yaml:", "plain word"]),
    ("project-mapping-path", "assess: a mapping where the zones' path belongs",
     lambda d: ["assess", demo_project(d, ("  source: " + DATA + "/olinda/olinda1.shp", "  source: {a: 1}"))],
     None, ["p.yaml:", "zones.source"]),
    ("project-duplicate-key", "assess: nir_band given twice",
     lambda d: ["assess", demo_project(d, ("  nir_band: 4", "  nir_band: 4\n  nir_band: 3"))], None,
     ["p.yaml:", "duplicate key \"nir_band\""]),
    ("project-tabs", "assess: a tab for indentation",
     lambda d: ["assess", demo_project(d, ("  nir_band: 4", "\tnir_band: 4"))], None,
     ["p.yaml:"]),
    ("project-alias-bomb", "assess: a YAML alias bomb",
     lambda d: ["assess", alias_bomb(d)], None, ["bomb.yaml", "more than 1,000,000 values"]),
    ("project-unknown-key", "assess: a misspelt key",
     lambda d: ["assess", demo_project(d, ("  nir_band: 4", "  nir_bnad: 4"))], None,
     ["p.yaml:", "unknown key \"nir_bnad\""]),
    ("project-unknown-framework", "assess: a framework id that does not exist",
     lambda d: ["assess", demo_project(d, ("[onep_green_per_capita, green_benchmarks]", "[no_such_framework]"))],
     None, ["p.yaml: unknown framework \"no_such_framework\""]),
    ("project-missing", "assess: a project file that does not exist",
     lambda d: ["assess", os.path.join(d, "missing.yaml")], None, ["missing.yaml", "no such project file"]),
    # Products
    ("product-garbled-mtl", "index: an MTL of random text",
     lambda d: ["index", "-p", write(os.path.join(d, "LC08_L1TP_195025_20130707_20170503_01_T1_MTL.txt"),
                                     "GROUP = L1_METADATA_FILE\n  nonsense\n"), "-i", "ndvi"],
     "n.tif", ["MTL.txt"]),
    ("product-safe-without-mtd", "index: a .SAFE folder without MTD_MSIL2A.xml",
     lambda d: ["index", "-p", make_dir(d, "S2A_MSIL2A_20230101T033141_N0509_R018_T47PPS_20230101T062233.SAFE"),
                "-i", "ndvi"], "n.tif", [".SAFE"]),
    ("product-twice", "composite: one product under two spellings",
     lambda d: ["composite", "--product", L8_MTL, "--product",
                os.path.join(os.path.dirname(L8_MTL), ".", os.path.basename(L8_MTL)), "-i", "ndvi"],
     "c.tif", ["the same product"]),
    # Options
    ("option-expression-newline", "index: an expression with a line break",
     lambda d: ["index", "-p", L8_MTL, "-e", "(nir - red) /\n (nir + red"], "n.tif", ["\\n", "does not parse"]),
    ("option-unknown-index", "index: --index ndxx",
     lambda d: ["index", "-p", L8_MTL, "-i", "ndxx"], "n.tif", ["ndxx"]),
    ("option-bad-mask", "index: --mask cloud,fog",
     lambda d: ["index", "-p", L8_MTL, "-i", "ndvi", "--mask", "cloud,fog"], "n.tif", ["fog"]),
    ("option-bad-output-extension", "zonal: -o x.png",
     lambda d: zonal(OLINDA_TIF, OLINDA_SHP), "x.png", ["x.png"]),
    # Outputs
    ("output-is-directory", "zonal: the output path is a directory",
     lambda d: zonal(OLINDA_TIF, OLINDA_SHP), "adir.csv", ["adir.csv"]),
    ("output-folder-missing", "zonal: the output's folder does not exist",
     lambda d: zonal(OLINDA_TIF, OLINDA_SHP), "missing/z.csv", ["missing"]),
    # Database
    ("db-url-password", "assess: --db postgresql://user:PASSWORD@host/db",
     lambda d: ["assess", DEMO, "--db", "postgresql://gg:S3CRET@127.0.0.1:1/city"], None,
     ["postgresql://gg@127.0.0.1:1/city"]),
    ("db-refused-keywords", "assess: --db PG:host=... port=1 password=... (nothing listens)",
     lambda d: ["assess", DEMO, "--db",
                "PG:host=127.0.0.1 port=1 dbname=city user=gg password=S3CRET"], None,
     ["PG:host=127.0.0.1 port=1 dbname=city user=gg'", "Connection refused"]),
    ("db-unknown-host", "assess: --db PG:postgresql://user:PASSWORD@a host that does not resolve",
     lambda d: ["assess", DEMO, "--db", "PG:postgresql://gg:S3CRET@no-such-host.invalid/city"],
     None, ["PG:postgresql://gg@no-such-host.invalid/city", "no-such-host.invalid"]),
    # --- added with issue 15's second round ---
    # Rasters
    ("raster-zero-size-vrt", "zonal: a VRT declaring 0 x 0 pixels",
     lambda d: zonal(zero_size_vrt(d), OLINDA_SHP), "z.csv", ["zero.vrt", "0 x 0"]),
    ("raster-zero-size-tiff", "zonal: a TIFF whose width and height tags say 0",
     lambda d: zonal(zero_width_tiff(d), OLINDA_SHP), "z.csv", ["zero.tif"]),
    # Vectors
    ("zones-points", "zonal: zones that are points",
     lambda d: zonal(OLINDA_TIF, points_layer(d)), "z.csv", ["points.gpkg", "polygon"]),
    ("zones-no-dbf", "zonal --id: a shapefile without its .dbf",
     lambda d: zonal(OLINDA_TIF, shp_without_dbf(d), "--id", "CD_GEOCODI"), "z.csv",
     ["olinda1.shp", "CD_GEOCODI", ".dbf"]),
    ("zones-layer-missing", "zonal: --layer that the source does not have",
     lambda d: zonal(OLINDA_TIF, OLINDA_SHP, "--layer", "nolayer"), "z.csv",
     ["olinda1.shp", "nolayer"]),
    ("zones-include-col-missing", "zonal: --include-col of a field that does not exist",
     lambda d: zonal(OLINDA_TIF, OLINDA_SHP, "--include-col", "NOPE"), "z.csv",
     ["olinda1.shp", "NOPE"]),
    # Project files
    ("project-alias-cycle", "assess: an alias inside its own anchor (name: &n [*n])",
     lambda d: ["assess", demo_project(d, ("name: olinda", "name: &n [*n]"))], None,
     ["p.yaml:4", "anchor"]),
    ("project-band-text", "assess: imagery.red_band: three",
     lambda d: ["assess", demo_project(d, ("  red_band: 3", "  red_band: three"))], None,
     ["p.yaml:", "imagery.red_band", "band number"]),
    ("project-threshold-list", "assess: a list where the NDVI threshold goes",
     lambda d: ["assess", demo_project(d, ("ndvi_threshold: 0.3", "ndvi_threshold: [0.3]"))], None,
     ["p.yaml:", "green.ndvi_threshold", "must be a number"]),
    ("project-boolean-text", "assess: access.public_only: maybe",
     lambda d: ["assess", demo_project(d, ("  public_only: false", "  public_only: maybe"))], None,
     ["p.yaml:", "access.public_only", "true or false"]),
    ("project-year-text", "assess: year: twenty",
     lambda d: ["assess", demo_project(d, ("year: 2010", "year: twenty"))], None,
     ["p.yaml:", "\"year\""]),
    ("project-list-for-mapping", "assess: a list where the imagery mapping goes",
     lambda d: ["assess", write(os.path.join(d, "p.yaml"), section_replaced("imagery", "imagery: [a, b]\n"))],
     None, ["p.yaml:13", "\"imagery\" must be a mapping"]),
    ("project-mapping-for-list", "assess: a mapping where the frameworks list goes",
     lambda d: ["assess", demo_project(d, ("frameworks: [onep_green_per_capita, green_benchmarks]",
                                           "frameworks: {a: 1}"))], None,
     ["p.yaml:", "\"frameworks\" must be a list"]),
    ("project-threshold-negative", "assess: green.ndvi_threshold: -2",
     lambda d: ["assess", demo_project(d, ("ndvi_threshold: 0.3", "ndvi_threshold: -2"))], None,
     ["p.yaml:", "green.ndvi_threshold", "between -1 and 1"]),
    ("project-distance-negative", "assess: access.distance_m: -300",
     lambda d: ["assess", demo_project(d, ("distance_m: 300", "distance_m: -300"))], None,
     ["p.yaml:", "access.distance_m", "> 0"]),
    ("project-coverage-out-of-range", "assess: imagery.min_coverage: 2",
     lambda d: ["assess", demo_project(d, ("  nir_band: 4", "  nir_band: 4\n  min_coverage: 2"))],
     None, ["p.yaml:", "imagery.min_coverage", "between 0 and 1"]),
    ("project-top-level-list", "assess: a project file that is a YAML list",
     lambda d: ["assess", write(os.path.join(d, "list.yaml"), "- name: olinda\n- zones: x\n")], None,
     ["list.yaml", "mapping"]),
    # Framework files
    ("framework-unknown-metric", "assess: a framework expression naming an unknown metric",
     lambda d: ["assess", framework_project(d, framework_file(d, one_indicator("green_m2_per_capitaa")))],
     None, ["fw.yaml:", "green_m2_per_capitaa", "not a metric"]),
    ("framework-expression-syntax", "frameworks show: an expression calling an unknown function",
     lambda d: ["frameworks", "show", framework_file(d, one_indicator("sqrtx(green_share)"))], None,
     ["fw.yaml:", "indicator g", "does not parse"]),
    ("framework-indicator-cycle", "frameworks show: two indicators defined by each other",
     lambda d: ["frameworks", "show", framework_file(d, one_indicator("h + 1", """      - id: h
        name: {en: H}
        unit: "1"
        expression: g * 2
        direction: higher
"""))], None, ["fw.yaml:", "cycle between indicators: g -> h -> g"]),
    ("framework-components-mapping", "assess: a framework whose components are a mapping",
     lambda d: ["assess", framework_project(d, framework_file(d, "components: {id: c}\n"))], None,
     ["fw.yaml:6", "components must be a list"]),
    ("framework-indicators-words", "frameworks show: indicators given as a list of words",
     lambda d: ["frameworks", "show", framework_file(d, """components:
  - id: c
    weight: 1
    indicators: [g, h]
""")], None, ["fw.yaml:", "indicator must be a mapping"]),
    ("framework-weight-text", "frameworks show: a component weight: heavy",
     lambda d: ["frameworks", "show", framework_file(d, one_indicator("green_share").replace(
         "weight: 1", "weight: heavy"))], None, ["fw.yaml:", "weight must be a number"]),
    ("framework-top-level-list", "frameworks show: a framework file that is a YAML list",
     lambda d: ["frameworks", "show", write(os.path.join(d, "fw.yaml"), "- a\n- b\n")], None,
     ["fw.yaml"]),
    # Records
    ("records-thai-headers", "assess: a records CSV with Thai column names",
     lambda d: ["assess", records_project(d, example_records(
         ("zone_id,year,waste_collected_t,waste_recycled_t,note", "รหัสพื้นที่,ปี,ขยะ,รีไซเคิล,หมายเหตุ")))],
     None, ["rec.csv:1", "no zone_id column"]),
    ("records-no-year", "assess: a records CSV without a year column",
     lambda d: ["assess", records_project(d, example_records(("zone_id,year,", "zone_id,yr,")))],
     None, ["rec.csv:1", "no year column"]),
    ("records-extra-cell", "assess: a records row with one cell too many",
     lambda d: ["assess", records_project(d, example_records(("ILLUSTRATIVE made-up values\n",
                                                               "ILLUSTRATIVE made-up values,x\n")))],
     None, ["rec.csv:2", "6 cells, the header has 5"]),
    ("records-text-value", "assess: a records value 'abc' where a number goes",
     lambda d: ["assess", records_project(d, example_records(("2024,447.0,", "2024,abc,")))], None,
     ["rec.csv", "waste_collected_t", "not a number (\"abc\")"]),
    ("records-baseline-text", "assess: a records baseline (the indicator's column, the baseline year's row) 'abc'",
     lambda d: ["assess", records_project(
         d, "zone_id,year,waste_kg_per_capita_day\n260960005000001,2020,abc\n")], None,
     ["rec.csv", "year 2020", "waste_kg_per_capita_day", "not a number (\"abc\")"]),
    ("records-unknown-zone", "assess: a records row for a zone the project does not have",
     lambda d: ["assess", records_project(d, example_records(("260960005000001,2020", "999,2020")))],
     None, ["rec.csv:", "\"999\""]),
    ("records-missing", "assess: a records file that does not exist",
     lambda d: ["assess", framework_project(d, MY_FRAMEWORK, "none.csv")], None,
     ["none.csv", "cannot open"]),
    # Options
    ("option-threads-negative", "index: --threads -3",
     lambda d: ["index", "-p", L8_MTL, "-i", "ndvi", "--threads", "-3"], "n.tif",
     ["--threads", "0 (all cores) or more"]),
    ("option-threads-text", "zonal: --threads many",
     lambda d: zonal(OLINDA_TIF, OLINDA_SHP, "--threads", "many"), "z.csv", ["--threads", "many"]),
    ("option-unknown", "composite: an option that does not exist",
     lambda d: ["composite", "-p", L8_MTL, "-p", L7_MTL, "-i", "ndvi", "--bogus"], "c.tif",
     ["--bogus", "greengauge composite --help"]),
    ("option-missing-required", "zonal without --zones",
     lambda d: ["zonal", "--raster", OLINDA_TIF], "z.csv", ["--zones is required"]),
    ("option-quantile-negative", "zonal: --stats quantile_-5",
     lambda d: ["zonal", "-r", OLINDA_TIF, "-z", OLINDA_SHP, "-s", "quantile_-5"], "z.csv",
     ["quantile_-5", "between 0 and 100"]),
    ("option-band-zero", "zonal: --band 0",
     lambda d: ["zonal", "-r", OLINDA_TIF, "-b", "0", "-z", OLINDA_SHP, "-s", "mean"], "z.csv",
     ["band 0"]),
    ("option-scale-zero", "index: a generic raster with --scale 0",
     lambda d: ["index", "-p", OLINDA_TIF, "--band", "red=3", "--band", "nir=4", "-i", "ndvi",
                "--scale", "0"], "n.tif", ["--scale 0"]),
    ("option-expression-unknown-band", "index: --expression over a band the product lacks",
     lambda d: ["index", "-p", L8_MTL, "-e", "(nir - purple) / (nir + red)"], "n.tif",
     ["unknown band 'purple'"]),
    ("option-expression-division", "index: --expression (nir - nir) / (nir - nir)",
     lambda d: ["index", "-p", L8_MTL, "-e", "(nir - nir) / (nir - nir)"], "n.tif",
     ["MTL.txt", "every pixel is masked", "undefined"]),
    ("option-expression-constant", "index: --expression 5",
     lambda d: ["index", "-p", L8_MTL, "-e", "5"], "n.tif", ["uses no band"]),
    ("option-compress-level", "index: --compress deflate:99",
     lambda d: ["index", "-p", L8_MTL, "-i", "ndvi", "--compress", "deflate:99"], "n.tif",
     ["deflate:99", "1 to 12"]),
    ("option-span-negative", "composite: --max-span-days -5",
     lambda d: ["composite", "-p", L8_MTL, "-p", L7_MTL, "-i", "ndvi", "--max-span-days", "-5"],
     "c.tif", ["--max-span-days -5"]),
    # Products
    ("composite-product-missing", "composite: the second of two products does not exist",
     lambda d: ["composite", "-p", L8_MTL, "-p",
                os.path.join(d, "LC08_L1TP_195025_20140707_20170503_01_T1_MTL.txt"), "-i", "ndvi"],
     "c.tif", ["20140707", "no such file"]),
    ("composite-one-product", "composite: a single product",
     lambda d: ["composite", "-p", L8_MTL, "-i", "ndvi"], "c.tif", ["at least 2 products"]),
    # Heat island reference (heat.suhi, issue 13)
    ("suhi-reference-missing", "assess: heat.suhi.reference names no file",
     lambda d: heat_project(d, "{reference: nowhere.gpkg}"), None,
     ["heat.suhi.reference", "nowhere.gpkg"]),
    ("suhi-reference-outside", "assess: a reference polygon 600 km from the image",
     lambda d: heat_project(d, "{reference: FAR}"), None,
     ["heat.suhi.reference", "does not overlap the image"]),
    ("suhi-reference-and-ring", "assess: heat.suhi.reference and ring_km both given",
     lambda d: heat_project(d, "{reference: FAR, ring_km: [2, 10]}"), None,
     ["heat.suhi.ring_km", "heat.suhi.reference"]),
    ("suhi-rural-class-unknown", "assess: rural class 300 of a Byte land-cover raster",
     lambda d: heat_project(d, "{rural_classes: [10, 300], landcover: %s}"
                            % os.path.join(DATA, "landcover", "lc.tif")), None,
     ["heat.suhi.rural_classes", "300", "lc.tif"]),
    # Land-cover emissivity (heat.emissivity, issue 13)
    ("emissivity-table-duplicate", "assess: an emissivity table giving class 50 twice",
     lambda d: heat_project(d, more="  emissivity: {table: %s, landcover: %s}\n" % (
         write(os.path.join(d, "e.csv"), "class,emissivity\n50,0.97\n50,0.98\n"),
         os.path.join(DATA, "landcover", "lc.tif"))), None, ["e.csv:3", "class 50 is given twice"]),
    ("emissivity-table-value", "assess: an emissivity of 1.5 in the table",
     lambda d: heat_project(d, more="  emissivity: {table: %s, landcover: %s}\n" % (
         write(os.path.join(d, "e.csv"), "class,emissivity\n50,1.5\n"),
         os.path.join(DATA, "landcover", "lc.tif"))), None,
     ["e.csv:2", "neither a number in (0, 1] nor ndvi"]),
    ("emissivity-no-landcover", "assess: heat.emissivity without a land-cover raster",
     lambda d: heat_project(d, more="  emissivity: {table: %s}\n" % os.path.join(
         DATA, "emissivity", "worldcover_landsat89_b10.csv")), None,
     ["heat.emissivity", "needs a land-cover raster"]),
    # Outputs: a path that is a folder, for every kind of output, even with --overwrite
    ("output-dir-csv-overwrite", "zonal --overwrite: the .csv output is a folder",
     lambda d: zonal(OLINDA_TIF, OLINDA_SHP), "adir.csv", ["adir.csv", "is a directory"],
     {"after": ["--overwrite"], "dirs": ["adir.csv"]}),
    ("output-dir-xlsx-overwrite", "zonal --overwrite: the .xlsx output is a folder",
     lambda d: zonal(OLINDA_TIF, OLINDA_SHP), "adir.xlsx", ["adir.xlsx", "is a directory"],
     {"after": ["--overwrite"], "dirs": ["adir.xlsx"]}),
    ("output-dir-gpkg-overwrite", "zonal --overwrite: the .gpkg output is a folder",
     lambda d: zonal(OLINDA_TIF, OLINDA_SHP), "adir.gpkg", ["adir.gpkg", "is a directory"],
     {"after": ["--overwrite"], "dirs": ["adir.gpkg"]}),
    ("output-dir-index-overwrite", "index --overwrite: the .tif output is a folder",
     lambda d: ["index", "-p", L8_MTL, "-i", "ndvi"], "adir.tif", ["adir.tif", "is a directory"],
     {"after": ["--overwrite"], "dirs": ["adir.tif"]}),
    ("output-dir-composite-overwrite", "composite --overwrite: the .tif output is a folder",
     lambda d: ["composite", "-p", L8_MTL, "-p", L7_MTL, "-i", "ndvi", "-q"], "adir.tif",
     ["adir.tif", "is a directory"], {"after": ["--overwrite"], "dirs": ["adir.tif"]}),
    ("output-dir-assess-scores", "assess --overwrite: <name>_scores.csv is a folder",
     lambda d: ["assess", DEMO, "-q"], None, ["olinda_scores.csv", "is a directory"],
     {"after": ["--overwrite"], "dirs": ["olinda_scores.csv"]}),
    ("output-assess-folder-is-file", "assess: the output folder is a file",
     lambda d: ["assess", DEMO], "previous.txt", ["previous.txt", "output folder"]),
    # Outputs: a read-only folder
    ("output-read-only-zonal", "zonal: the output folder is read-only",
     lambda d: zonal(OLINDA_TIF, OLINDA_SHP), "z.csv", ["not writable"], {"disk": "read-only"}),
    ("output-read-only-index", "index: the output folder is read-only",
     lambda d: ["index", "-p", L8_MTL, "-i", "ndvi"], "n.tif", ["n.tif", "not writable"],
     {"disk": "read-only"}),
    ("output-read-only-assess", "assess: the output folder is read-only",
     lambda d: ["assess", DEMO, "-q"], None, ["olinda.gpkg", "not writable"], {"disk": "read-only"}),
    # Outputs: a full disk (a 1 MB tmpfs, filled)
    ("output-full-disk-csv", "zonal: a full disk under the .csv",
     lambda d: zonal(OLINDA_TIF, OLINDA_SHP), "z.csv", ["z.csv", "No space left on device"],
     {"disk": "full"}),
    ("output-full-disk-xlsx", "zonal: a full disk under the .xlsx",
     lambda d: zonal(OLINDA_TIF, OLINDA_SHP), "z.xlsx", ["z.xlsx", "No space left on device"],
     {"disk": "full"}),
    ("output-full-disk-gpkg", "zonal: a full disk under the .gpkg",
     lambda d: zonal(OLINDA_TIF, OLINDA_SHP), "z.gpkg", ["z.gpkg", "SQLite: database or disk is full"],
     {"disk": "full"}),
    ("output-full-disk-index", "index: a full disk under the COG",
     lambda d: ["index", "-p", L8_MTL, "-i", "ndvi"], "n.tif", ["n.tif", "No space left on device"],
     {"disk": "full"}),
    ("output-full-disk-assess", "assess: a full disk under the output folder",
     lambda d: ["assess", DEMO, "-q"], None, ["olinda.gpkg", "disk is full"], {"disk": "full"}),
]

# Words that must never reach the user.
NEVER = ["ERROR 1:", "terminate called", "std::", "what():", "Segmentation", "S3CRET"]


def huge_vrt(d):
    from osgeo import gdal
    small = os.path.join(d, "small.tif")
    gdal.Translate(small, OLINDA_TIF, srcWin=[0, 0, 10, 10])
    return write(os.path.join(d, "huge.vrt"), f"""<VRTDataset rasterXSize="1000000" rasterYSize="1000000">
  <SRS>EPSG:31985</SRS><GeoTransform>288776, 30, 0, 9120760, 0, -30</GeoTransform>
  <VRTRasterBand dataType="Byte" band="1"><SimpleSource><SourceFilename>{small}</SourceFilename><SourceBand>3</SourceBand></SimpleSource></VRTRasterBand>
  <VRTRasterBand dataType="Byte" band="2"><SimpleSource><SourceFilename>{small}</SourceFilename><SourceBand>4</SourceBand></SimpleSource></VRTRasterBand>
</VRTDataset>
""")


def lying_tiff(d):
    # A real 16 x 16 stripped GeoTIFF (one strip per band) whose ImageWidth, ImageLength and
    # RowsPerStrip are rewritten to 1,000,000: GDAL opens it at the declared size, and its strips
    # hold 256 bytes where the header promises 10^12.
    from osgeo import gdal
    small = os.path.join(d, "small_strips.tif")
    gdal.Translate(small, OLINDA_TIF, srcWin=[0, 0, 16, 16],
                   creationOptions=["TILED=NO", "COMPRESS=NONE", "INTERLEAVE=BAND"])
    b = bytearray(open(small, "rb").read())
    assert b[:4] == b"II*\0", "a classic little-endian TIFF"
    ifd = struct.unpack("<I", b[4:8])[0]
    for i in range(struct.unpack("<H", b[ifd:ifd + 2])[0]):
        e = ifd + 2 + 12 * i
        if struct.unpack("<H", b[e:e + 2])[0] in (256, 257, 278):  # width, length, rows/strip
            b[e + 2:e + 12] = struct.pack("<HII", 4, 1, 1000000)  # one LONG
    return write(os.path.join(d, "lie.tif"), bytes(b), "wb")


def shp_without_shx(d):
    shutil.copy(OLINDA_SHP, os.path.join(d, "olinda1.shp"))
    shutil.copy(OLINDA_SHP[:-4] + ".prj", os.path.join(d, "olinda1.prj"))
    return os.path.join(d, "olinda1.shp")


def alias_bomb(d):
    lines = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for k in range(1, 9):
        prev, cur = chr(ord("a") + k - 1), chr(ord("a") + k)
        lines.append(f"{cur}: &{cur} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]")
    return write(os.path.join(d, "bomb.yaml"), "\n".join(lines) + "\n")


def make_dir(d, name):
    path = os.path.join(d, name)
    os.makedirs(path)
    return path


def digest(folder):
    """sha256 of every file under folder, by relative path."""
    out = {}
    for base, _, files in os.walk(folder):
        for f in files:
            p = os.path.join(base, f)
            out[os.path.relpath(p, folder)] = hashlib.sha256(open(p, "rb").read()).hexdigest()
    return out


class Skip(Exception):
    pass


def mount_tmpfs(folder, kind):
    """A 1 MB tmpfs on folder, filled ("full") or read-only after set-up ("read-only"); False when
    this process may not mount (not root, or the container refuses)."""
    if os.geteuid() != 0:
        return False
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1M", "tmpfs", folder],
                       capture_output=True, text=True)
    return r.returncode == 0


def fill(folder):
    """Fills the file system of folder: a file of zeros until it is full."""
    fd = os.open(os.path.join(folder, "filler"), os.O_WRONLY | os.O_CREAT, 0o644)
    try:
        while os.write(fd, b"\0" * 4096) > 0:
            pass
    except OSError:
        pass
    finally:
        os.close(fd)


def prepare_disk(out_dir, kind):
    """Makes out_dir a full or read-only folder; returns the clean-up to call after the run."""
    if mount_tmpfs(out_dir, kind):
        def done():
            subprocess.run(["umount", out_dir], capture_output=True)
        if kind == "full":
            return done, lambda: fill(out_dir)
        return done, lambda: subprocess.run(["mount", "-o", "remount,ro", out_dir], check=True)
    if kind == "read-only" and os.geteuid() != 0:
        return (lambda: os.chmod(out_dir, 0o755)), (lambda: os.chmod(out_dir, 0o555))
    raise Skip("cannot mount a tmpfs here (%s needs root and a container that allows mount)" % kind)


def run_case(exe, case, work):
    cid, _, setup, output, words = case[:5]
    opts = case[5] if len(case) > 5 else {}
    d = os.path.join(work, cid)
    os.makedirs(d)
    out_dir = os.path.join(d, "out")
    os.makedirs(out_dir)
    cleanup, seal = lambda: None, lambda: None
    if "disk" in opts:
        cleanup, seal = prepare_disk(out_dir, opts["disk"])
    try:
        argv = setup(d)
        for sub in opts.get("dirs", []) + (["adir.csv"] if output == "adir.csv" else []):
            os.makedirs(os.path.join(out_dir, sub), exist_ok=True)
        # A previous output of the same name that must be left as it was.
        previous = os.path.join(out_dir, "previous.txt")
        write(previous, "an earlier result\n")
        seal()
        target = os.path.join(out_dir, output) if output else out_dir
        # frameworks show writes nothing: it has no -o
        out_args = [] if argv[0] == "frameworks" else ["-o", target]
        argv = [exe] + argv + out_args + opts.get("after", [])
        before = digest(out_dir)
        r = subprocess.run(argv, capture_output=True, text=True, timeout=120,
                           env=dict(os.environ, LC_ALL="C.UTF-8"))
        after = digest(out_dir)
    finally:
        cleanup()
    problems = []
    if r.returncode == 0:
        problems.append("exit code 0")
    if r.returncode < 0:
        problems.append("killed by signal %d" % -r.returncode)
    lines = r.stderr.splitlines()
    errors = [l for l in lines if l.startswith("greengauge: error: ")]
    if len(errors) != 1 or (lines and not lines[-1].startswith("greengauge: error: ")):
        problems.append("not one error line: %r" % r.stderr)
    for w in words:
        if w not in r.stderr:
            problems.append("error line lacks %r: %r" % (w, r.stderr))
    for w in NEVER:
        if w in r.stderr or w in r.stdout:
            problems.append("says %r" % w)
    if after != before:
        problems.append("output folder changed: %s" % sorted(set(after) ^ set(before) or after))
    return errors[0][len("greengauge: error: "):] if errors else r.stderr.strip(), problems


# ---------------------------------------------------------------------------------------------
# Positive cases: inputs that must work. Each: (id, what it is, run(exe, d) -> list of problems,
# what is checked and how the expected figure was derived).

def run_ok(exe, argv, timeout=300):
    """Runs greengauge; returns (completed process, problems of any run that must succeed)."""
    r = subprocess.run([exe] + argv, capture_output=True, text=True, timeout=timeout,
                       env=dict(os.environ, LC_ALL="C.UTF-8"))
    problems = []
    if r.returncode != 0:
        problems.append("exit code %d: %r" % (r.returncode, r.stderr))
    for line in r.stderr.splitlines():
        if not line.startswith("greengauge: warning: "):
            problems.append("stderr line that is not a warning: %r" % line)
    for w in NEVER:
        if w in r.stderr or w in r.stdout:
            problems.append("says %r" % w)
    return r, problems


def csv_rows(path):
    import csv
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def close(a, b, rel=1e-9):
    return math.isclose(float(a), float(b), rel_tol=rel, abs_tol=1e-12)


def grid_raster(d, name, values, nodata=None, origin=(290000.0, 9112000.0), size=30.0):
    """A Float32 GeoTIFF in EPSG:31985 with 30 m pixels from the upper-left corner `origin`."""
    import numpy as np
    from osgeo import gdal, osr
    a = np.array(values, dtype=np.float32)
    path = os.path.join(d, name)
    ds = gdal.GetDriverByName("GTiff").Create(path, a.shape[1], a.shape[0], 1, gdal.GDT_Float32)
    ds.SetGeoTransform((origin[0], size, 0, origin[1], 0, -size))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(31985)
    ds.SetProjection(srs.ExportToWkt())
    band = ds.GetRasterBand(1)
    if nodata is not None:
        band.SetNoDataValue(nodata)
    band.WriteArray(a)
    ds = None
    return path


def raster_footprint(d, rows, cols, origin=(290000.0, 9112000.0), size=30.0):
    """One zone, the raster's exact footprint."""
    x0, y1 = origin
    x1, y0 = x0 + cols * size, y1 - rows * size
    return gdal_vector(d, "footprint.gpkg", ["POLYGON ((%r %r,%r %r,%r %r,%r %r,%r %r))" % (
        x0, y0, x1, y0, x1, y1, x0, y1, x0, y0)], crs=31985)


def good_one_pixel(exe, d):
    # A 1 x 1 raster of value 5 and a zone that is its pixel: mean 5 and count 1 (by hand).
    out = os.path.join(d, "z.csv")
    _, problems = run_ok(exe, ["zonal", "-r", grid_raster(d, "one.tif", [[5]]), "-z",
                               raster_footprint(d, 1, 1), "-s", "mean,count", "-o", out])
    if not problems:
        row = csv_rows(out)[0]
        if not (close(row["mean"], 5) and close(row["count"], 1)):
            problems.append("expected mean 5, count 1: %r" % row)
    return problems


def good_nodata(value):
    def run(exe, d):
        # A 4 x 4 raster 1..16 whose first pixel holds the declared nodata (NaN, +Inf or -Inf):
        # the zone, the raster's footprint, has the mean of the other 15 pixels and a count of 15
        # (numpy: mean of the values with the nodata pixel left out).
        import numpy as np
        a = np.arange(1, 17, dtype=np.float32).reshape(4, 4)
        a[0, 0] = value
        expected = float(a[np.isfinite(a)].mean())
        out = os.path.join(d, "z.csv")
        _, problems = run_ok(exe, ["zonal", "-r", grid_raster(d, "nd.tif", a, nodata=value), "-z",
                                   raster_footprint(d, 4, 4), "-s", "mean,count,min,max", "-o", out])
        if not problems:
            row = csv_rows(out)[0]
            if not (close(row["mean"], expected) and close(row["count"], 15) and
                    close(row["min"], 2) and close(row["max"], 16)):
                problems.append("expected mean %r, count 15, min 2, max 16: %r" % (expected, row))
        return problems
    return run


def good_million_vertices(exe, d):
    # A circle of 1,000,000 vertices, radius 3 km, inside the Olinda image: its planar area_m2 is
    # the polygon's area as OGR computes it (shoelace, OGRPolygon::get_Area), and its count (the
    # sum of coverage fractions) that area over the pixel area from the image's geotransform.
    from osgeo import gdal, ogr
    n, cx, cy, radius = 1000000, 293700.0, 9115700.0, 3000.0
    points = ["%r %r" % (cx + radius * math.cos(2 * math.pi * k / n),
                         cy + radius * math.sin(2 * math.pi * k / n)) for k in range(n)]
    wkt = "POLYGON ((%s, %s))" % (", ".join(points), points[0])
    poly = ogr.CreateGeometryFromWkt(wkt)
    assert poly.GetGeometryRef(0).GetPointCount() == n + 1
    zones = gdal_vector(d, "circle.gpkg", [wkt], crs=31985)
    gt = gdal.Open(OLINDA_TIF).GetGeoTransform()
    area = poly.GetArea()
    out = os.path.join(d, "z.csv")
    start = time.monotonic()
    _, problems = run_ok(exe, ["zonal", "-r", OLINDA_TIF, "-z", zones, "-s", "count,area_m2",
                               "--planar-areas", "-o", out])
    seconds = time.monotonic() - start
    if not problems:
        row = csv_rows(out)[0]
        if not (close(row["area_m2"], area, 1e-9) and
                close(row["count"], area / (gt[1] * -gt[5]), 1e-9)):
            problems.append("expected area_m2 %r and count %r: %r" % (area, area / (gt[1] * -gt[5]), row))
    print("     1,000,000 vertices: zonal took %.1f s" % seconds)
    return problems


def good_self_intersection(exe, d):
    # A bow tie (self-intersecting) beside a square: repaired with a warning that counts it; its
    # area is its two triangles', 2 x (1000 x 500 / 2) = 500,000 m2 (by hand), the square 1 km2.
    zones = gdal_vector(d, "bowtie.gpkg", [
        "POLYGON ((290000 9112000,291000 9113000,291000 9112000,290000 9113000,290000 9112000))",
        "POLYGON ((292000 9112000,293000 9112000,293000 9113000,292000 9113000,292000 9112000))"],
        crs=31985)
    out = os.path.join(d, "z.csv")
    r, problems = run_ok(exe, ["zonal", "-r", OLINDA_TIF, "-z", zones, "--id", "code", "-s",
                               "area_m2", "--planar-areas", "-o", out])
    if "1 invalid geometry repaired" not in r.stderr:
        problems.append("no warning counting the repaired geometry: %r" % r.stderr)
    if not problems:
        rows = {row["code"]: row for row in csv_rows(out)}
        if not (close(rows["Z0"]["area_m2"], 500000, 1e-9) and close(rows["Z1"]["area_m2"], 1e6, 1e-9)):
            problems.append("expected 500000 and 1000000 m2: %r" % rows)
    return problems


def good_latin1(exe, d):
    # A shapefile without a .cpg whose names are Latin-1 bytes: read as CP1252 with a warning;
    # the CSV is UTF-8 and holds the names as they were written.
    from osgeo import ogr, osr
    folder = os.path.join(d, "latin1")
    os.makedirs(folder)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(31985)
    ds = ogr.GetDriverByName("ESRI Shapefile").CreateDataSource(folder)
    layer = ds.CreateLayer("bairros", srs, ogr.wkbPolygon, options=["ENCODING=ISO-8859-1"])
    layer.CreateField(ogr.FieldDefn("nome", ogr.OFTString))
    names = ["São João", "Olaria"]
    for k, name in enumerate(names):
        f = ogr.Feature(layer.GetLayerDefn())
        f.SetField("nome", name)
        x = 290000 + 2000 * k
        f.SetGeometry(ogr.CreateGeometryFromWkt("POLYGON ((%d 9112000,%d 9112000,%d 9113000,%d 9113000,%d 9112000))"
                                                % (x, x + 1000, x + 1000, x, x)))
        layer.CreateFeature(f)
    ds = None
    os.remove(os.path.join(folder, "bairros.cpg"))  # no code page: the bytes are all there is
    dbf = os.path.join(folder, "bairros.dbf")
    raw = bytearray(open(dbf, "rb").read())
    raw[29] = 0  # no language driver id either
    open(dbf, "wb").write(bytes(raw))
    assert "São João".encode("latin-1") in raw
    out = os.path.join(d, "z.csv")
    r, problems = run_ok(exe, ["zonal", "-r", OLINDA_TIF, "-z", os.path.join(folder, "bairros.shp"),
                               "--id", "nome", "-s", "mean", "-o", out])
    if "not UTF-8" not in r.stderr:
        problems.append("no warning about the encoding: %r" % r.stderr)
    if not problems:
        try:
            got = [row["nome"] for row in csv_rows(out)]
        except UnicodeDecodeError as e:
            return ["the CSV is not UTF-8: %s" % e]
        if got != names:
            problems.append("expected names %r: %r" % (names, got))
    return problems


def good_thai_path(exe, d):
    # The demo project copied to a folder whose path has spaces and Thai letters, its output in
    # another: the zones CSV is the same, byte for byte, as the demo's run from a plain path.
    home = os.path.join(d, "งาน เมือง สีเขียว", "my data")
    shutil.copytree(os.path.join(DATA, "olinda"), os.path.join(home, "olinda"))
    os.makedirs(os.path.join(home, "demo"))
    project = os.path.join(home, "demo", "โครงการ olinda.yaml")
    shutil.copy(DEMO, project)
    thai_out = os.path.join(d, "ผลลัพธ์ run 1")
    plain_out = os.path.join(d, "plain")
    _, problems = run_ok(exe, ["assess", project, "-o", thai_out, "-q"])
    _, more = run_ok(exe, ["assess", DEMO, "-o", plain_out, "-q"])
    problems += more
    if not problems:
        for name in ("olinda.csv", "olinda_scores.csv"):
            a = open(os.path.join(thai_out, name), "rb").read()
            b = open(os.path.join(plain_out, name), "rb").read()
            if name == "olinda.csv" and a != b:
                problems.append("%s differs from the plain-path run" % name)
            if not a:
                problems.append("%s is empty" % name)
    return problems


def good_records_bom(exe, d):
    # The example records CSV with a UTF-8 byte order mark (as Excel saves it), year 2024: zone
    # 260960005000001's waste_recycled_pct is 56.4 / 447.0 x 100 (its 2024 row, by hand).
    csv_text = open(RECORDS, encoding="utf-8").read()
    project = records_project(d, b"\xef\xbb\xbf" + csv_text.encode("utf-8"), "wb")
    out = os.path.join(d, "out")
    _, problems = run_ok(exe, ["assess", project, "-o", out, "-q"])
    if not problems:
        rows = [r for r in csv_rows(os.path.join(out, "olinda_indicators.csv"))
                if r["zone_id"] == "260960005000001" and r["indicator"] == "waste_recycled_pct"]
        if len(rows) != 1 or not close(rows[0]["value"], 56.4 / 447.0 * 100, 1e-12):
            problems.append("expected waste_recycled_pct %r: %r" % (56.4 / 447.0 * 100, rows))
    return problems


def good_huge_threads(exe, d):
    # --threads 100000 is capped at the cores: the same table as --threads 1.
    outs = [os.path.join(d, "j%d.csv" % j) for j in (1, 100000)]
    problems = []
    for j, out in zip((1, 100000), outs):
        problems += run_ok(exe, zonal(OLINDA_TIF, OLINDA_SHP, "--threads", str(j), "-o", out))[1]
    if not problems and open(outs[0], "rb").read() != open(outs[1], "rb").read():
        problems.append("--threads 100000 gives another table than --threads 1")
    return problems


GOOD = [
    ("raster-1x1", "zonal: a 1 x 1 raster and a zone that is its pixel", good_one_pixel,
     "mean 5, count 1 (by hand)"),
    ("raster-nan-nodata", "zonal: a Float32 raster whose declared nodata is NaN", good_nodata(float("nan")),
     "mean, count, min, max of the 15 other pixels (numpy)"),
    ("raster-inf-nodata", "zonal: a Float32 raster whose declared nodata is +Inf", good_nodata(float("inf")),
     "the same (numpy)"),
    ("raster-minus-inf-nodata", "zonal: a Float32 raster whose declared nodata is -Inf",
     good_nodata(float("-inf")), "the same (numpy)"),
    ("zones-million-vertices", "zonal: a circle of 1,000,000 vertices", good_million_vertices,
     "area_m2 and count = OGR's area of the polygon, to 1e-9"),
    ("zones-self-intersecting", "zonal: a bow-tie zone", good_self_intersection,
     "repaired with a warning; 500,000 m2 (by hand)"),
    ("zones-latin1", "zonal: a shapefile of Latin-1 names without a .cpg", good_latin1,
     "a warning; the CSV is UTF-8 with the names as written"),
    ("paths-spaces-thai", "assess: project, data and output under paths with spaces and Thai letters",
     good_thai_path, "the zones CSV equals the plain-path run's, byte for byte"),
    ("records-bom", "assess: a records CSV starting with a UTF-8 BOM", good_records_bom,
     "waste_recycled_pct = 56.4 / 447.0 x 100 (by hand)"),
    ("option-threads-huge", "zonal: --threads 100000", good_huge_threads,
     "the same table as --threads 1"),
]


def table_rows():
    return ["| `%s` | %s | %s |" % (case[0], case[1], ", ".join("`%s`" % w for w in case[4]))
            for case in CASES]


def table():
    bad = ["| case | input | the error line names |", "|---|---|---|"] + table_rows()
    good = ["| case | input | checked |", "|---|---|---|"] + [
        "| `%s` | %s | %s |" % (cid, what, checked) for cid, what, _, checked in GOOD]
    return "\n".join(bad) + "\n\nInputs that must work (`run_corpus.py --good`, ctest `good_input_corpus`):\n\n" + \
        "\n".join(good)


def run_all(cases, runner):
    work = tempfile.mkdtemp(prefix="gg-corpus-")
    failed = skipped = 0
    try:
        for case in cases:
            try:
                said, problems = runner(case, work)
            except Skip as e:
                print("skip %-28s %s" % (case[0], e))
                skipped += 1
                continue
            print("%s %-28s %s" % ("ok  " if not problems else "FAIL", case[0], said))
            for p in problems:
                print("     " + p)
            failed += bool(problems)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("%d of %d cases failed, %d skipped" % (failed, len(cases), skipped))
    return 1 if failed else 0


def main(argv):
    if argv[1:2] == ["--table"]:
        print(table())
        return 0
    if argv[1:2] == ["--check-doc"]:
        doc = open(argv[2], encoding="utf-8").read()
        if table() not in doc:
            print("%s: the corpus tables differ from tests/bad_inputs/run_corpus.py --table" % argv[2])
            return 1
        return 0
    if argv[1:2] == ["--good"]:
        exe = argv[2]

        def good(case, work):
            d = os.path.join(work, case[0])
            os.makedirs(d)
            start = time.monotonic()
            problems = case[2](exe, d)
            return "%s (%.1f s)" % (case[3], time.monotonic() - start), problems
        return run_all(GOOD, good)
    exe = argv[1]
    return run_all(CASES, lambda case, work: run_case(exe, case, work))


if __name__ == "__main__":
    sys.exit(main(sys.argv))
