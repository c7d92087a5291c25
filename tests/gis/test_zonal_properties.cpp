// Property tests of the zonal engine (run_zonal) on random rasters and random star-shaped zones
// (support/star_polygons.hpp): a constant raster's mean is that constant and its area is GEOS's
// area of the zone inside the raster; the statistics do not depend on the thread count or on the
// window size. A fixed seed per case, printed on failure, reproduces it.
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogr_spatialref.h>

#include <cmath>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "gis/gdal_setup.hpp"
#include "gis/zonal_engine.hpp"
#include "support/geos_reference.hpp"
#include "support/run_command.hpp"
#include "support/star_polygons.hpp"

namespace gg {
namespace {

constexpr uint64_t kSeed = 20261203;

test::Unit unit_from(std::mt19937_64& gen) {
    return [&gen] { return static_cast<double>(gen() >> 11) * 0x1.0p-53; };
}

// A Float64 GeoTIFF of `values` in UTM 24S, in 16 x 16 tiles so zones cross blocks and windows.
std::string write_tiled(const std::string& path, const Grid& g, const std::vector<double>& values,
                        double nodata) {
    init_gdal();
    GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("GTiff");
    const char* options[] = {"TILED=YES", "BLOCKXSIZE=16", "BLOCKYSIZE=16", nullptr};
    const auto cols = static_cast<int>(g.cols), rows = static_cast<int>(g.rows);
    std::unique_ptr<GDALDataset> ds(
        drv->Create(path.c_str(), cols, rows, 1, GDT_Float64, const_cast<char**>(options)));
    double gt[6] = {g.x0, g.dx, 0, g.y0, 0, -g.dy};
    ds->SetGeoTransform(gt);
    OGRSpatialReference srs;
    srs.SetFromUserInput("EPSG:32724");
    ds->SetSpatialRef(&srs);
    GDALRasterBand* band = ds->GetRasterBand(1);
    band->SetNoDataValue(nodata);
    EXPECT_EQ(band->RasterIO(GF_Write, 0, 0, cols, rows, const_cast<double*>(values.data()), cols,
                             rows, GDT_Float64, 0, 0),
              CE_None);
    return path;
}

ZonalJob job_for(const std::string& path) {
    ZonalJob job;
    job.raster_path = path;
    job.bands = {1};
    job.keep_distribution = {true};
    job.areas = AreaConvention::Planar;  // cell area dx * dy, as GEOS measures
    return job;
}

TEST(ZonalProperties, ConstantRasterHasThatMeanAndGeosAreaInside) {
    test::TempDir dir;
    test::GeosReference geos;
    for (int i = 0; i < 25; ++i) {
        const uint64_t seed = kSeed + static_cast<uint64_t>(i);
        SCOPED_TRACE("seed " + std::to_string(seed));
        std::mt19937_64 gen(seed);
        const test::Unit next = unit_from(gen);
        const Grid g = test::random_grid(next);
        const double k = test::between(next, -1000, 1000);
        const std::string path =
            write_tiled(dir.file("constant.tif"), g,
                        std::vector<double>(static_cast<size_t>(g.cols * g.rows), k), -9999);
        std::vector<MultiPolygon> zones;
        for (int z = 0; z < 8; ++z) zones.push_back(test::random_shape(next, g));
        ZonalJob job = job_for(path);
        job.window_budget_bytes = 1;  // one block per window: zones cross windows
        const auto acc = run_zonal(job, zones);
        const double x1 = g.x0 + static_cast<double>(g.cols) * g.dx;
        const double y1 = g.y0 - static_cast<double>(g.rows) * g.dy;
        for (size_t z = 0; z < zones.size(); ++z) {
            SCOPED_TRACE("zone " + std::to_string(z));
            const ZoneAccumulator& a = acc[z][0];
            const double inside = geos.area_inside(zones[z], g.x0, y1, x1, g.y0);
            EXPECT_NEAR(a.area_m2(), inside, 1e-9 * std::max(inside, g.dx * g.dy));
            if (!a.has_values()) {
                EXPECT_LT(inside, 1e-9 * g.dx * g.dy);  // no value: the zone misses the raster
                continue;
            }
            // sum(c k) / sum(c) rounds each product: k to a few ulps, not exactly.
            EXPECT_NEAR(*a.mean(), k, 1e-12 * std::abs(k));
            EXPECT_EQ(*a.min(), k);  // min and max are picked, not computed: exact
            EXPECT_EQ(*a.max(), k);
            EXPECT_EQ(*a.majority(), k);
            EXPECT_EQ(a.valid_area_m2(), a.area_m2());
        }
    }
}

// Every statistic, for comparing runs bit for bit (EXPECT_EQ on doubles: no tolerance).
std::vector<double> statistics(const ZoneAccumulator& a) {
    std::vector<double> s = {a.area_m2(), a.valid_area_m2(), a.area_weighted_sum(), a.count(),
                             a.sum()};
    for (const auto& v : {a.mean(), a.min(), a.max(), a.stddev(), a.median(), a.quantile(0.9),
                          a.majority(), a.minority(), a.fraction(3)})
        s.push_back(v.value_or(-1e300));
    return s;
}

// A random raster of classes 0..9 with 5 % nodata and random zones; statistics of each run.
struct RandomRun {
    test::TempDir dir;
    std::string path;
    std::vector<MultiPolygon> zones;

    explicit RandomRun(uint64_t seed) {
        std::mt19937_64 gen(seed);
        const test::Unit next = unit_from(gen);
        Grid g = test::random_grid(next);
        g.cols = 150;  // many blocks and windows
        g.rows = 90;
        std::vector<double> values(static_cast<size_t>(g.cols * g.rows));
        for (double& v : values) v = next() < 0.05 ? -1 : std::floor(next() * 10);
        path = write_tiled(dir.file("classes.tif"), g, values, -1);
        for (int z = 0; z < 30; ++z) zones.push_back(test::random_shape(next, g));
    }
    std::vector<std::vector<double>> run(int threads, size_t window_budget_bytes,
                                         AreaConvention areas = AreaConvention::Planar) const {
        ZonalJob job = job_for(path);
        job.areas = areas;
        job.threads = threads;
        job.window_budget_bytes = window_budget_bytes;
        std::vector<std::vector<double>> out;
        for (const auto& zone : run_zonal(job, zones)) out.push_back(statistics(zone[0]));
        return out;
    }
};

// The largest relative difference between two runs' statistics (0: the same bits), and where.
struct Difference {
    double relative = 0;
    std::string where;
};
Difference largest_difference(const std::vector<std::vector<double>>& a,
                              const std::vector<std::vector<double>>& b) {
    Difference d;
    if (a.size() != b.size()) return {INFINITY, "zone count"};
    for (size_t z = 0; z < a.size(); ++z)
        for (size_t k = 0; k < a[z].size(); ++k) {
            const double x = a[z][k], y = b[z][k];
            if (x == y) continue;
            const double r = std::abs(x - y) / std::max(std::abs(x), std::abs(y));
            if (r > d.relative)
                d = {r, "zone " + std::to_string(z) + " statistic " + std::to_string(k) + ": " +
                            std::to_string(x) + " vs " + std::to_string(y)};
        }
    return d;
}

TEST(ZonalProperties, StatisticsAreTheSameBitsWhateverTheThreadCount) {
    for (uint64_t seed : {kSeed + 100, kSeed + 101, kSeed + 102}) {
        SCOPED_TRACE("seed " + std::to_string(seed));
        const RandomRun r(seed);
        for (size_t budget : {size_t{1}, size_t{40000}, size_t{32} << 20}) {
            SCOPED_TRACE("window budget " + std::to_string(budget));
            const auto one = r.run(1, budget);
            for (int threads : {2, 3}) {
                const Difference d = largest_difference(r.run(threads, budget), one);
                EXPECT_EQ(d.relative, 0) << threads << " threads, " << d.where;
            }
        }
    }
}

// Windows of one block, of a few blocks and the whole raster; slices of a window; planar areas
// and ellipsoidal ones (UTM: a lattice of areas that vary along each row): every statistic the
// same bits. Each cell's coverage and area do not depend on the window (core/coverage.cpp,
// core/pixel_areas.cpp), pixels are summed in runs fixed by the blocks and the runs exactly
// (core/zonal_window.hpp), so nothing may differ, not even the last bit.
TEST(ZonalProperties, StatisticsAreTheSameBitsWhateverTheWindowSize) {
    for (uint64_t seed : {kSeed + 200, kSeed + 201, kSeed + 202}) {
        SCOPED_TRACE("seed " + std::to_string(seed));
        const RandomRun r(seed);
        for (AreaConvention areas : {AreaConvention::Planar, AreaConvention::Ellipsoidal}) {
            SCOPED_TRACE(areas == AreaConvention::Planar ? "planar" : "ellipsoidal");
            const auto whole = r.run(2, size_t{32} << 20, areas);  // the raster in one window
            // 1 block per window; a few blocks; a row of blocks read in slices.
            for (size_t budget : {size_t{1}, size_t{12000}, size_t{40000}}) {
                const Difference d = largest_difference(r.run(2, budget, areas), whole);
                EXPECT_EQ(d.relative, 0) << "window budget " << budget << ", " << d.where;
            }
        }
    }
}

}  // namespace
}  // namespace gg
