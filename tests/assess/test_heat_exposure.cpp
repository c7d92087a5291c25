// Exposure of residents to surface heat (assess/family_heat_exposure.cpp, gis/people_on_grid.cpp;
// docs/methods.md 7.5). Expected values are derived here without the code under test:
// - On the synthetic product of heat_city.hpp (8 x 4 pixels of 30 m, LST K = DN x 0.00341802 +
//   149.0) with a population raster of 60 m cells on the same origin (4 x 2 cells, each holding
//   2 x 2 LST pixels): people spread evenly within a cell put P/4 on each of its LST pixels, so
//   p(c, r) = P(c / 2, r / 2) / 4 and the weighted mean is a plain loop over the pixels. By hand
//   for zone A (columns 0-2, no fill): sum p DN = 2,615,000 + 2,603,000 + 2,611,000 (columns 0, 1,
//   2) = 7,829,000 over sum p = 180 persons, DN 43,494.444, K = 297.664881 (LST is linear in DN);
//   zone B (columns 3-5, pixel (3, 0) fill, p = 10 there): 110 of its 120 persons on valid LST,
//   share 0.916667, K = 300.628028.
// - With population in another CRS (EPSG:4326, as WorldPop), people per cell proportional to the
//   cell's ground area (uniform density): every LST pixel of one zone then holds the same people,
//   so the population-weighted mean is the zone's plain mean LST (lst_mean_k) and the share on
//   valid LST is lst_valid_share, to the density's variation across the zone (about 1e-5).
// - pop_in_hotspots: Gi* z by the brute-force double loop of heat_city.hpp, then the persons p of
//   the pixels with z >= the threshold.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "assess/assessment.hpp"
#include "assess/families.hpp"
#include "assess/project.hpp"
#include "core/error.hpp"
#include "heat_city.hpp"
#include "support/imagery_fixtures.hpp"

namespace gg::assess {
namespace {

using namespace heat_test;  // NOLINT: the synthetic product of heat_city.hpp

constexpr const char* kPopulation = "  population_raster: pop.tif\n";
// People per 60 m cell, row-major (4 x 2).
const std::vector<double> kPeople = {100, 40, 10, 0, 20, 80, 50, 30};

double people_on(int c, int r) {
    return kPeople[static_cast<size_t>((r / 2) * 4 + c / 2)] / 4;
}

void write_population(const std::string& path, std::vector<double> values, double cell = 60,
                      int cols = 4, int rows = 2) {
    test::write_raster(path, test::utm_raster(cols, rows, cell, std::move(values), GDT_Float32));
}

// A geographic population raster (EPSG:4326) of cells of `step` degrees covering the synthetic
// product (or the given box), people per cell = density x the cell's ground area (cos(lat)).
void write_geographic_population(const std::string& path, double lon0, double lat0, double step,
                                 int cols, int rows, double per_cell_at_equator) {
    test::RasterFixture r;
    r.crs = "EPSG:4326";
    r.geotransform = {lon0, step, 0, lat0, 0, -step};
    r.cols = cols;
    r.rows = rows;
    r.type = GDT_Float64;
    for (int row = 0; row < rows; ++row)
        for (int c = 0; c < cols; ++c) {
            const double lat = lat0 - (row + 0.5) * step;
            r.values.push_back(per_cell_at_equator * std::cos(lat * M_PI / 180));
        }
    test::write_raster(path, r);
}

struct ByHand {
    double weighted_k = 0, share = 0, people = 0;
};

ByHand by_hand(int c0, int c1) {
    double num = 0, on_lst = 0, all = 0;
    for (int r = 0; r < kRows; ++r)
        for (int c = c0; c <= c1; ++c) {
            const double p = people_on(c, r);
            all += p;
            if (c >= 6 || qa(c, r) == 1) continue;
            num += p * kelvin(st_dn(c, r));
            on_lst += p;
        }
    return {num / on_lst, on_lst / all, all};
}

TEST(HeatExposure, CoarserPopulationGridMatchesTheHandComputation) {
    HeatCity city(false, "heat: {}\n", kPopulation);
    write_population(city.dir.file("pop.tif"), kPeople);
    const Project p = load_project(city.project, builtin_families());
    const AssessmentResult r = run_assessment(p);
    const ZoneMetrics& m = r.metrics;
    // The figures of the comment above, then the loop for both zones.
    ASSERT_TRUE(m.value(0, "lst_pop_weighted_k")) << m.cell(0, "lst_pop_weighted_k").reason;
    EXPECT_NEAR(*m.value(0, "lst_pop_weighted_k"), 7829000.0 / 180 * 0.00341802 + 149.0, 1e-9);
    EXPECT_NEAR(*m.value(0, "lst_pop_weighted_k"), 297.664881, 1e-6);
    EXPECT_NEAR(*m.value(1, "lst_pop_weighted_k"), 300.628028, 1e-6);
    EXPECT_NEAR(*m.value(1, "lst_pop_valid_share"), 110.0 / 120, 1e-12);
    for (const auto& [z, c0, c1] : {std::tuple{size_t{0}, 0, 2}, std::tuple{size_t{1}, 3, 5}}) {
        const ByHand e = by_hand(c0, c1);
        EXPECT_NEAR(*m.value(z, "lst_pop_weighted_k"), e.weighted_k, 1e-9) << z;
        EXPECT_NEAR(*m.value(z, "lst_pop_valid_share"), e.share, 1e-12) << z;
        // The population family sums the same raster on its own grid: the same residents.
        EXPECT_NEAR(*m.value(z, "population"), e.people, 1e-9) << z;
    }
    // Weighting moves the figure: A's people live mostly in its cooler west.
    EXPECT_GT(std::abs(*m.value(0, "lst_pop_weighted_k") - *m.value(0, "lst_mean_k")), 0.1);
    // C: residents, but no valid LST: no weighted mean (with the reason), a real share of 0.
    EXPECT_FALSE(m.value(2, "lst_pop_weighted_k"));
    EXPECT_NE(m.cell(2, "lst_pop_weighted_k").reason.find("no resident on a pixel with a valid"),
              std::string::npos)
        << m.cell(2, "lst_pop_weighted_k").reason;
    EXPECT_EQ(*m.value(2, "lst_pop_valid_share"), 0.0);
    // D: outside the image.
    EXPECT_EQ(m.cell(3, "lst_pop_weighted_k").reason, "zone outside the image");
    EXPECT_FALSE(m.value(3, "lst_pop_valid_share"));
    // Default band 300 m holds every pixel of so small a raster: no z, so no pop_in_hotspots.
    EXPECT_FALSE(m.value(0, "pop_in_hotspots"));
    EXPECT_FALSE(m.cell(0, "pop_in_hotspots").reason.empty());
}

TEST(HeatExposure, PeopleInHotSpotsMatchBruteForceGiStar) {
    HeatCity city(false, "heat:\n  hotspots: {band_m: 30, z: 0.5}\n", kPopulation);
    write_population(city.dir.file("pop.tif"), kPeople);
    const AssessmentResult r = run_assessment(load_project(city.project, builtin_families()));
    const Raster z = brute_force_gi(synthetic_lst(), kCols, kRows, 1);
    const auto persons = [&](int c0, int c1) {
        double sum = 0;
        for (int row = 0; row < kRows; ++row)
            for (int c = c0; c <= c1; ++c)
                if (const auto& v = z[static_cast<size_t>(row * kCols + c)]; v && *v >= 0.5)
                    sum += people_on(c, row);
        return sum;
    };
    const ZoneMetrics& m = r.metrics;
    ASSERT_TRUE(m.value(1, "pop_in_hotspots")) << m.cell(1, "pop_in_hotspots").reason;
    EXPECT_NEAR(*m.value(0, "pop_in_hotspots"), persons(0, 2), 1e-9);
    EXPECT_NEAR(*m.value(1, "pop_in_hotspots"), persons(3, 5), 1e-9);
    EXPECT_GT(persons(3, 5), 0);  // B is the warm side: people on its hot spots
    EXPECT_FALSE(m.value(2, "pop_in_hotspots"));
    EXPECT_EQ(m.cell(3, "pop_in_hotspots").reason, "zone outside the image");
}

TEST(HeatExposure, PopulationInAnotherCrsIsReprojected) {
    // The product spans 500000-500240 E, 999880-1000000 N in UTM 47N: about 99.000-99.0022 E,
    // 9.0455-9.0466 N. Cells of 0.0004 degrees (about 44 m) from 98.998 E, 9.047 N, 15 x 10.
    HeatCity city(false, "heat: {}\n", kPopulation);
    write_geographic_population(city.dir.file("pop.tif"), 98.998, 9.047, 0.0004, 15, 10, 12.0);
    const AssessmentResult r = run_assessment(load_project(city.project, builtin_families()));
    const ZoneMetrics& m = r.metrics;
    for (size_t z = 0; z < 2; ++z) {
        SCOPED_TRACE(z);
        ASSERT_TRUE(m.value(z, "lst_pop_weighted_k")) << m.cell(z, "lst_pop_weighted_k").reason;
        EXPECT_NEAR(*m.value(z, "lst_pop_weighted_k"), *m.value(z, "lst_mean_k"), 2e-4);
        EXPECT_NEAR(*m.value(z, "lst_pop_valid_share"), *m.value(z, "lst_valid_share"), 1e-5);
    }
}

TEST(HeatExposure, EmptyWithReasonsWithoutResidents) {
    {  // A population raster that misses the image: no population pixel in any zone.
        HeatCity city(false, "heat: {}\n", kPopulation);
        test::RasterFixture far = test::utm_raster(4, 2, 60, kPeople, GDT_Float32);
        far.geotransform[0] = 700000;
        test::write_raster(city.dir.file("pop.tif"), far);
        const AssessmentResult r = run_assessment(load_project(city.project, builtin_families()));
        EXPECT_FALSE(r.metrics.value(0, "lst_pop_weighted_k"));
        EXPECT_NE(r.metrics.cell(0, "lst_pop_weighted_k").reason.find("no population pixel"),
                  std::string::npos)
            << r.metrics.cell(0, "lst_pop_weighted_k").reason;
        EXPECT_FALSE(r.metrics.value(0, "lst_pop_valid_share"));
    }
    {  // Nobody lives there: no weighted mean, no share (of no one), never 0.
        HeatCity city(false, "heat: {}\n", kPopulation);
        write_population(city.dir.file("pop.tif"), std::vector<double>(8, 0.0));
        const AssessmentResult r = run_assessment(load_project(city.project, builtin_families()));
        EXPECT_FALSE(r.metrics.value(0, "lst_pop_weighted_k"));
        EXPECT_NE(r.metrics.cell(0, "lst_pop_weighted_k").reason.find("no residents"),
                  std::string::npos);
        EXPECT_FALSE(r.metrics.value(0, "lst_pop_valid_share"));
    }
    {  // A population field alone: the exposure metrics are not computed (not in the columns).
        HeatCity city(false, "heat: {}\n", "  population_field: code\n");
        const Project p = load_project(city.project, builtin_families());
        const auto columns = zone_metric_columns(p);
        for (const char* id : {"lst_pop_weighted_k", "lst_pop_valid_share", "pop_in_hotspots"})
            EXPECT_EQ(std::find(columns.begin(), columns.end(), id), columns.end()) << id;
        EXPECT_NE(std::find(columns.begin(), columns.end(), "lst_mean_k"), columns.end());
    }
}

TEST(HeatExposure, InfiniteOrNegativePeopleNameTheFile) {
    for (const double bad : {std::numeric_limits<double>::infinity(), -5.0}) {
        HeatCity city(false, "heat: {}\n", kPopulation);
        std::vector<double> v = kPeople;
        v[1] = bad;
        write_population(city.dir.file("pop.tif"), v);
        try {
            run_assessment(load_project(city.project, builtin_families()));
            FAIL() << "no error for " << bad;
        } catch (const Error& e) {
            const std::string what = e.what();
            EXPECT_NE(what.find("pop.tif"), std::string::npos) << what;
            EXPECT_EQ(what.find('\n'), std::string::npos) << what;  // one line
        }
    }
}

// The real Landsat 8 Level-1 sample (data/landsat: 41 x 41 pixels of 30 m, UTM 32N, about
// 8.77 E, 50.80 N) with a geographic population raster of uniform density: the weighted mean is
// the zone's mean LST (as above), here on real temperatures.
TEST(HeatExposure, RealLandsat8WithGeographicPopulation) {
    test::TempDir dir;
    test::write_l8_west_east_zones(dir.file("zones.gpkg"));
    // 8.75-8.80 E, 50.79-50.82 N in cells of 0.001 degrees (about 70 x 111 m).
    write_geographic_population(dir.file("pop.tif"), 8.75, 50.82, 0.001, 50, 30, 100.0);
    test::write_text(dir.file("p.yaml"),
                     "name: l8\nareas: planar\nzones:\n  source: zones.gpkg\n  id_field: code\n" +
                         std::string(kPopulation) + "imagery:\n  products: [" + test::kL8Mtl +
                         "]\nheat: {}\n");
    const AssessmentResult r = run_assessment(load_project(dir.file("p.yaml"), builtin_families()));
    const ZoneMetrics& m = r.metrics;
    for (size_t z = 0; z < 2; ++z) {
        SCOPED_TRACE(z);
        ASSERT_TRUE(m.value(z, "lst_pop_weighted_k")) << m.cell(z, "lst_pop_weighted_k").reason;
        EXPECT_NEAR(*m.value(z, "lst_pop_weighted_k"), *m.value(z, "lst_mean_k"), 2e-3);
        EXPECT_NEAR(*m.value(z, "lst_pop_valid_share"), *m.value(z, "lst_valid_share"), 1e-4);
        ASSERT_TRUE(m.value(z, "pop_in_hotspots")) << m.cell(z, "pop_in_hotspots").reason;
        EXPECT_LE(*m.value(z, "pop_in_hotspots"), *m.value(z, "population") * 1.001);
    }
    std::printf(
        "real L8 exposure: west %.4f K weighted, %.4f K mean, %.0f of %.0f persons in hot spots; "
        "east %.4f K weighted, %.4f K mean, %.0f of %.0f persons in hot spots\n",
        *m.value(0, "lst_pop_weighted_k"), *m.value(0, "lst_mean_k"),
        *m.value(0, "pop_in_hotspots"), *m.value(0, "population"),
        *m.value(1, "lst_pop_weighted_k"), *m.value(1, "lst_mean_k"),
        *m.value(1, "pop_in_hotspots"), *m.value(1, "population"));
}

}  // namespace
}  // namespace gg::assess
