// heat.suhi: the surface urban heat island intensity against rural reference rings
// (docs/methods.md 7.4), on a synthetic Landsat 8 Collection 2 Level-2 product whose answers are
// worked out by hand below.
//
// The product: 20 x 20 pixels of 30 m, UTM 47N from (500000, 1000000), `areas: planar`. The zone
// is the square of columns and rows 8-11 (120 x 120 m). Surface temperature DNs (K = DN x
// 0.00341802 + 149, USGS Collection 2 Level-2):
//   - the zone: 47000, except its water pixel (9, 9): 44000;
//   - within 2 pixels (60 m, Chebyshev) of the zone: 46000 (the inner belt);
//   - farther: 45000 (the outer belt), except built-up pixels on row 4, columns 8-11 (50000) and
//     a water pixel at (9, 3) (44000).
// Reflectance DNs (rho = DN x 0.0000275 - 0.2): red 10000 everywhere; land: green 10000, SWIR1
// 20000, NIR 25000 (MNDWI = (0.075 - 0.35) / 0.425 < 0, NDBI = (0.35 - 0.4875) / 0.8375 < 0:
// rural); built-up: SWIR1 25000, NIR 15000 (NDBI = (0.4875 - 0.2125) / 0.7 = 0.39 > 0); water:
// green 20000, SWIR1 10000 (MNDWI = 0.275 / 0.425 = 0.65 > 0).
//
// Ring 0-0.06 km (the union buffered by 60 m, minus the zone): every point of it is within 60 m
// of the square, so within 2 pixels in the Chebyshev sense: the inner belt only, mean 46000.
// Its area is 120 x 480 (sides) + pi 60^2 (corners) = 40,110 m2, 44.6 pixels.
// Ring 0.09-0.15 km: a point 90 m or more from the square is at least 90 / sqrt(2) = 63.6 m from
// it along x or y, so outside the inner belt; and within 150 m, so inside the raster (5 pixels
// around the zone). Its rural pixels are all of the outer belt (the built-up row 4 is 90-120 m
// above the zone, inside the ring, and excluded; the water pixel on row 3 too): mean 45000.
// The zone's land pixels (the water pixel excluded): 47000.
// suhi_k (ring 0-0.06) = K(47000) - K(46000) = 1000 x 0.00341802 = 3.41802 K; the other ring
// gives 2000 x 0.00341802 = 6.83604 K: suhi_k_min 3.41802, suhi_k_max 6.83604.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>

#include "assess/assessment.hpp"
#include "assess/families.hpp"
#include "core/error.hpp"
#include "support/imagery_fixtures.hpp"
#include "synthetic_city.hpp"

namespace gg::assess {
namespace {

constexpr int kSize = 20;
const std::string kId = "LC08_L2SP_129050_20230101_20230110_02_T1";
constexpr double kStScale = 0.00341802;

enum class Cover { Land, BuiltUp, Water };

Cover cover(int c, int r) {
    if ((c == 9 && r == 9) || (c == 9 && r == 3)) return Cover::Water;
    if (r == 4 && c >= 8 && c <= 11) return Cover::BuiltUp;
    return Cover::Land;
}

double st_dn(int c, int r) {
    const int d = std::max({8 - c, c - 11, 8 - r, r - 11, 0});  // Chebyshev distance to the zone
    if (cover(c, r) == Cover::Water) return 44000;
    if (cover(c, r) == Cover::BuiltUp) return 50000;
    if (d == 0) return 47000;
    return d <= 2 ? 46000 : 45000;
}

template <typename F>
std::vector<double> grid(F f) {
    std::vector<double> v;
    for (int r = 0; r < kSize; ++r)
        for (int c = 0; c < kSize; ++c) v.push_back(f(c, r));
    return v;
}

// The product; without_swir1: no SR_B6 (the heat island needs it).
std::string write_product(const test::TempDir& dir, bool without_swir1 = false) {
    const auto px = [&](const char* band, std::vector<double> v) {
        test::write_raster(dir.file(kId + "_" + band + ".TIF"),
                           test::utm_raster(kSize, kSize, 30, std::move(v)));
    };
    px("SR_B3", grid([](int c, int r) { return cover(c, r) == Cover::Water ? 20000.0 : 10000.0; }));
    px("SR_B4", grid([](int, int) { return 10000.0; }));
    px("SR_B5",
       grid([](int c, int r) { return cover(c, r) == Cover::BuiltUp ? 15000.0 : 25000.0; }));
    if (!without_swir1)
        px("SR_B6", grid([](int c, int r) {
               switch (cover(c, r)) {
                   case Cover::Water:
                       return 10000.0;
                   case Cover::BuiltUp:
                       return 25000.0;
                   case Cover::Land:
                       break;
               }
               return 20000.0;
           }));
    px("ST_B10", grid(st_dn));
    px("QA_PIXEL", grid([](int, int) { return 21824.0; }));  // clear
    px("QA_RADSAT", grid([](int, int) { return 0.0; }));
    return test::write_l2sp_mtl(dir.path(), kId);
}

std::string write_project(const test::TempDir& dir, const std::string& suhi,
                          bool without_swir1 = false) {
    const std::string mtl = write_product(dir, without_swir1);
    test::LayerFixture zones;
    zones.crs = "EPSG:32647";
    zones.fields = {{"code", OFTString}};
    zones.features = {{test::rectangle(500240, 999640, 500360, 999760), {"core"}}};
    test::write_vector(dir.file("zones.gpkg"), "GPKG", {zones});
    const std::string project = dir.file("p.yaml");
    test::write_text(project,
                     "name: suhi\nareas: planar\nzones:\n  source: zones.gpkg\n  id_field: code\n"
                     "imagery:\n  products: [" +
                         mtl + "]\nheat:\n  hotspots: false\n  suhi: " + suhi + "\n");
    return project;
}

double value(const AssessmentResult& r, const std::string& id) {
    const auto v = r.metrics.value(0, id);
    EXPECT_TRUE(v) << id << ": " << r.metrics.cell(0, id).reason;
    return v.value_or(-1);
}

TEST(HeatSuhi, ZoneLandMinusRuralReferenceForEachRing) {
    test::TempDir dir;
    const std::string p = write_project(
        dir, "{ring_km: [0, 0.06], sweep_km: [[0.09, 0.15]], min_reference_pixels: 10}");
    const AssessmentResult r = run_assessment(load_project(p, builtin_families()));
    EXPECT_NEAR(value(r, "suhi_k"), 1000 * kStScale, 1e-6);
    EXPECT_NEAR(value(r, "suhi_k_min"), 1000 * kStScale, 1e-6);
    EXPECT_NEAR(value(r, "suhi_k_max"), 2000 * kStScale, 1e-6);
}

TEST(HeatSuhi, TheReferenceIsWrittenWithItsAreaAndPixels) {
    test::TempDir dir;
    const std::string p = write_project(
        dir, "{ring_km: [0, 0.06], sweep_km: [[0.09, 0.15]], min_reference_pixels: 10}");
    const Project project = load_project(p, builtin_families());
    const AssessmentResult r = run_assessment(project);
    std::map<std::string, std::optional<double>> figures;
    for (const auto& f : r.totals) figures[f.key] = f.value;
    // 40,110 m2 of ring (perimeter 480 m x 60 m + pi 60^2) less the 32 segments per quarter circle
    // of its arcs (0.04 % of a circle's 11,310 m2): within 10 m2.
    ASSERT_TRUE(figures["suhi_reference_area_m2"]);
    EXPECT_NEAR(*figures["suhi_reference_area_m2"], 480 * 60 + M_PI * 3600, 10);
    EXPECT_NEAR(*figures["suhi_reference_rural_pixels"], (480 * 60 + M_PI * 3600) / 900, 0.02);
    EXPECT_NEAR(*figures["suhi_reference_lst_k"], 46000 * kStScale + 149, 1e-6);
}

TEST(HeatSuhi, TooFewRuralPixelsIsEmptyWithTheReasonNeverANumber) {
    // Ring 0-0.06 km has 44.6 rural pixels: with 50 required its suhi_k is empty, and the range
    // is over the other ring alone.
    test::TempDir dir;
    const std::string p = write_project(
        dir, "{ring_km: [0, 0.06], sweep_km: [[0.09, 0.15]], min_reference_pixels: 50}");
    const AssessmentResult r = run_assessment(load_project(p, builtin_families()));
    EXPECT_FALSE(r.metrics.value(0, "suhi_k"));
    EXPECT_NE(r.metrics.cell(0, "suhi_k")
                  .reason.find("0-0.06 km around the zones has 45 rural "
                               "pixels with LST, fewer than "
                               "heat.suhi.min_reference_pixels (50)"),
              std::string::npos)
        << r.metrics.cell(0, "suhi_k").reason;
    EXPECT_NEAR(value(r, "suhi_k_min"), 2000 * kStScale, 1e-6);
    EXPECT_NEAR(value(r, "suhi_k_max"), 2000 * kStScale, 1e-6);
}

TEST(HeatSuhi, ARingOutsideTheImageIsEmptyWithTheReason) {
    // The default ring (2-10 km) is far outside the 600 m image: no rural pixel.
    test::TempDir dir;
    const std::string p = write_project(dir, "{}");
    const AssessmentResult r = run_assessment(load_project(p, builtin_families()));
    EXPECT_FALSE(r.metrics.value(0, "suhi_k"));
    EXPECT_NE(r.metrics.cell(0, "suhi_k").reason.find("2-10 km around the zones has 0 rural"),
              std::string::npos)
        << r.metrics.cell(0, "suhi_k").reason;
    EXPECT_FALSE(r.metrics.value(0, "suhi_k_max"));
}

TEST(HeatSuhi, BadInputIsOneLineNamingTheKeyOrBand) {
    const auto message = [](const std::string& suhi, bool without_swir1 = false) {
        const test::TempDir dir;
        try {
            run_assessment(
                load_project(write_project(dir, suhi, without_swir1), builtin_families()));
        } catch (const Error& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    EXPECT_NE(message("{ring_km: [10, 2]}").find("\"heat.suhi.ring_km\" must have 0 <= inner_km"),
              std::string::npos);
    EXPECT_NE(message("{ring_km: 5}").find("must be [inner_km, outer_km]"), std::string::npos);
    EXPECT_NE(message("{sweep_km: []}").find("heat.suhi.sweep_km"), std::string::npos);
    EXPECT_NE(message("{water_mndwi: 2}").find("\"heat.suhi.water_mndwi\" must be in [-1, 1]"),
              std::string::npos);
    EXPECT_NE(message("{builtup_ndbi: -1.5}").find("\"heat.suhi.builtup_ndbi\" must be in [-1, 1]"),
              std::string::npos);
    EXPECT_NE(message("{min_reference_pixels: .nan}").find("min_reference_pixels"),
              std::string::npos);
    EXPECT_NE(message("{rings: 3}").find("rings"), std::string::npos);
    const std::string no_swir = message("{}", true);
    EXPECT_NE(no_swir.find("heat.suhi needs the swir1 band"), std::string::npos) << no_swir;
    for (const std::string& m : {message("{ring_km: [10, 2]}"), no_swir})
        EXPECT_EQ(m.find('\n'), std::string::npos) << m;
}

}  // namespace
}  // namespace gg::assess
