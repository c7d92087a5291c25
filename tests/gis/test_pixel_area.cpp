// Pixel areas against independent references: PROJ's geodesic polygon area (Karney's algorithm,
// not the closed form under test), the sphere formula, and the cell sizes gdalinfo reports.
#include "gis/pixel_area.hpp"

#include <geodesic.h>
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "support/gdal_fixtures.hpp"
#include "support/run_command.hpp"

namespace {

// WGS 84 and Clarke 1866 defining constants (EPSG::7030 and EPSG::7008).
constexpr double kWgs84A = 6378137.0;
constexpr double kWgs84F = 1 / 298.257223563;
constexpr double kClarke1866A = 6378206.4;
constexpr double kClarke1866F = 1 / 294.978698213898;

// Geodesic area of the quadrangle lon0..lon1 x lat0..lat1. Its meridian edges are geodesics, its
// parallel edges are not, so those are densified: with n points per edge each chord is ~11 m for
// a 1-degree cell, and the area between chords and parallel is far below 1e-9 of the cell.
double geodesic_quadrangle_area(double lon0, double lon1, double lat0, double lat1, double a,
                                double f, int n = 10000) {
    std::vector<double> lats, lons;
    for (int i = 0; i <= n; ++i) {  // south edge, eastwards
        lats.push_back(lat0);
        lons.push_back(lon0 + (lon1 - lon0) * i / n);
    }
    for (int i = 0; i <= n; ++i) {  // north edge, westwards
        lats.push_back(lat1);
        lons.push_back(lon1 - (lon1 - lon0) * i / n);
    }
    geod_geodesic g;
    geod_init(&g, a, f);
    double area = 0, perimeter = 0;
    geod_polygonarea(&g, lats.data(), lons.data(), static_cast<int>(lats.size()), &area,
                     &perimeter);
    return std::abs(area);
}

gg::RasterInfo geographic_info(gg::test::TempDir& dir, const std::string& crs,
                               std::array<double, 6> gt, int rows) {
    gg::test::RasterFixture r;
    r.crs = crs;
    r.geotransform = gt;
    r.cols = 3;
    r.rows = rows;
    gg::test::write_raster(dir.file("cells.tif"), r);
    return gg::RasterSource::open(dir.file("cells.tif")).info();
}

TEST(PixelArea, OneDegreeCellWgs84MatchesGeodesicArea) {
    gg::test::TempDir dir;
    // Rows: lat 14..13, 13..12, 12..11, 11..10; columns lon 100..101, ...
    const gg::RasterInfo info = geographic_info(dir, "EPSG:4326", {100, 1, 0, 14, 0, -1}, 4);
    const std::vector<double> areas = gg::pixel_row_areas(info);
    ASSERT_EQ(areas.size(), 4u);
    const double reference = geodesic_quadrangle_area(100, 101, 13, 14, kWgs84A, kWgs84F);
    // Observed agreement: 2e-13 (11977560472.1356 vs 11977560472.1382 m2).
    EXPECT_NEAR(areas[0] / reference, 1.0, 1e-9) << areas[0] << " vs " << reference;
    // About 108 km x 111 km: catches a degree/radian or axis slip that a ratio would hide.
    EXPECT_NEAR(areas[0], 1.2e10, 0.1e10);
    for (int row = 1; row < 4; ++row) {
        const double ref = geodesic_quadrangle_area(100, 101, 13 - row, 14 - row, kWgs84A, kWgs84F);
        EXPECT_NEAR(areas[static_cast<size_t>(row)] / ref, 1.0, 1e-9) << "row " << row;
        EXPECT_GT(areas[static_cast<size_t>(row)], areas[static_cast<size_t>(row) - 1]);
    }
}

TEST(PixelArea, UsesTheEllipsoidOfTheRasterCrs) {
    // NAD27 (EPSG:4267) is on Clarke 1866, 69 m larger than WGS 84 at the equator.
    gg::test::TempDir dir;
    const gg::RasterInfo info = geographic_info(dir, "EPSG:4267", {-100, 1, 0, 41, 0, -1}, 1);
    const double area = gg::pixel_row_areas(info).at(0);
    const double clarke = geodesic_quadrangle_area(-100, -99, 40, 41, kClarke1866A, kClarke1866F);
    const double wgs84 = geodesic_quadrangle_area(-100, -99, 40, 41, kWgs84A, kWgs84F);
    EXPECT_NEAR(area / clarke, 1.0, 1e-9);
    EXPECT_GT(std::abs(area / wgs84 - 1.0), 5e-6);  // 1e-5 apart, far above 1e-9
}

TEST(PixelArea, HemisphereMatchesGeodesicEquatorPolygon) {
    // A polygon along the equator encloses the northern hemisphere (geod_polygonarea handles it);
    // half of 510 065 621.724 km2, the WGS 84 surface area of Karney's GeographicLib.
    geod_geodesic g;
    geod_init(&g, kWgs84A, kWgs84F);
    double lats[] = {0, 0, 0, 0}, lons[] = {0, 90, 180, 270};
    double area = 0, perimeter = 0;
    geod_polygonarea(&g, lats, lons, 4, &area, &perimeter);
    const double north = gg::ellipsoidal_quadrangle_area(-180, 180, 0, 90, kWgs84A, kWgs84F);
    EXPECT_NEAR(north / std::abs(area), 1.0, 1e-12);
    EXPECT_NEAR(2 * north / 510065621.724e6, 1.0, 1e-11);
}

TEST(PixelArea, SphereMatchesSphericalZoneFormula) {
    // On a sphere (f = 0): R^2 dLambda (sin lat1 - sin lat0).
    const double r = 6371000;
    const double deg = std::numbers::pi / 180;
    const double expected = r * r * 2 * deg * (std::sin(31 * deg) - std::sin(30 * deg));
    EXPECT_NEAR(gg::ellipsoidal_quadrangle_area(0, 2, 30, 31, r, 0) / expected, 1.0, 1e-13);
    // Order of the bounds does not matter; the southern hemisphere mirrors the northern.
    EXPECT_NEAR(gg::ellipsoidal_quadrangle_area(2, 0, -31, -30, r, 0) / expected, 1.0, 1e-13);
}

TEST(PixelArea, LatitudesBeyondThePoleAreClamped) {
    // Grids often overshoot +-90 by rounding; the part beyond the pole has no area.
    gg::test::TempDir dir;
    const gg::RasterInfo info = geographic_info(dir, "EPSG:4326", {0, 1, 0, 90.5, 0, -1}, 2);
    const std::vector<double> areas = gg::pixel_row_areas(info);
    EXPECT_NEAR(areas[0] / gg::ellipsoidal_quadrangle_area(0, 1, 89.5, 90, kWgs84A, kWgs84F), 1.0,
                1e-12);
    EXPECT_TRUE(std::isfinite(areas[1]));
}

TEST(PixelArea, ProjectedOlindaCellIs28_5Squared) {
    // gdalinfo: Pixel Size = (28.499999999274539,-28.499999999274539), metres, 352 rows.
    const auto info =
        gg::RasterSource::open(std::string(GG_DATA_DIR) + "/olinda/L7_ETMs.tif").info();
    const std::vector<double> areas = gg::pixel_row_areas(info);
    ASSERT_EQ(areas.size(), 352u);
    for (double a : areas) EXPECT_DOUBLE_EQ(a, 28.499999999274539 * 28.499999999274539);
    EXPECT_NEAR(areas.front(), 28.5 * 28.5, 1e-6);
}

TEST(PixelArea, ProjectedCrsInUsFeetIsConvertedToSquareMetres) {
    // EPSG:2263 uses the US survey foot, 1200/3937 m: a 10 ft cell is 100 ft2.
    gg::test::TempDir dir;
    gg::test::RasterFixture r;
    r.crs = "EPSG:2263";
    r.geotransform = {980000, 10, 0, 200000, 0, -10};
    r.rows = 2;
    gg::test::write_raster(dir.file("ft.tif"), r);
    const auto areas = gg::pixel_row_areas(gg::RasterSource::open(dir.file("ft.tif")).info());
    ASSERT_EQ(areas.size(), 2u);
    const double ft = 1200.0 / 3937.0;
    EXPECT_NEAR(areas[0], 100 * ft * ft, 1e-9);
    EXPECT_NEAR(areas[1], 9.2903, 1e-4);
}

}  // namespace
