// heat.emissivity (assess/family_heat_emissivity.cpp, docs/methods.md 7.1) in the heat family:
// what the project file may say and the errors it gets, what the run records, and a run that
// shares one land-cover map with heat.suhi.rural_classes. The LST itself is checked against numpy
// on the real Landsat 8 sample by tests/heat/emissivity_landsat_check.py, the class lookup by
// hand in tests/core/test_emissivity_table.cpp.
#include <gtest/gtest.h>

#include <string>

#include "assess/assessment.hpp"
#include "assess/families.hpp"
#include "assess/run_record.hpp"
#include "core/error.hpp"
#include "heat_city.hpp"
#include "support/imagery_fixtures.hpp"
#include "synthetic_city.hpp"

namespace gg::assess {
namespace {

const std::string kTable = std::string(GG_DATA_DIR) + "/emissivity/worldcover_landsat89_b10.csv";

// The real Landsat 8 Level-1 sample's two zones, a land-cover raster of class `code` on its grid
// (10 m cells) and the given heat section.
std::string l8_project(const test::TempDir& dir, const std::string& heat, int code = 50) {
    test::write_l8_west_east_zones(dir.file("zones.gpkg"));
    test::RasterFixture lc;
    lc.crs = "EPSG:32632";
    lc.geotransform = {483285, 10, 0, 5628525, 0, -10};
    lc.cols = lc.rows = 123;
    lc.values.assign(123 * 123, code);
    test::write_raster(dir.file("lc.tif"), lc);
    test::write_text(dir.file("p.yaml"),
                     "name: l8\nareas: planar\nzones:\n  source: zones.gpkg\n  id_field: code\n"
                     "imagery:\n  products: [" +
                         test::kL8Mtl + "]\n" + heat);
    return dir.file("p.yaml");
}

std::string load_error(const std::string& project) {
    try {
        run_assessment(load_project(project, builtin_families()));
    } catch (const Error& e) {
        return e.what();
    }
    return "no error";
}

void expect_error(const std::string& project, const std::string& part) {
    const std::string what = load_error(project);
    EXPECT_NE(what.find(part), std::string::npos) << what;
    EXPECT_EQ(what.find('\n'), std::string::npos) << what;
}

TEST(HeatEmissivity, TheRunRecordsTheTableAndTheValuesSayWhichEmissivity) {
    test::TempDir dir;
    const std::string p =
        l8_project(dir, "heat:\n  hotspots: false\n  emissivity: {table: " + kTable +
                            ", landcover: lc.tif}\n");
    const Project project = load_project(p, builtin_families());
    const AssessmentResult r = run_assessment(project);
    const ZoneMetrics& m = r.metrics;
    ASSERT_TRUE(m.value(0, "lst_mean_k")) << m.cell(0, "lst_mean_k").reason;
    EXPECT_EQ(*m.value(0, "lst_valid_share"), 1.0);  // class 50 everywhere: every pixel has one
    EXPECT_NE(m.cell(0, "lst_mean_k").proxy.find("land-cover class emissivity"), std::string::npos)
        << m.cell(0, "lst_mean_k").proxy;
    bool table = false, landcover = false;
    for (const auto& [key, value] : run_parameters(project)) {
        table |= key == "emissivity" && value == "by land-cover class: " + kTable;
        landcover |= key == "emissivity_landcover" && value == dir.file("lc.tif") + " band 1";
    }
    EXPECT_TRUE(table && landcover);
    // A class the table does not list (0, no data in ESA WorldCover): no LST, with the reason.
    test::TempDir none;
    const AssessmentResult r0 = run_assessment(load_project(
        l8_project(
            none,
            "heat:\n  hotspots: false\n  emissivity: {table: " + kTable + ", landcover: lc.tif}\n",
            0),
        builtin_families()));
    EXPECT_FALSE(r0.metrics.value(0, "lst_mean_k"));
    EXPECT_FALSE(r0.metrics.cell(0, "lst_mean_k").reason.empty());
}

TEST(HeatEmissivity, OneLandCoverMapServesTheEmissivityAndTheRuralClasses) {
    test::TempDir dir;
    const std::string p = l8_project(
        dir, "heat:\n  hotspots: false\n  emissivity: {table: " + kTable +
                 ", landcover: lc.tif}\n  suhi: {ring_km: [0.1, 0.4], sweep_km: [[0.0, 0.2]], "
                 "rural_classes: [50], landcover: lc.tif, min_reference_pixels: 20}\n");
    // One zone, a 300 m square at the image's centre, so the rings fall on the image.
    test::LayerFixture zone;
    zone.crs = "EPSG:32632";
    zone.fields = {{"code", OFTString}};
    zone.features = {{test::rectangle(483750, 5627760, 484050, 5628060), {"centre"}}};
    test::write_vector(dir.file("zones.gpkg"), "GPKG", {zone});
    const AssessmentResult r = run_assessment(load_project(p, builtin_families()));
    EXPECT_TRUE(r.metrics.value(0, "lst_mean_k"));
    EXPECT_TRUE(r.metrics.value(0, "suhi_k")) << r.metrics.cell(0, "suhi_k").reason;
}

TEST(HeatEmissivity, BadSettingsFailWithOneLine) {
    test::TempDir dir;
    const std::string good = "{table: " + kTable + ", landcover: lc.tif}";
    expect_error(l8_project(dir, "heat:\n  emissivity: {table: nowhere.csv, landcover: lc.tif}\n"),
                 "nowhere.csv: cannot open the emissivity table");
    expect_error(l8_project(dir, "heat:\n  emissivity: {table: " + kTable + "}\n"),
                 "\"heat.emissivity\" needs a land-cover raster");
    expect_error(l8_project(dir, "heat:\n  emissivity: {table: " + kTable +
                                     ", landcover: lc.tif, band: 2}\n"),
                 "band");
    expect_error(
        l8_project(dir, "heat:\n  emissivity: {table: " + kTable + ", landcover: missing.tif}\n"),
        "the land-cover raster of \"heat.emissivity\"");
    expect_error(l8_project(dir, "heat:\n  emissivity: 0.97\n"),
                 "\"heat.emissivity\" must be a mapping");
    test::write_text(dir.file("bad.csv"), "class,emissivity\n50,0.97\n50,0.98\n");
    expect_error(l8_project(dir, "heat:\n  emissivity: {table: bad.csv, landcover: lc.tif}\n"),
                 "bad.csv:3: class 50 is given twice");
    test::write_raster(dir.file("other.tif"), [] {
        test::RasterFixture lc;
        lc.crs = "EPSG:32632";
        lc.geotransform = {483285, 30, 0, 5628525, 0, -30};
        lc.cols = lc.rows = 41;
        lc.values.assign(41 * 41, 50);
        return lc;
    }());
    expect_error(l8_project(dir, "heat:\n  emissivity: " + good +
                                     "\n  suhi: {rural_classes: [50], landcover: other.tif}\n"),
                 "use one land-cover raster");
    // Level-2 surface temperature has its emissivity applied by USGS already.
    heat_test::HeatCity city(false, "heat:\n  emissivity: {table: " + kTable +
                                        ", landcover: " + dir.file("lc.tif") + "}\n");
    expect_error(city.project, "heat.emissivity is for the single channel of Level-1 products");
}

}  // namespace
}  // namespace gg::assess
