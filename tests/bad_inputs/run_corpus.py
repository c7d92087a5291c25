#!/usr/bin/python3
"""The bad-input corpus: every case is generated here (no binaries are committed), run through the
greengauge executable, and held to the promise of the README: one line on standard error naming
the input and the problem (no GDAL "ERROR 1:" noise, no C++ exception, no "terminate called"), a
non-zero exit, no output file created and a previous output untouched (checksum before and
after).

usage:
  run_corpus.py GREENGAUGE          run every case; exit 1 when one fails
  run_corpus.py --table             the table of docs/reliability.md (case, command, what is said)
  run_corpus.py --check-doc FILE    exit 1 unless FILE holds the table as --table prints it

The table is derived from the cases (CASES below), so the docs cannot drift from the tests.
"""
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DATA = os.path.join(ROOT, "data")
OLINDA_SHP = os.path.join(DATA, "olinda", "olinda1.shp")
OLINDA_TIF = os.path.join(DATA, "olinda", "L7_ETMs.tif")
L8_MTL = os.path.join(DATA, "landsat", "LC08_L1TP_195025_20130707_20170503_01_T1_MTL.txt")
DEMO = os.path.join(DATA, "demo", "olinda.yaml")


def write(path, text, mode="w"):
    with open(path, mode) as f:
        f.write(text)
    return path


def demo_project(d, change=None, extra=""):
    """The demo project with absolute paths, a line replaced (change = (old, new)) or appended."""
    text = open(DEMO, encoding="utf-8").read().replace("../olinda/", os.path.join(DATA, "olinda") + "/")
    if change:
        assert change[0] in text, change[0]
        text = text.replace(change[0], change[1], 1)
    return write(os.path.join(d, "p.yaml"), text + extra)


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


def zonal(raster, zones, *extra):
    return ["zonal", "--raster", raster, "--band", "1", "--zones", zones, "--stats", "mean"] + list(extra)


# Each case: (id, what it is, set-up(d) -> argv without the output option, output name,
#             words the one line must hold).
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


def run_case(exe, case, work):
    cid, _, setup, output, words = case
    d = os.path.join(work, cid)
    os.makedirs(d)
    out_dir = os.path.join(d, "out")
    os.makedirs(out_dir)
    argv = setup(d)
    if output == "adir.csv":
        os.makedirs(os.path.join(out_dir, output))
    # A previous output of the same name that must be left as it was.
    previous = os.path.join(out_dir, "previous.txt")
    write(previous, "an earlier result\n")
    target = os.path.join(out_dir, output) if output else out_dir
    argv = [exe] + argv + ["-o", target]
    before = digest(out_dir)
    r = subprocess.run(argv, capture_output=True, text=True, timeout=120,
                       env=dict(os.environ, LC_ALL="C.UTF-8"))
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
    after = digest(out_dir)
    if after != before:
        problems.append("output folder changed: %s" % sorted(set(after) ^ set(before) or after))
    return errors[0][len("greengauge: error: "):] if errors else r.stderr.strip(), problems


def table_rows():
    return ["| `%s` | %s | %s |" % (cid, what, ", ".join("`%s`" % w for w in words))
            for cid, what, _, _, words in CASES]


def table():
    return "\n".join(["| case | input | the error line names |", "|---|---|---|"] + table_rows())


def main(argv):
    if argv[1:2] == ["--table"]:
        print(table())
        return 0
    if argv[1:2] == ["--check-doc"]:
        doc = open(argv[2], encoding="utf-8").read()
        if table() not in doc:
            print("%s: the bad-input table differs from tests/bad_inputs/run_corpus.py --table" % argv[2])
            return 1
        return 0
    exe = argv[1]
    work = tempfile.mkdtemp(prefix="gg-bad-")
    failed = 0
    try:
        for case in CASES:
            said, problems = run_case(exe, case, work)
            status = "ok  " if not problems else "FAIL"
            print("%s %-28s %s" % (status, case[0], said))
            for p in problems:
                print("     " + p)
            failed += bool(problems)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("%d of %d cases failed" % (failed, len(CASES)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
