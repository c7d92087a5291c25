#!/usr/bin/python3
"""The zones layer of `greengauge assess` as QGIS itself loads it (ctest label `qgis`).

Runs the Olinda demo into a temporary folder, opens <name>.gpkg|layername=zones with QGIS's own
Python (Debian's python3-qgis, headless) and checks what a GIS officer sees when adding the layer:
the default style GreenGauge wrote into layer_styles is applied (a graduated renderer on
green_m2_per_capita with the five classes of assess/zone_layer_style.cpp), the fields carry their
aliases (titles), and population and the 3-30-300 flags are integer fields. Expected values are
written out here from the README (units) and the style's documented breaks, not read from the
file. Prints every check that failed and exits 1 if any did.

Usage: check_zones_layer.py GREENGAUGE PROJECT.yaml
"""
import os
import subprocess
import sys
import tempfile


def main():
    greengauge, project = sys.argv[1], sys.argv[2]
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.setdefault("XDG_RUNTIME_DIR", tmp)
        out = os.path.join(tmp, "out")
        subprocess.run([greengauge, "assess", project, "-o", out], check=True,
                       stdout=subprocess.DEVNULL)
        name = os.path.splitext(os.path.basename(project))[0]
        failures = check(os.path.join(out, name + ".gpkg"))
    for line in failures:
        print("FAILED:", line)
    print("qgis: %d check(s) failed" % len(failures) if failures else "qgis: all checks passed")
    sys.stdout.flush()
    # QGIS's teardown can crash headless (exitQgis after Qt's own cleanup): leave without it, the
    # verdict is printed.
    os._exit(1 if failures else 0)


def check(gpkg):
    from qgis.core import QgsApplication, QgsVectorLayer
    from qgis.PyQt.QtCore import QVariant

    app = QgsApplication([], False)
    app.initQgis()
    failures = []

    def expect(condition, what):
        if not condition:
            failures.append(what)

    layer = QgsVectorLayer(gpkg + "|layername=zones", "zones", "ogr")
    expect(layer.isValid(), "the zones layer loads")
    if not layer.isValid():
        return failures
    expect(layer.featureCount() == 470, "470 zones (got %d)" % layer.featureCount())

    # The default style from layer_styles, as QGIS applies it when the layer is added.
    count, ids, names, descriptions, error = layer.listStylesInDatabase()
    expect("GreenGauge green per capita" in names,
           "layer_styles lists GreenGauge's style (got %r, %r)" % (names, error))
    renderer = layer.renderer()
    expect(renderer is not None and renderer.type() == "graduatedSymbol",
           "the renderer is graduated (got %r)" % (renderer.type() if renderer else None))
    if renderer is not None and renderer.type() == "graduatedSymbol":
        expect(renderer.classAttribute() == "green_m2_per_capita",
               "classified on green_m2_per_capita (got %r)" % renderer.classAttribute())
        bounds = [(r.lowerValue(), r.upperValue()) for r in renderer.ranges()]
        expect(bounds[:4] == [(0, 4), (4, 9), (9, 15), (15, 30)] and len(bounds) == 5
               and bounds[4][0] == 30,
               "classes 0-4, 4-9, 9-15, 15-30, > 30 (got %r)" % bounds)
        colours = [r.symbol().color().name() for r in renderer.ranges()]
        expect(colours == ["#edf8e9", "#bae4b3", "#74c476", "#31a354", "#006d2c"],
               "ColorBrewer Greens, light to dark (got %r)" % colours)
    current = layer.styleManager().currentStyle()
    expect(current in layer.styleManager().styles(),
           "the style manager has the current style (%r)" % current)

    # Aliases: the README's units.
    fields = layer.fields()
    for field, alias in [("green_m2_per_capita", "green_m2_per_capita [m2/person]"),
                         ("population", "population [persons]"),
                         ("area_m2", "area_m2 [m2]")]:
        index = fields.indexFromName(field)
        expect(index >= 0 and fields.field(index).alias() == alias,
               "alias of %s is %r (got %r)" % (field, alias,
                                               fields.field(index).alias() if index >= 0 else None))
    # Types: V014 is an integer field of the shapefile; the flags are 0/1.
    integer = (QVariant.Int, QVariant.LongLong)
    for field in ["population", "canopy_30_met", "access_300_met"]:
        index = fields.indexFromName(field)
        expect(index >= 0 and fields.field(index).type() in integer,
               "%s is an integer field (got %s)" % (
                   field, fields.field(index).typeName() if index >= 0 else "no such field"))
    index = fields.indexFromName("green_share")
    expect(index >= 0 and fields.field(index).type() == QVariant.Double, "green_share is real")
    return failures


if __name__ == "__main__":
    main()
