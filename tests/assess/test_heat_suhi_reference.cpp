// heat.suhi's other references (docs/methods.md 7.4): a user polygon (heat.suhi.reference) and
// rural land-cover classes (heat.suhi.rural_classes), on a synthetic Landsat 8 Collection 2
// Level-2 product whose answers are worked out by hand below.
//
// The product: 20 x 20 pixels of 30 m, UTM 47N from (500000, 1000000), `areas: planar`. The zone
// is the square of columns and rows 8-11. Classes (ESA WorldCover codes) and surface temperature
// DNs (K = DN x 0.00341802 + 149):
//   - the zone: LST 47000 (class 50, built-up);
//   - rows 0-4: tree (10), 45000, except built-up row 4, columns 8-11 (50, 50000) and a water
//     pixel at (9, 3) (80, 44000);
//   - the other pixels: cropland (40, 46000) in columns 0-9, grass (30, 45500) in 10-19.
// Reflectance as in test_heat_suhi.cpp: land is rural by the indices (MNDWI < 0, NDBI < 0),
// built-up has NDBI 0.39 > 0, water MNDWI 0.65 > 0; the zone is spectrally land.
// The land-cover raster is on another grid: 60 x 60 cells of 10 m, each 30 m pixel's class in
// its 3 x 3 cells, so the nearest cell to a pixel's centre has the pixel's class.
//
// Polygon A: the pixels of columns 12-15, rows 0-3, given in EPSG:4326 (its corners are the
// UTM corners, transformed): 16 tree pixels at 45000. suhi_k = (47000 - 45000) x 0.00341802.
// Its ground area under `areas: planar` is 120 x 120 = 14,400 m2 (its edges, straight in
// degrees, bow by far less than a millimetre over 120 m near the central meridian).
// Polygon B (UTM): columns 6-13, rows 2-5, 32 pixels:
//   rows 2-3: 15 tree (45000) + water (9, 3); row 4: 4 tree + 4 built-up (50000);
//   row 5: 4 cropland (46000) + 4 grass (45500).
//   Rural by the indices: 19 tree + 4 cropland + 4 grass = 27 pixels,
//     mean (19 x 45000 + 4 x 46000 + 4 x 45500) / 27 = 1221000 / 27 DN.
//   Rural classes [10, 40]: 19 tree + 4 cropland = 23 pixels, mean 1039000 / 23 DN.
//   Rural classes [50] (the map decides, not NDBI): the 4 built-up pixels, 50000.
// Polygon C: columns 6-13, rows 2-9, over part of the zone (see its test).
// Ring 0.09-0.15 km with rural classes [80]: the water pixel (9, 3). Row 3 is 120-150 m above the
// zone (row 7 is 0-30 m) and column 9 is within the zone's columns, so the pixel is wholly in the
// ring: 1 pixel at 44000, suhi_k = 3000 x 0.00341802. The sweep ring 0-0.06 km has no water: 0
// pixels, so suhi_k_min = suhi_k_max = that of 0.09-0.15 km.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <ogr_spatialref.h>

#include <cmath>
#include <map>

#include "assess/assessment.hpp"
#include "assess/families.hpp"
#include "assess/run_record.hpp"
#include "core/error.hpp"
#include "support/imagery_fixtures.hpp"
#include "synthetic_city.hpp"

namespace gg::assess {
namespace {

constexpr int kSize = 20;
const std::string kId = "LC08_L2SP_129050_20230101_20230110_02_T1";
constexpr double kStScale = 0.00341802;

int lc_class(int c, int r) {
    if (c >= 8 && c <= 11 && r >= 8 && r <= 11) return 50;
    if (c == 9 && r == 3) return 80;
    if (r == 4 && c >= 8 && c <= 11) return 50;
    if (r <= 4) return 10;
    return c <= 9 ? 40 : 30;
}

double st_dn(int c, int r) {
    if (c >= 8 && c <= 11 && r >= 8 && r <= 11) return 47000;
    switch (lc_class(c, r)) {
        case 80:
            return 44000;
        case 50:
            return 50000;
        case 10:
            return 45000;
        case 40:
            return 46000;
        default:
            return 45500;
    }
}

bool built_up(int c, int r) {
    return r == 4 && c >= 8 && c <= 11;
}
bool water(int c, int r) {
    return c == 9 && r == 3;
}

template <typename F>
std::vector<double> grid(int n, F f) {
    std::vector<double> v;
    for (int r = 0; r < n; ++r)
        for (int c = 0; c < n; ++c) v.push_back(f(c, r));
    return v;
}

std::string write_product(const test::TempDir& dir) {
    const auto px = [&](const char* band, std::vector<double> v) {
        test::write_raster(dir.file(kId + "_" + band + ".TIF"),
                           test::utm_raster(kSize, kSize, 30, std::move(v)));
    };
    px("SR_B3", grid(kSize, [](int c, int r) { return water(c, r) ? 20000.0 : 10000.0; }));
    px("SR_B4", grid(kSize, [](int, int) { return 10000.0; }));
    px("SR_B5", grid(kSize, [](int c, int r) { return built_up(c, r) ? 15000.0 : 25000.0; }));
    px("SR_B6", grid(kSize, [](int c, int r) {
           return water(c, r) ? 10000.0 : built_up(c, r) ? 25000.0 : 20000.0;
       }));
    px("ST_B10", grid(kSize, st_dn));
    px("QA_PIXEL", grid(kSize, [](int, int) { return 21824.0; }));  // clear
    px("QA_RADSAT", grid(kSize, [](int, int) { return 0.0; }));
    // The classes on a 10 m grid: cell (c, r) is in pixel (c / 3, r / 3).
    test::write_raster(dir.file("lc.tif"),
                       test::utm_raster(3 * kSize, 3 * kSize, 10,
                                        grid(3 * kSize,
                                             [](int c, int r) {
                                                 return static_cast<double>(lc_class(c / 3, r / 3));
                                             }),
                                        GDT_Byte));
    return test::write_l2sp_mtl(dir.path(), kId);
}

// The UTM rectangle of pixel columns c0..c1, rows r0..r1 (inclusive), as WKT in lon/lat.
std::string lonlat_rectangle(int c0, int r0, int c1, int r1) {
    OGRSpatialReference utm, geo;
    utm.importFromEPSG(32647);
    geo.importFromEPSG(4326);
    geo.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    const std::unique_ptr<OGRCoordinateTransformation> ct(
        OGRCreateCoordinateTransformation(&utm, &geo));
    const double x0 = 500000 + 30.0 * c0, x1 = 500000 + 30.0 * (c1 + 1);
    const double y0 = 1000000 - 30.0 * (r1 + 1), y1 = 1000000 - 30.0 * r0;
    double xs[] = {x0, x1, x1, x0, x0}, ys[] = {y0, y0, y1, y1, y0};
    ct->Transform(5, xs, ys);
    std::string wkt = "POLYGON ((";
    for (int i = 0; i < 5; ++i)
        wkt += (i ? "," : "") + fmt::format("{:.12f} {:.12f}", xs[i], ys[i]);
    return wkt + "))";
}

void write_polygon(const test::TempDir& dir, const std::string& name, const std::string& crs,
                   const std::string& wkt) {
    test::LayerFixture ref;
    ref.name = "reference";
    ref.crs = crs;
    ref.features = {{wkt, {}}};
    test::write_vector(dir.file(name), "GPKG", {ref});
}

// extra: more sections of the project file.
std::string write_project(const test::TempDir& dir, const std::string& suhi,
                          const std::string& extra = "") {
    const std::string mtl = write_product(dir);
    test::LayerFixture zones;
    zones.crs = "EPSG:32647";
    zones.fields = {{"code", OFTString}};
    zones.features = {{test::rectangle(500240, 999640, 500360, 999760), {"core"}}};
    test::write_vector(dir.file("zones.gpkg"), "GPKG", {zones});
    write_polygon(dir, "a.gpkg", "EPSG:4326", lonlat_rectangle(12, 0, 15, 3));
    write_polygon(dir, "b.gpkg", "EPSG:32647", test::rectangle(500180, 999820, 500420, 999940));
    write_polygon(dir, "c.gpkg", "EPSG:32647", test::rectangle(500180, 999700, 500420, 999940));
    write_polygon(dir, "away.gpkg", "EPSG:32647", test::rectangle(600000, 999000, 600100, 999100));
    const std::string project = dir.file("p.yaml");
    test::write_text(project,
                     "name: suhi\nareas: planar\nzones:\n  source: zones.gpkg\n  id_field: code\n"
                     "imagery:\n  products: [" +
                         mtl + "]\nheat:\n  hotspots: false\n  suhi: " + suhi + "\n" + extra);
    return project;
}

AssessmentResult run(const std::string& suhi, const std::string& extra = "") {
    const test::TempDir dir;
    return run_assessment(load_project(write_project(dir, suhi, extra), builtin_families()));
}

// The run's parameter `key` (as the outputs' metadata has it), or "(none)".
std::string parameter(const std::string& suhi, const std::string& key) {
    const test::TempDir dir;
    const Project p = load_project(write_project(dir, suhi), builtin_families());
    for (const auto& [k, v] : run_parameters(p))
        if (k == key) return v;
    return "(none)";
}

double value(const AssessmentResult& r, const std::string& id) {
    const auto v = r.metrics.value(0, id);
    EXPECT_TRUE(v) << id << ": " << r.metrics.cell(0, id).reason;
    return v.value_or(-1);
}

std::map<std::string, std::optional<double>> totals(const AssessmentResult& r) {
    std::map<std::string, std::optional<double>> out;
    for (const auto& f : r.totals) out[f.key] = f.value;
    return out;
}

TEST(HeatSuhiReference, APolygonInAnotherCrsIsReprojectedAndMeasured) {
    const AssessmentResult r = run("{reference: a.gpkg, min_reference_pixels: 10}");
    EXPECT_NEAR(value(r, "suhi_k"), 2000 * kStScale, 1e-6);
    auto t = totals(r);
    ASSERT_TRUE(t["suhi_reference_polygon_area_m2"]);
    EXPECT_NEAR(*t["suhi_reference_polygon_area_m2"], 14400, 0.01);
    EXPECT_NEAR(*t["suhi_reference_area_m2"], 14400, 0.01);
    EXPECT_NEAR(*t["suhi_reference_rural_pixels"], 16, 1e-4);
    EXPECT_NEAR(*t["suhi_reference_lst_k"], 45000 * kStScale + 149, 1e-6);
}

TEST(HeatSuhiReference, ThePolygonSaysTheSweepDoesNotApply) {
    const AssessmentResult r = run("{reference: a.gpkg, min_reference_pixels: 10}");
    for (const char* id : {"suhi_k_min", "suhi_k_max"}) {
        EXPECT_FALSE(r.metrics.value(0, id));
        EXPECT_NE(r.metrics.cell(0, id).reason.find("does not apply: the reference is a polygon"),
                  std::string::npos)
            << r.metrics.cell(0, id).reason;
    }
    const std::string suhi = "{reference: a.gpkg}";
    EXPECT_NE(parameter(suhi, "suhi_reference").find("polygon "), std::string::npos);
    EXPECT_NE(parameter(suhi, "suhi_sweep").find("does not apply"), std::string::npos);
    EXPECT_EQ(parameter(suhi, "suhi_ring"), "(none)");
}

TEST(HeatSuhiReference, RuralByTheIndicesWithinThePolygon) {
    const AssessmentResult r = run("{reference: b.gpkg, min_reference_pixels: 10}");
    EXPECT_NEAR(value(r, "suhi_k"), (47000 - 1221000.0 / 27) * kStScale, 1e-6);
    EXPECT_NEAR(*totals(r)["suhi_reference_rural_pixels"], 27, 1e-6);
}

TEST(HeatSuhiReference, RuralByLandCoverClassesWithinThePolygon) {
    const AssessmentResult r =
        run("{reference: b.gpkg, rural_classes: [10, 40], landcover: lc.tif, "
            "min_reference_pixels: 10}");
    EXPECT_NEAR(value(r, "suhi_k"), (47000 - 1039000.0 / 23) * kStScale, 1e-6);
    EXPECT_NEAR(*totals(r)["suhi_reference_rural_pixels"], 23, 1e-6);
    const std::string classes =
        parameter("{rural_classes: [10, 40], landcover: lc.tif}", "suhi_rural_classes");
    EXPECT_NE(classes.find("land-cover classes 10, 40 of"), std::string::npos) << classes;
}

TEST(HeatSuhiReference, TheClassesDecideNotTheBuiltUpIndex) {
    // The landcover family's raster is the default map.
    const AssessmentResult r =
        run("{reference: b.gpkg, rural_classes: [50], min_reference_pixels: 1}",
            "landcover:\n  source: lc.tif\n  green_classes: [10, 30, 40]\n");
    EXPECT_NEAR(value(r, "suhi_k"), (47000 - 50000) * kStScale, 1e-6);
    EXPECT_NEAR(*totals(r)["suhi_reference_rural_pixels"], 4, 1e-6);
}

TEST(HeatSuhiReference, RuralClassesInRingsKeepTheSweep) {
    const AssessmentResult r = run(
        "{ring_km: [0.09, 0.15], sweep_km: [[0, 0.06]], rural_classes: [80], landcover: lc.tif, "
        "min_reference_pixels: 1}");
    EXPECT_NEAR(value(r, "suhi_k"), 3000 * kStScale, 1e-6);
    EXPECT_NEAR(*totals(r)["suhi_reference_rural_pixels"], 1, 1e-6);
    EXPECT_NEAR(value(r, "suhi_k_min"), 3000 * kStScale, 1e-6);
    EXPECT_NEAR(value(r, "suhi_k_max"), 3000 * kStScale, 1e-6);
    // The empty ring's reason, in the summary's notes, names the classes and the map.
    bool noted = false;
    for (const SummaryTable& t : r.summaries)
        for (const std::string& note : t.notes)
            noted |= note.find("0-0.06 km around the zones (rural: land-cover classes 80 of ") !=
                         std::string::npos &&
                     note.find("has 0 rural pixels") != std::string::npos;
    EXPECT_TRUE(noted);
}

TEST(HeatSuhiReference, APolygonOverTheZonesIsWarnedOf) {
    // Polygon C: columns 6-13, rows 2-9 (64 pixels, 57,600 m2); rows 8-9 of columns 8-11 are the
    // zone's: 8 pixels, 7,200 m2, 12.5 %.
    const AssessmentResult r = run("{reference: c.gpkg, min_reference_pixels: 10}");
    size_t found = 0;
    for (const std::string& w : r.warnings)
        if (w.find("c.gpkg: 7200 m2 (12.5 %) of the rural reference lies within the zones") !=
            std::string::npos)
            ++found;
    EXPECT_EQ(found, 1u) << fmt::format("{}", fmt::join(r.warnings, "\n"));
    EXPECT_TRUE(r.metrics.value(0, "suhi_k"));
    const AssessmentResult b = run("{reference: b.gpkg, min_reference_pixels: 10}");
    for (const std::string& w : b.warnings)
        EXPECT_EQ(w.find("within the zones"), std::string::npos) << w;
}

TEST(HeatSuhiReference, BadInputIsOneLineNamingTheFileOrKey) {
    const auto message = [](const std::string& suhi, const std::string& extra = "") {
        try {
            run(suhi, extra);
        } catch (const Error& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"{reference: nope.gpkg}", "heat.suhi.reference: "},
        {"{reference: nope.gpkg}", "nope.gpkg: no such file"},
        {"{reference: a.gpkg, reference_layer: other}", "layer \"other\" not found"},
        {"{reference: away.gpkg}", "the polygon does not overlap the image"},
        {"{reference: a.gpkg, ring_km: [2, 10]}",
         "\"heat.suhi.ring_km\" and \"heat.suhi.reference\" are two references"},
        {"{reference: a.gpkg, sweep_km: [[2, 10]]}", "\"heat.suhi.sweep_km\" and"},
        {"{reference_layer: x}", "\"heat.suhi.reference_layer\" needs \"heat.suhi.reference\""},
        {"{rural_classes: [10, 300], landcover: lc.tif}",
         "\"heat.suhi.rural_classes\": 300 is not a class code of"},
        {"{rural_classes: [10, .nan], landcover: lc.tif}", "holds class codes (integers)"},
        {"{rural_classes: [10, 2.5], landcover: lc.tif}", "holds class codes (integers)"},
        {"{rural_classes: []}", "must be a list of class codes"},
        {"{rural_classes: [10]}", "needs a land-cover raster"},
        {"{landcover: lc.tif}", "\"heat.suhi.landcover\" needs \"heat.suhi.rural_classes\""},
        {"{rural_classes: [10], landcover: missing.tif}",
         "the land-cover raster of \"heat.suhi.rural_classes\": "},
    };
    for (const auto& [suhi, expected] : cases) {
        const std::string m = message(suhi);
        EXPECT_NE(m.find(expected), std::string::npos) << suhi << " -> " << m;
        EXPECT_EQ(m.find('\n'), std::string::npos) << m;
    }
}

}  // namespace
}  // namespace gg::assess
