// The streaming engine against answers obtained another way: closed-form coverage of
// axis-aligned rectangles, PROJ's geodesic area, and GEOS's polygon/pixel intersections on the
// real Olinda tracts.
#include <gdal_priv.h>
#include <geodesic.h>
#include <geos_c.h>
#include <gtest/gtest.h>

#include <cmath>
#include <memory>

#include "core/error.hpp"
#include "core/green_cover.hpp"
#include "gis/gdal_setup.hpp"
#include "gis/raster_source.hpp"
#include "gis/zonal_engine.hpp"
#include "gis/zone_reader.hpp"
#include "support/run_command.hpp"

namespace gg {
namespace {

const std::string kData = GG_DATA_DIR;

// A tiled GeoTIFF of unit cells (x in [0, cols], y in [-rows, 0]) with value(c, r) = c + 1000 r,
// 16 x 16 blocks so zones cross many block boundaries; nodata 0 at cell (0, 0) only.
std::string make_ramp(const test::TempDir& dir, int cols, int rows, const char* epsg = "EPSG:3857",
                      double x0 = 0, double y0 = 0, double cell = 1) {
    init_gdal();
    const std::string path = dir.file("ramp.tif");
    GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("GTiff");
    const char* options[] = {"TILED=YES", "BLOCKXSIZE=16", "BLOCKYSIZE=16", nullptr};
    std::unique_ptr<GDALDataset> ds(
        drv->Create(path.c_str(), cols, rows, 1, GDT_Float64, const_cast<char**>(options)));
    double gt[6] = {x0, cell, 0, y0, 0, -cell};
    ds->SetGeoTransform(gt);
    OGRSpatialReference srs;
    srs.SetFromUserInput(epsg);
    ds->SetSpatialRef(&srs);
    std::vector<double> v(static_cast<size_t>(cols) * rows);
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c) v[static_cast<size_t>(r) * cols + c] = c + 1000.0 * r;
    GDALRasterBand* band = ds->GetRasterBand(1);
    band->SetNoDataValue(0);
    EXPECT_EQ(band->RasterIO(GF_Write, 0, 0, cols, rows, v.data(), cols, rows, GDT_Float64, 0, 0),
              CE_None);
    return path;
}

MultiPolygon rect(double x0, double y0, double x1, double y1) {
    return MultiPolygon{{Polygon{{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}}, {}}}};
}

// Length of [a0, a1] inside [b0, b1].
double overlap(double a0, double a1, double b0, double b1) {
    return std::max(0.0, std::min(a1, b1) - std::max(a0, b0));
}

TEST(ZonalEngine, RectanglesAcrossBlocksAndTheEdgeMatchClosedForm) {
    // For an axis-aligned rectangle the coverage of a cell is the product of the overlaps of the
    // two intervals: an independent closed form. Small strips and two threads force zones across
    // strip, block and raster edges.
    test::TempDir dir;
    const int cols = 70, rows = 50;
    const std::string path = make_ramp(dir, cols, rows);
    const std::vector<MultiPolygon> zones = {
        rect(3.25, -41.5, 37.75, -2.125),  // crosses 16-cell blocks both ways
        rect(-5.5, -10.5, 6.5, 4.0),       // crosses the left and top raster edges, holds nodata
        rect(60.2, -55.0, 80.0, -44.3),    // crosses the right and bottom edges
        rect(100, 100, 110, 110),          // outside
    };
    for (int threads : {1, 2}) {
        ZonalJob job;
        job.raster_path = path;
        job.bands = {1};
        job.threads = threads;
        job.window_budget_bytes = 1;  // one block per window
        job.keep_distribution = {true};
        job.areas = AreaConvention::Planar;
        const auto acc = run_zonal(job, zones);
        for (size_t z = 0; z < zones.size(); ++z) {
            const Box b = bounds(zones[z]);
            double count = 0, sum = 0, area = 0, max = -1;
            for (int r = 0; r < rows; ++r) {
                for (int c = 0; c < cols; ++c) {
                    const double f =
                        overlap(b.xmin, b.xmax, c, c + 1) * overlap(b.ymin, b.ymax, -r - 1.0, -r);
                    if (f <= 0) continue;
                    area += f;
                    if (c == 0 && r == 0) continue;  // nodata
                    count += f;
                    sum += f * (c + 1000.0 * r);
                    max = std::max(max, c + 1000.0 * r);
                }
            }
            const ZoneAccumulator& a = acc[z][0];
            // Planar: the pixel area is 1 m2 (EPSG:3857's own units).
            EXPECT_NEAR(a.area_m2(), area, 1e-9 * std::max(1.0, area)) << z << " t" << threads;
            EXPECT_NEAR(a.count(), count, 1e-9 * std::max(1.0, count)) << z;
            EXPECT_NEAR(a.sum(), sum, 1e-9 * std::max(1.0, sum)) << z;
            if (count > 0) {
                EXPECT_EQ(a.max().value(), max) << z;
            } else {
                EXPECT_FALSE(a.mean().has_value()) << z;
            }
        }
        // Zone 1 covers cell (0, 0), nodata: 1 m2 of its 6.5 * 4... area is not valid.
        EXPECT_LT(acc[1][0].valid_share().value(), 1.0);

        // On the ellipsoid: Web Mercator's areal scale is a^2 / (N rho cos^2 phi) (x = a lambda,
        // y = a ln tan(pi/4 + phi/2) of the geodetic latitude, against the ellipsoid's
        // N cos phi dlambda and rho dphi); on the equator N = a and rho = a (1 - e^2), so a plane
        // m2 is 1 - e^2 ground m2 (here within 50 m of the equator: to 1e-12).
        job.areas = AreaConvention::Ellipsoidal;
        const auto ground = run_zonal(job, zones);
        const double e2 = (1 / 298.257223563) * (2 - 1 / 298.257223563);  // WGS 84
        for (size_t z = 0; z < zones.size(); ++z) {
            EXPECT_NEAR(ground[z][0].area_m2(), acc[z][0].area_m2() * (1 - e2),
                        1e-9 * std::max(1.0, acc[z][0].area_m2()))
                << z;
            EXPECT_EQ(ground[z][0].count(), acc[z][0].count()) << z;  // coverage is unchanged
        }
    }
}

// Every statistic the accumulators hold, exactly (no tolerance): for comparing runs bit for bit.
std::vector<double> bits_of(const ZoneAccumulator& a) {
    return {a.area_m2(),
            a.valid_area_m2(),
            a.area_weighted_sum(),
            a.count(),
            a.sum(),
            a.mean().value_or(-1),
            a.stddev().value_or(-1),
            a.min().value_or(-1),
            a.max().value_or(-1),
            a.keeps_distribution() ? a.median().value_or(-1) : -2};
}

TEST(ZonalEngine, ResultsAreTheSameBitsWhateverTheThreadCount) {
    // Windows are merged in window order, not per thread: 1, 2 and 3 threads over one-block
    // windows (20 windows, zones across many of them) must give identical doubles. Web Mercator
    // has one pixel area per row; UTM, 500 km west of its central meridian here, a lattice.
    test::TempDir dir;
    const std::vector<MultiPolygon> zones = {rect(3.25, -41.5, 67.75, -2.125),
                                             rect(-5.5, -10.5, 6.5, 4.0),
                                             rect(20.1, -49.9, 50.3, -0.7)};
    for (const char* crs : {"EPSG:3857", "EPSG:32647"}) {
        const std::string path = make_ramp(dir, 70, 50, crs);
        std::vector<std::vector<std::vector<double>>> runs;
        for (int threads : {1, 2, 3}) {
            ZonalJob job;
            job.raster_path = path;
            job.bands = {1};
            job.threads = threads;
            job.window_budget_bytes = 1;  // one block per window
            job.keep_distribution = {true};
            job.areas = AreaConvention::Ellipsoidal;
            const auto acc = run_zonal(job, zones);
            std::vector<std::vector<double>> bits;
            for (const auto& z : acc) bits.push_back(bits_of(z[0]));
            runs.push_back(bits);
        }
        EXPECT_EQ(runs[0], runs[1]) << crs;
        EXPECT_EQ(runs[0], runs[2]) << crs;
    }
}

TEST(ZonalEngine, ShapesGetOnlyTheirChannels) {
    // One pass, two channels (the value and twice the value); the second shape asks for channel
    // 1 only and must get exactly what a pass of all channels gives for channel 1.
    test::TempDir dir;
    const std::string path = make_ramp(dir, 40, 30);
    const std::vector<MultiPolygon> zones = {rect(1.5, -20.5, 30.25, -3.0),
                                             rect(5.0, -25.0, 35.5, -1.5)};
    ZonalJob job;
    job.raster_path = path;
    job.bands = {1};
    job.channel_count = 2;
    job.derive = [](const std::vector<ChannelBuffer>& in, std::vector<ChannelBuffer>& out) {
        out[0] = in[0];
        out[1] = in[0];
        for (double& v : out[1].values) v *= 2;
    };
    const auto all = run_zonal(job, zones);
    job.shape_channels = {{}, {1}};
    const auto some = run_zonal(job, zones);
    ASSERT_EQ(some[0].size(), 2u);
    ASSERT_EQ(some[1].size(), 1u);
    EXPECT_EQ(bits_of(some[0][1]), bits_of(all[0][1]));
    EXPECT_EQ(bits_of(some[1][0]), bits_of(all[1][1]));
    EXPECT_DOUBLE_EQ(some[1][0].sum(), 2 * all[1][0].sum());
    job.shape_channels = {{}, {2}};
    EXPECT_THROW(run_zonal(job, zones), Error);
}

TEST(ZonalEngine, OneDegreeCellInWgs84HasItsGeodesicArea) {
    // A 4 x 3 grid of 1-degree cells from 100 E 16 N; the zone is exactly the cell 101-102 E,
    // 14-15 N. Reference: PROJ's geodesic polygon area (geod_polygonarea) of that quadrangle with
    // its parallels densified (geodesic edges are not parallels), on WGS84.
    test::TempDir dir;
    const std::string path = make_ramp(dir, 4, 3, "EPSG:4326", 100, 16, 1);
    ZonalJob job;
    job.raster_path = path;
    job.bands = {1};
    const auto acc = run_zonal(job, {rect(101, 14, 102, 15)});

    geod_geodesic g;
    geod_init(&g, 6378137.0, 1 / 298.257223563);  // WGS84 (EPSG:7030)
    geod_polygon poly;
    geod_polygon_init(&poly, 0);
    const int n = 20000;
    for (int i = 0; i <= n; ++i) geod_polygon_addpoint(&g, &poly, 14, 101 + double(i) / n);
    for (int i = 0; i <= n; ++i) geod_polygon_addpoint(&g, &poly, 15, 102 - double(i) / n);
    double area = 0, perimeter = 0;
    geod_polygon_compute(&g, &poly, 0, 1, &area, &perimeter);
    EXPECT_NEAR(acc[0][0].area_m2() / std::abs(area), 1.0, 1e-6);
    EXPECT_NEAR(acc[0][0].count(), 1.0, 1e-9);
}

// ---- The Olinda sample, checked against GEOS --------------------------------------------------

struct Geos {
    GEOSContextHandle_t h = GEOS_init_r();
    ~Geos() { GEOS_finish_r(h); }
};

GEOSGeometry* to_geos(GEOSContextHandle_t h, const MultiPolygon& mp) {
    auto ring = [&](const Ring& r) {
        GEOSCoordSequence* seq = GEOSCoordSeq_create_r(h, static_cast<unsigned>(r.size() + 1), 2);
        for (size_t i = 0; i <= r.size(); ++i) {
            const Point& p = r[i % r.size()];
            GEOSCoordSeq_setXY_r(h, seq, static_cast<unsigned>(i), p.x, p.y);
        }
        return GEOSGeom_createLinearRing_r(h, seq);
    };
    std::vector<GEOSGeometry*> polys;
    for (const auto& part : mp.parts) {
        std::vector<GEOSGeometry*> holes;
        for (const auto& hole : part.holes) holes.push_back(ring(hole));
        polys.push_back(GEOSGeom_createPolygon_r(h, ring(part.exterior), holes.data(),
                                                 static_cast<unsigned>(holes.size())));
    }
    return GEOSGeom_createCollection_r(h, GEOS_MULTIPOLYGON, polys.data(),
                                       static_cast<unsigned>(polys.size()));
}

GEOSGeometry* box(GEOSContextHandle_t h, double x0, double y0, double x1, double y1) {
    return to_geos(h, rect(x0, y0, x1, y1));
}

class Olinda : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        init_gdal();
        raster_ = new RasterSource(RasterSource::open(kData + "/olinda/L7_ETMs.tif"));
        zones_ = new ZoneSet(
            read_zones({kData + "/olinda/olinda1.shp", "", "CD_GEOCODI", "NM_BAIR", "V014", {}},
                       raster_->info().crs_wkt));
        // Against GEOS's plane areas: the image's own (UTM) plane areas.
        ZonalJob job;
        job.raster_path = raster_->info().path;
        job.bands = {3, 4};
        job.areas = AreaConvention::Planar;
        job.channel_count = 2;
        job.derive = [](const std::vector<ChannelBuffer>& in, std::vector<ChannelBuffer>& out) {
            derive_ndvi_green(in[0], in[1], 0.3, out[0], out[1]);
        };
        std::vector<MultiPolygon> shapes;
        for (const auto& z : zones_->zones) shapes.push_back(z.geometry);
        acc_ = new std::vector<std::vector<ZoneAccumulator>>(run_zonal(job, shapes));
    }
    static void TearDownTestSuite() {
        delete acc_;
        delete zones_;
        delete raster_;
    }
    static RasterSource* raster_;
    static ZoneSet* zones_;
    static std::vector<std::vector<ZoneAccumulator>>* acc_;
};
RasterSource* Olinda::raster_ = nullptr;
ZoneSet* Olinda::zones_ = nullptr;
std::vector<std::vector<ZoneAccumulator>>* Olinda::acc_ = nullptr;

TEST_F(Olinda, AreasAddUpToTheUnionOfTheTractsInsideTheImage) {
    // GEOS: union of the 470 tracts (in the image CRS) intersected with the image footprint.
    Geos geos;
    const Grid& g = raster_->info().grid;
    std::vector<GEOSGeometry*> parts;
    for (const auto& z : zones_->zones) parts.push_back(to_geos(geos.h, z.geometry));
    GEOSGeometry* all = GEOSGeom_createCollection_r(geos.h, GEOS_GEOMETRYCOLLECTION, parts.data(),
                                                    static_cast<unsigned>(parts.size()));
    GEOSGeometry* uni = GEOSUnaryUnion_r(geos.h, all);
    GEOSGeometry* footprint = box(geos.h, g.x0, g.y0 - g.rows * g.dy, g.x0 + g.cols * g.dx, g.y0);
    GEOSGeometry* inside = GEOSIntersection_r(geos.h, uni, footprint);
    double expected = 0;
    GEOSArea_r(geos.h, inside, &expected);
    double total = 0;
    for (const auto& a : *acc_) total += a[0].area_m2();
    EXPECT_NEAR(total / expected, 1.0, 1e-6);
    for (GEOSGeometry* x : {all, uni, footprint, inside}) GEOSGeom_destroy_r(geos.h, x);
}

TEST_F(Olinda, TractValuesMatchPixelByPixelGeosIntersections) {
    // Independent path: GDAL reads the whole bands, GEOS intersects every pixel square with the
    // tract, NDVI is recomputed here; weighted by the exact intersection areas.
    GDALDatasetUniquePtr ds(GDALDataset::Open((kData + "/olinda/L7_ETMs.tif").c_str()));
    const int cols = ds->GetRasterXSize(), rows = ds->GetRasterYSize();
    std::vector<double> red(static_cast<size_t>(cols) * rows), nir(red.size());
    ASSERT_EQ(ds->GetRasterBand(3)->RasterIO(GF_Read, 0, 0, cols, rows, red.data(), cols, rows,
                                             GDT_Float64, 0, 0),
              CE_None);
    ASSERT_EQ(ds->GetRasterBand(4)->RasterIO(GF_Read, 0, 0, cols, rows, nir.data(), cols, rows,
                                             GDT_Float64, 0, 0),
              CE_None);
    const Grid& g = raster_->info().grid;
    Geos geos;
    for (size_t z : {size_t{0}, size_t{57}, size_t{233}, size_t{469}}) {
        GEOSGeometry* tract = to_geos(geos.h, zones_->zones[z].geometry);
        const Window w = intersect(g.cells_touching(bounds(zones_->zones[z].geometry)), g.full());
        double weight = 0, ndvi_sum = 0, area = 0, green_area = 0;
        for (int64_t r = w.row0; r < w.row_end(); ++r) {
            for (int64_t c = w.col0; c < w.col_end(); ++c) {
                const double x0 = g.cell_left(c), y1 = g.cell_top(r);
                GEOSGeometry* px = box(geos.h, x0, y1 - g.dy, x0 + g.dx, y1);
                GEOSGeometry* cut = GEOSIntersection_r(geos.h, tract, px);
                double a = 0;
                GEOSArea_r(geos.h, cut, &a);
                GEOSGeom_destroy_r(geos.h, cut);
                GEOSGeom_destroy_r(geos.h, px);
                if (a <= 0) continue;
                const size_t i = static_cast<size_t>(r * cols + c);
                const double ndvi = (nir[i] - red[i]) / (nir[i] + red[i]);
                weight += a / (g.dx * g.dy);
                ndvi_sum += a / (g.dx * g.dy) * ndvi;
                area += a;
                if (ndvi >= 0.3) green_area += a;
            }
        }
        GEOSGeom_destroy_r(geos.h, tract);
        const auto m =
            green_cover_metrics((*acc_)[z][0], (*acc_)[z][1], zones_->zones[z].population);
        ASSERT_GT(area, 0) << z;
        EXPECT_NEAR(m.area_m2.value() / area, 1.0, 1e-6) << z;
        EXPECT_NEAR(m.ndvi_mean.value(), ndvi_sum / weight, 1e-6) << z;
        EXPECT_NEAR(m.green_share.value(), green_area / area, 1e-6) << z;
        EXPECT_NEAR((*acc_)[z][0].count(), weight, 1e-6 * weight) << z;
    }
}

TEST_F(Olinda, PopulationAndSharesAreConsistent) {
    // 377,779 residents: the 2010 census population of Olinda (IBGE), the sum of V014.
    double population = 0;
    for (const auto& z : zones_->zones) population += z.population.value_or(0);
    EXPECT_EQ(population, 377779);
    for (size_t z = 0; z < zones_->zones.size(); ++z) {
        const auto m =
            green_cover_metrics((*acc_)[z][0], (*acc_)[z][1], zones_->zones[z].population);
        ASSERT_TRUE(m.green_share.has_value()) << z;
        EXPECT_GE(*m.green_share, 0.0);
        EXPECT_LE(*m.green_share, 1.0);
        EXPECT_LE(*m.green_area_m2, *m.area_m2 * (1 + 1e-12));
    }
}

}  // namespace
}  // namespace gg

namespace gg {
namespace {

TEST(OlindaWindows, EveryStatisticIsTheSameBitsWhateverTheWindowSize) {
    // The real image (349 x 352 in strips of 3 rows) and its 470 real tracts, NDVI and green
    // share with distributions, planar and ellipsoidal areas: windows of one strip, of 38 strips
    // and of the whole image must give every statistic bit for bit.
    init_gdal();
    const std::string path = kData + "/olinda/L7_ETMs.tif";
    const RasterSource raster = RasterSource::open(path);
    const ZoneSet zones =
        read_zones({kData + "/olinda/olinda1.shp", "", "CD_GEOCODI", "NM_BAIR", "V014", {}},
                   raster.info().crs_wkt);
    std::vector<MultiPolygon> shapes;
    for (const auto& z : zones.zones) shapes.push_back(z.geometry);
    for (AreaConvention areas : {AreaConvention::Planar, AreaConvention::Ellipsoidal}) {
        const auto run = [&](size_t budget) {
            ZonalJob job;
            job.raster_path = path;
            job.bands = {3, 4};
            job.areas = areas;
            job.channel_count = 2;
            job.keep_distribution = {true, true};
            job.window_budget_bytes = budget;
            job.derive = [](const std::vector<ChannelBuffer>& in, std::vector<ChannelBuffer>& out) {
                derive_ndvi_green(in[0], in[1], 0.3, out[0], out[1]);
            };
            std::vector<std::vector<double>> bits;
            for (const auto& z : run_zonal(job, shapes))
                for (const auto& channel : z) bits.push_back(bits_of(channel));
            return bits;
        };
        const auto whole = run(size_t{64} << 20);
        for (size_t budget : {size_t{1}, size_t{40000}, size_t{400000}}) {
            const auto part = run(budget);
            ASSERT_EQ(part.size(), whole.size());
            for (size_t i = 0; i < whole.size(); ++i)
                EXPECT_EQ(part[i], whole[i])
                    << "zone " << i / 2 << " channel " << i % 2 << ", window budget " << budget;
        }
    }
}

}  // namespace
}  // namespace gg
