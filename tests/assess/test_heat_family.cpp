// The heat family (assess/family_heat.cpp, docs/methods.md 7) on a synthetic Landsat 8
// Collection 2 Level-2 (L2SP) product of 8 x 4 pixels of 30 m, whose answers are derived here
// independently of the code under test: surface temperature K = DN x 0.00341802 + 149.0,
// reflectance = DN x 0.0000275 - 0.2 (USGS LSDS-1619), NDVI = (nir - red) / (nir + red), and
// the OLS by its closed form (slope = Sxy / Sxx over centred values) in a plain loop, where the
// family uses Eigen on weighted sums. Every zone below covers whole pixels (coverage 1), so the
// coverage-weighted statistics are plain ones: the mean is the average, the 90th percentile of 12
// values is the 11th smallest (cumulative weight 11 >= 0.9 x 12 = 10.8, and 10 < 10.8).
//   zone A: columns 0-2 (12 pixels); B: columns 3-5, pixel (3, 0) fill in QA_PIXEL (11 valid);
//   C: columns 6-7, surface temperature DN 0 (fill) everywhere; D: outside the image.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

#include "assess/assessment.hpp"
#include "assess/families.hpp"
#include "assess/project.hpp"
#include "core/error.hpp"
#include "heat_city.hpp"
#include "support/imagery_fixtures.hpp"
#include "synthetic_city.hpp"

namespace gg::assess {
namespace {

using namespace heat_test;  // NOLINT: the synthetic product of heat_city.hpp

// The hand answers of a zone of columns c0..c1 (valid pixels only).
struct Expected {
    double mean = 0, p90 = 0, max = 0, green_minus_nongreen = 0, slope_per_0_1 = 0, r2 = 0;
    double n = 0;
};

Expected by_hand(int c0, int c1) {
    std::vector<double> k, x;
    double green = 0, ng = 0;
    int n_green = 0, n_ng = 0;
    for (int r = 0; r < kRows; ++r)
        for (int c = c0; c <= c1; ++c) {
            if (qa(c, r) == 1) continue;
            k.push_back(kelvin(st_dn(c, r)));
            x.push_back(ndvi(c, r));
            (x.back() >= 0.3 ? green : ng) += k.back();
            ++(x.back() >= 0.3 ? n_green : n_ng);
        }
    Expected e;
    e.n = static_cast<double>(k.size());
    double mk = 0, mx = 0;
    for (size_t i = 0; i < k.size(); ++i) mk += k[i] / e.n, mx += x[i] / e.n;
    double sxy = 0, sxx = 0, syy = 0;
    for (size_t i = 0; i < k.size(); ++i) {
        sxy += (x[i] - mx) * (k[i] - mk);
        sxx += (x[i] - mx) * (x[i] - mx);
        syy += (k[i] - mk) * (k[i] - mk);
    }
    e.mean = mk;
    e.slope_per_0_1 = sxy / sxx * 0.1;
    e.r2 = sxy * sxy / (sxx * syy);
    e.green_minus_nongreen = green / n_green - ng / n_ng;
    std::vector<double> sorted = k;
    std::sort(sorted.begin(), sorted.end());
    e.p90 = sorted[static_cast<size_t>(std::ceil(0.9 * e.n)) - 1];
    e.max = sorted.back();
    return e;
}

TEST(HeatFamily, ZoneLstAndCoolingMatchTheHandComputation) {
    HeatCity city;
    const Project p = load_project(city.project, builtin_families());
    const AssessmentResult r = run_assessment(p);
    const ZoneMetrics& m = r.metrics;
    for (const auto& [z, c0, c1, valid] :
         {std::tuple{size_t{0}, 0, 2, 1.0}, std::tuple{size_t{1}, 3, 5, 11.0 / 12}}) {
        const Expected e = by_hand(c0, c1);
        SCOPED_TRACE(z);
        ASSERT_TRUE(m.value(z, "lst_mean_k")) << m.cell(z, "lst_mean_k").reason;
        EXPECT_NEAR(*m.value(z, "lst_mean_k"), e.mean, 1e-9);
        EXPECT_NEAR(*m.value(z, "lst_p90_k"), e.p90, 1e-9);
        EXPECT_NEAR(*m.value(z, "lst_max_k"), e.max, 1e-9);
        EXPECT_NEAR(*m.value(z, "lst_mean_c"), e.mean - 273.15, 1e-9);
        EXPECT_NEAR(*m.value(z, "lst_max_c"), e.max - 273.15, 1e-9);
        EXPECT_NEAR(*m.value(z, "lst_valid_share"), valid, 1e-12);
        EXPECT_NEAR(*m.value(z, "lst_green_minus_nongreen_k"), e.green_minus_nongreen, 1e-9);
        EXPECT_NEAR(*m.value(z, "cooling_slope_k_per_0_1_ndvi"), e.slope_per_0_1, 1e-7);
        EXPECT_NEAR(*m.value(z, "cooling_r2"), e.r2, 1e-9);
        EXPECT_NEAR(*m.value(z, "cooling_n"), e.n, 1e-9);
    }
    EXPECT_EQ(m.cell(0, "lst_mean_k").proxy, "");  // Level-2 ST is surface temperature
    // Greener is cooler in this city: ST DN falls by 500 per NDVI step.
    EXPECT_LT(*m.value(0, "cooling_slope_k_per_0_1_ndvi"), 0);
    // C: every thermal pixel is fill. No value, with the reason; the valid share is a real 0.
    EXPECT_FALSE(m.value(2, "lst_mean_k"));
    EXPECT_NE(m.cell(2, "lst_mean_k").reason.find("no valid thermal pixel"), std::string::npos);
    EXPECT_FALSE(m.value(2, "cooling_slope_k_per_0_1_ndvi"));
    EXPECT_FALSE(m.value(2, "lst_green_minus_nongreen_k"));
    EXPECT_EQ(*m.value(2, "lst_valid_share"), 0.0);
    // D: outside the image.
    EXPECT_EQ(m.cell(3, "lst_max_k").reason, "zone outside the image");
    // The whole run's regression: the valid pixels of every zone together, columns 0-5 (C has
    // none, D is outside), by the same closed form.
    const Expected all = by_hand(0, 5);
    std::map<std::string, std::optional<double>> totals;
    for (const auto& f : r.totals) totals[f.key] = f.value;
    ASSERT_TRUE(totals["cooling_slope_k_per_0_1_ndvi_all_zones"]);
    EXPECT_NEAR(*totals["cooling_slope_k_per_0_1_ndvi_all_zones"], all.slope_per_0_1, 1e-7);
    EXPECT_NEAR(*totals["cooling_r2_all_zones"], all.r2, 1e-9);
    EXPECT_NEAR(*totals["cooling_n_all_zones"], all.n, 1e-9);
}

TEST(HeatFamily, AnAllMaskedThermalBandGivesEmptyValuesWithAReason) {
    HeatCity city(true);
    const AssessmentResult r = run_assessment(load_project(city.project, builtin_families()));
    for (size_t z = 0; z < 3; ++z)
        for (const char* id : {"lst_mean_k", "lst_p90_k", "lst_max_k", "lst_mean_c", "cooling_r2",
                               "cooling_n", "lst_green_minus_nongreen_k", "hotspot_share",
                               "coldspot_share", "heat_island_area_m2"}) {
            EXPECT_FALSE(r.metrics.value(z, id)) << z << " " << id;
            EXPECT_FALSE(r.metrics.cell(z, id).reason.empty()) << z << " " << id;
        }
    // The green cover of the same product is still measured.
    EXPECT_TRUE(r.metrics.value(0, "green_share"));
}

TEST(HeatFamily, TooFewPixelsForTheRegressionIsEmptyWithTheKey) {
    HeatCity city(false, "heat:\n  min_cooling_pixels: 13\n");
    const AssessmentResult r = run_assessment(load_project(city.project, builtin_families()));
    EXPECT_TRUE(r.metrics.value(0, "lst_mean_k"));
    EXPECT_FALSE(r.metrics.value(0, "cooling_slope_k_per_0_1_ndvi"));
    EXPECT_NE(r.metrics.cell(0, "cooling_r2").reason.find("heat.min_cooling_pixels"),
              std::string::npos);
    EXPECT_EQ(*r.metrics.value(0, "cooling_n"), 12.0);
}

// The real Landsat 8 Level-1 sample (data/landsat), zone "west" = its columns 0-20.5 (x 483285 to
// 483900, all 41 rows): column 20 half covered. Expected values by hand with Python 3 and
// Debian's numpy 1.24 (float64), as tests/cli/test_lst_index.cpp computes LST per pixel from the
// MTL constants, then with weights w = 1 (columns 0-19), 0.5 (column 20): mean = sum w LST /
// sum w; OLS slope = sum w (x - mx)(y - my) / sum w (x - mx)^2 x 0.1, R2 = Sxy^2 / (Sxx Syy);
// green (NDVI >= 0.3) minus non-green weighted means.
TEST(HeatFamily, RealLandsat8LevelOneZoneMatchesNumpy) {
    test::TempDir dir;
    test::LayerFixture zones;
    zones.crs = "EPSG:32632";
    zones.fields = {{"code", OFTString}};
    zones.features = {{test::rectangle(483285, 5627295, 483900, 5628525), {"west"}}};
    test::write_vector(dir.file("zones.gpkg"), "GPKG", {zones});
    test::write_text(dir.file("p.yaml"),
                     "name: l8\nzones:\n  source: zones.gpkg\n  id_field: code\n"
                     "imagery:\n  products: [" +
                         test::kL8Mtl + "]\nheat: {}\n");
    const AssessmentResult r = run_assessment(load_project(dir.file("p.yaml"), builtin_families()));
    const ZoneMetrics& m = r.metrics;
    EXPECT_NEAR(*m.value(0, "lst_mean_k"), 303.5143216194577, 1e-9);
    EXPECT_NEAR(*m.value(0, "cooling_n"), 840.5, 1e-9);
    EXPECT_NEAR(*m.value(0, "cooling_slope_k_per_0_1_ndvi"), -0.9809517400096985, 1e-9);
    EXPECT_NEAR(*m.value(0, "cooling_r2"), 0.5541491010446427, 1e-9);
    EXPECT_NEAR(*m.value(0, "lst_green_minus_nongreen_k"), -3.319167363964823, 1e-9);
    EXPECT_EQ(*m.value(0, "lst_valid_share"), 1.0);
    // Level-1 LST is not atmospherically corrected: the values say so.
    EXPECT_NE(m.cell(0, "lst_mean_k").proxy.find("no atmospheric correction"), std::string::npos);
}

TEST(HeatFamily, BadProjectValuesAndAStackWithoutThermalFail) {
    HeatCity city(false, "heat:\n  thermal_gain: medium\n");
    try {
        load_project(city.project, builtin_families());
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("heat.thermal gain 'medium'"), std::string::npos)
            << e.what();
    }
    test::SyntheticCity stack("heat: {}\n");
    try {
        run_assessment(load_project(stack.project, builtin_families()));
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("needs imagery.products"), std::string::npos)
            << e.what();
    }
}

}  // namespace
}  // namespace gg::assess
