// Green-space polygons: read (filters, repair, reprojection), dissolve, per-zone areas and the
// access areas of WHO accessibility / 3-30-300, against areas worked out by hand.
#include "gis/green_polygons.hpp"

#include <gtest/gtest.h>
#include <ogr_geometry.h>
#include <ogr_spatialref.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iterator>
#include <memory>
#include <numbers>

#include "core/error.hpp"
#include "gis/geodesic_area.hpp"
#include "gis/raster_source.hpp"
#include "gis/zonal_engine.hpp"
#include "support/gdal_fixtures.hpp"
#include "support/geodesic_reference.hpp"
#include "support/run_command.hpp"

namespace gg {
namespace {

// UTM zone 47N (Thailand); local coordinates are offsets from (X0, Y0), near Bangkok.
const std::string kUtm = "EPSG:32647";
constexpr double X0 = 660000, Y0 = 1520000;
constexpr double kPi = std::numbers::pi;
// The areas worked out by hand below are UTM plane areas: those tests measure them so. On the
// ellipsoid they are 1.0001667 times larger here (the areal scale k^2 = 0.999833 at X0, Y0):
// GreenPolygons.AParkHasOneAreaWhateverTheCrs and AccessAreas.BuffersAreGroundDistances*.
constexpr AreaConvention kPlanar = AreaConvention::Planar;
constexpr AreaConvention kEllipsoidal = AreaConvention::Ellipsoidal;

AccessOptions access_options(AreaConvention areas) {
    AccessOptions o;
    o.areas = areas;
    return o;
}
AccessOptions planar_access() {
    return access_options(kPlanar);
}

std::string square_wkt(double x0, double y0, double x1, double y1) {
    auto pt = [](double x, double y) {
        std::string s = std::to_string(X0 + x);
        s.append(" ").append(std::to_string(Y0 + y));
        return s;
    };
    std::string w = "POLYGON ((";
    w.append(pt(x0, y0)).append(",").append(pt(x1, y0)).append(",").append(pt(x1, y1));
    w.append(",").append(pt(x0, y1)).append(",").append(pt(x0, y0)).append("))");
    return w;
}

MultiPolygon rect(double x0, double y0, double x1, double y1) {
    return MultiPolygon{{Polygon{
        {{X0 + x0, Y0 + y0}, {X0 + x1, Y0 + y0}, {X0 + x1, Y0 + y1}, {X0 + x0, Y0 + y1}}, {}}}};
}

// Area of a rectangle a x b buffered by r with GEOS's default 8 segments per quarter circle: the
// four corner arcs together are an inscribed 32-gon, of area 16 r^2 sin(pi / 16) (0.64 % less
// than pi r^2).
double buffered_rect(double a, double b, double r) {
    return a * b + 2 * (a + b) * r + 16 * r * r * std::sin(kPi / 16);
}

std::string write_layer(const test::TempDir& dir, const std::string& name, test::LayerFixture l) {
    if (l.crs.empty()) l.crs = kUtm;
    l.name = "green";
    const std::string path = dir.file(name);
    test::write_vector(path, "GPKG", {l});
    return path;
}

void expect_error(const std::function<void()>& f, const std::string& phrase) {
    testing::internal::CaptureStderr();
    std::string message;
    try {
        f();
    } catch (const Error& e) {
        message = e.what();
    }
    EXPECT_EQ(testing::internal::GetCapturedStderr(), "");
    ASSERT_FALSE(message.empty()) << "no gg::Error thrown, expected: " << phrase;
    EXPECT_NE(message.find(phrase), std::string::npos) << message;
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
}

TEST(GreenPolygons, OverlappingSquaresAreDissolved) {
    test::TempDir dir;
    test::LayerFixture l;
    l.features = {{square_wkt(0, 0, 100, 100), {}},
                  {square_wkt(50, 50, 150, 150), {}},   // overlaps the first by 50 x 50
                  {square_wkt(300, 0, 400, 100), {}},   // apart
                  {square_wkt(320, 20, 340, 40), {}}};  // inside the third
    const GreenLayer g =
        read_green_layer({write_layer(dir, "g.gpkg", l), "", "", {}, "", {}}, kUtm);
    EXPECT_EQ(g.features_read, 4u);
    EXPECT_EQ(g.features_kept, 4u);
    EXPECT_FALSE(g.public_known);
    EXPECT_TRUE(g.public_green.empty());
    ASSERT_EQ(g.green.parts.size(), 2u);  // two connected green spaces
    // 100^2 + 100^2 - 50^2 = 17,500 and 100^2 = 10,000 (the inner square adds nothing).
    EXPECT_NEAR(planar_area(g.green), 27500, 1e-6);

    const MultiPolygon zone = rect(-1000, -1000, 1000, 1000);
    const auto m = green_polygons_per_zone(g, {zone, rect(2000, 2000, 2100, 2100)}, kUtm, kPlanar);
    ASSERT_EQ(m.size(), 2u);
    EXPECT_NEAR(m[0].green_polygon_area_m2, 27500, 1e-6);
    EXPECT_EQ(m[0].public_green_area_m2, 0);
    EXPECT_NEAR(planar_area(m[0].zone_outside_green), 2000.0 * 2000 - 27500, 1e-3);
    EXPECT_EQ(m[1].green_polygon_area_m2, 0);
    EXPECT_NEAR(planar_area(m[1].zone_outside_green), 10000, 1e-6);  // the whole zone
}

TEST(GreenPolygons, ParkHalfOutsideTheZoneCountsHalf) {
    test::TempDir dir;
    test::LayerFixture l;
    l.features = {{square_wkt(-50, 0, 50, 100), {}}};
    const GreenLayer g =
        read_green_layer({write_layer(dir, "g.gpkg", l), "", "", {}, "", {}}, kUtm);
    const auto m = green_polygons_per_zone(
        g, {rect(0, 0, 1000, 1000), rect(-1000, 0, 0, 1000), rect(-40, 10, 40, 90)}, kUtm, kPlanar);
    EXPECT_NEAR(m[0].green_polygon_area_m2, 5000, 1e-6);
    EXPECT_NEAR(m[1].green_polygon_area_m2, 5000, 1e-6);
    EXPECT_NEAR(m[2].green_polygon_area_m2, 80 * 80, 1e-6);  // zone inside the park
    EXPECT_NEAR(planar_area(m[0].zone_outside_green), 1e6 - 5000, 1e-3);
    EXPECT_TRUE(m[2].zone_outside_green.empty());
}

TEST(GreenPolygons, InvalidGeometriesAreRepairedAndCounted) {
    test::TempDir dir;
    test::LayerFixture l;
    l.features = {
        // A bow-tie: make-valid splits it into two triangles of 100 x 50 / 2 each.
        {"POLYGON ((660000 1520000,660100 1520100,660100 1520000,660000 1520100,660000 1520000))",
         {}},
        // A polygon with a line attached: the line is dropped.
        {"GEOMETRYCOLLECTION (POLYGON ((660200 1520000,660300 1520000,660300 1520100,660200 "
         "1520100,660200 1520000)),LINESTRING (0 0,1 1))",
         {}},
        {"", {}}};  // no geometry
    const GreenLayer g =
        read_green_layer({write_layer(dir, "g.gpkg", l), "", "", {}, "", {}}, kUtm);
    EXPECT_EQ(g.repaired_count, 1);
    EXPECT_EQ(g.features_kept, 2u);
    EXPECT_NEAR(planar_area(g.green), 5000 + 10000, 1e-6);
    std::string all;
    for (const auto& w : g.warnings) all.append(w).append("\n");
    EXPECT_NE(all.find("1 invalid geometry repaired with GEOS make-valid (features \"1\")"),
              std::string::npos)
        << all;
    EXPECT_NE(all.find("non-polygon parts dropped from 1 feature (\"2\")"), std::string::npos)
        << all;
    EXPECT_NE(all.find("1 feature has no polygon geometry (\"3\")"), std::string::npos) << all;
    const auto m = green_polygons_per_zone(g, {rect(-500, -500, 500, 500)}, kUtm, kPlanar);
    EXPECT_NEAR(m[0].green_polygon_area_m2, 15000, 1e-6);
}

// The corners of the 0.01 x 0.01 degree square transformed by PROJ, area by the shoelace formula.
double projected_corner_area(double lon0, double lat0, double d, const std::string& target) {
    OGRSpatialReference src, dst;
    src.SetFromUserInput("EPSG:4326");
    dst.SetFromUserInput(target.c_str());
    src.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    dst.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    std::unique_ptr<OGRCoordinateTransformation> ct(OGRCreateCoordinateTransformation(&src, &dst));
    double x[4] = {lon0, lon0 + d, lon0 + d, lon0}, y[4] = {lat0, lat0, lat0 + d, lat0 + d};
    EXPECT_TRUE(ct->Transform(4, x, y));
    return std::abs(signed_area(Ring{{x[0], y[0]}, {x[1], y[1]}, {x[2], y[2]}, {x[3], y[3]}}));
}

TEST(GreenPolygons, LayerInAnotherCrsIsReprojected) {
    test::TempDir dir;
    test::LayerFixture l;
    l.crs = "EPSG:4326";  // longitude/latitude order in WKT, whatever EPSG's axis order says
    const std::string wkt =
        "POLYGON ((100.5 13.75,100.51 13.75,100.51 13.76,100.5 13.76,100.5 13.75))";
    l.features = {{wkt, {}}};
    const GreenLayer g =
        read_green_layer({write_layer(dir, "g.gpkg", l), "", "", {}, "", {}}, kUtm);
    // The square lies near (668 km E, 1521 km N) in UTM 47N.
    // Planar: measured in the UTM plane, the figure the corners give there.
    const auto m = green_polygons_per_zone(g, {rect(-20000, -20000, 20000, 20000)}, kUtm, kPlanar);
    const double by_proj = projected_corner_area(100.5, 13.75, 0.01, kUtm);
    EXPECT_NEAR(m[0].green_polygon_area_m2, by_proj, 1e-5 * by_proj);
    // Projected area = geodesic area x (UTM scale factor)^2, within 0.2 % here (1.5 deg from the
    // central meridian).
    OGRGeometry* raw = nullptr;
    OGRGeometryFactory::createFromWkt(wkt.c_str(), nullptr, &raw);
    std::unique_ptr<OGRGeometry> geo(raw);
    std::vector<unsigned char> wkb(geo->WkbSize());
    geo->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
    OGRSpatialReference wgs84;
    wgs84.SetFromUserInput("EPSG:4326");
    char* wgs84_wkt = nullptr;
    wgs84.exportToWkt(&wgs84_wkt);
    const double geodesic = geodesic_area_m2(wkb, wgs84_wkt);
    CPLFree(wgs84_wkt);
    EXPECT_NEAR(m[0].green_polygon_area_m2, geodesic, 2e-3 * geodesic);
    EXPECT_NEAR(geodesic, 1.1965e6, 1e3);  // ~1.081 km x 1.107 km
    // Ellipsoidal (the default): the park's own geodesic area, not the UTM plane's (1.5e-4 less).
    const auto e =
        green_polygons_per_zone(g, {rect(-20000, -20000, 20000, 20000)}, kUtm, kEllipsoidal);
    EXPECT_NEAR(e[0].green_polygon_area_m2, geodesic, 1e-6 * geodesic);
    EXPECT_GT(std::abs(m[0].green_polygon_area_m2 / geodesic - 1), 1e-4);

    // The other way round: a UTM park measured in a geographic target CRS is measured
    // geodesically, so it equals the geodesic area of the park in its own CRS.
    test::LayerFixture u;
    u.features = {{square_wkt(0, 0, 100, 100), {}}};
    const GreenLayer gg =
        read_green_layer({write_layer(dir, "u.gpkg", u), "", "", {}, "", {}}, "EPSG:4326");
    const auto mg = green_polygons_per_zone(
        gg, {MultiPolygon{{Polygon{{{100, 13}, {102, 13}, {102, 15}, {100, 15}}, {}}}}},
        "EPSG:4326");
    OGRGeometry* sq = nullptr;
    OGRGeometryFactory::createFromWkt(square_wkt(0, 0, 100, 100).c_str(), nullptr, &sq);
    std::unique_ptr<OGRGeometry> sq_owner(sq);
    std::vector<unsigned char> sq_wkb(sq->WkbSize());
    sq->exportToWkb(wkbNDR, sq_wkb.data(), wkbVariantIso);
    OGRSpatialReference utm;
    utm.SetFromUserInput(kUtm.c_str());
    char* utm_wkt = nullptr;
    utm.exportToWkt(&utm_wkt);
    const double expected = geodesic_area_m2(sq_wkb, utm_wkt);
    CPLFree(utm_wkt);
    EXPECT_NEAR(mg[0].green_polygon_area_m2, expected, 1e-6 * expected);
}

test::LayerFixture parks_with_attributes() {
    test::LayerFixture l;
    l.fields = {{"leisure", OFTString}, {"access", OFTString}};
    l.features = {{square_wkt(0, 0, 100, 100), {"park", "yes"}},            // 10,000 public
                  {square_wkt(200, 0, 250, 100), {"garden", "private"}},    // 5,000
                  {square_wkt(400, 0, 500, 100), {"parking", "yes"}},       // filtered out
                  {square_wkt(600, 0, 620, 100), {"Cemetery ", "PUBLIC"}},  // 2,000 public
                  {square_wkt(800, 0, 810, 100), {"garden", ""}}};          // 1,000, access null
    return l;
}

TEST(GreenPolygons, CategoryAndPublicFilters) {
    test::TempDir dir;
    const std::string path = write_layer(dir, "parks.gpkg", parks_with_attributes());
    GreenLayerSpec spec{path, "green", "leisure", {"park", "garden", "cemetery"}, "access", {}};
    spec.public_values = {"yes", "public"};
    const GreenLayer g = read_green_layer(spec, kUtm);
    EXPECT_EQ(g.features_read, 5u);
    EXPECT_EQ(g.features_kept, 4u);
    EXPECT_EQ(g.public_features, 2u);
    EXPECT_TRUE(g.public_known);
    EXPECT_NEAR(planar_area(g.green), 10000 + 5000 + 2000 + 1000, 1e-6);
    EXPECT_NEAR(planar_area(g.public_green), 10000 + 2000, 1e-6);
    const auto m = green_polygons_per_zone(g, {rect(-100, -100, 1000, 200)}, kUtm, kPlanar);
    EXPECT_NEAR(m[0].green_polygon_area_m2, 18000, 1e-6);
    EXPECT_NEAR(m[0].public_green_area_m2, 12000, 1e-6);

    // Without a category filter every feature is kept.
    const GreenLayer all = read_green_layer({path, "", "", {}, "access", {"yes"}}, kUtm);
    EXPECT_EQ(all.features_kept, 5u);
    EXPECT_NEAR(planar_area(all.public_green), 10000 + 10000, 1e-6);
}

TEST(GreenPolygonsErrors, OneClearLine) {
    test::TempDir dir;
    const std::string path = write_layer(dir, "parks.gpkg", parks_with_attributes());
    expect_error(
        [&] {
            read_green_layer({dir.file("none.gpkg"), "", "", {}, "", {}}, kUtm);
        },
        "none.gpkg: no such file");
    expect_error(
        [&] {
            read_green_layer({path, "parks", "", {}, "", {}}, kUtm);
        },
        "parks.gpkg: layer \"parks\" not found (layers: green)");
    expect_error(
        [&] {
            read_green_layer({path, "", "landuse", {"park"}, "", {}}, kUtm);
        },
        "category field \"landuse\" not found (fields: leisure, access)");
    expect_error(
        [&] {
            read_green_layer({path, "", "", {}, "public", {"yes"}}, kUtm);
        },
        "public field \"public\" not found (fields: leisure, access)");
    expect_error(
        [&] {
            read_green_layer({path, "", "leisure", {"forest"}, "", {}}, kUtm);
        },
        "no feature has a category in (forest) in field \"leisure\" (values found: "
        "\"Cemetery \", \"garden\", \"park\", \"parking\")");
    expect_error(
        [&] {
            read_green_layer({std::string(GG_DATA_DIR) + "/olinda/L7_ETMs.tif", "", "", {}, "", {}},
                             kUtm);
        },
        "is a raster, not a vector source of green spaces");
    test::LayerFixture points;
    points.geometry_type = wkbPoint;
    points.features = {{"POINT (660000 1520000)", {}}};
    const std::string pts = write_layer(dir, "points.gpkg", points);
    expect_error(
        [&] {
            read_green_layer({pts, "", "", {}, "", {}}, kUtm);
        },
        "has Point geometries, green spaces must be polygons");
    // Access to public green needs to know what is public.
    const GreenLayer g = read_green_layer({path, "", "", {}, "", {}}, kUtm);
    expect_error([&] { access_areas(g, {rect(0, 0, 10, 10)}, kUtm); },
                 "no public-access field is set for the green spaces");
}

GreenLayer public_layer(const test::TempDir& dir, const std::vector<std::string>& wkts,
                        const std::string& name = "g.gpkg") {
    test::LayerFixture l;
    l.fields = {{"public", OFTInteger}};
    for (const auto& w : wkts) l.features.push_back({w, {"1"}});
    return read_green_layer({write_layer(dir, name, l), "", "", {}, "public", {"1"}}, kUtm);
}

TEST(AccessAreas, OneHectareSquareBufferedBy300m) {
    test::TempDir dir;
    const GreenLayer g = public_layer(dir, {square_wkt(0, 0, 100, 100)});
    AccessReport report;
    const auto a = access_areas(
        g, {rect(-2000, -2000, 2000, 2000), rect(-2000, -2000, 50, 2000), rect(900, 0, 1000, 100)},
        kUtm, planar_access(), &report);
    EXPECT_EQ(report.spaces, 1u);
    EXPECT_TRUE(report.notes.empty());
    ASSERT_EQ(a.size(), 3u);
    // 100^2 + 4 * 100 * 300 + (pi 300^2 as GEOS's inscribed 32-gon) = 410,930.4 m2.
    const double expected = buffered_rect(100, 100, 300);
    EXPECT_NEAR(planar_area(a[0]), expected, 1e-6 * expected);
    // Against the true circle: within 0.5 % (the segment approximation: 1,813 m2 short).
    const double exact = 100 * 100 + 4 * 100 * 300 + kPi * 300 * 300;
    EXPECT_NEAR(planar_area(a[0]), exact, 0.005 * exact);
    EXPECT_NEAR(planar_area(a[1]), expected / 2, 1e-6 * expected);  // clipped at the park's middle
    EXPECT_TRUE(a[2].empty());                                      // 800 m away
}

TEST(AccessAreas, ParksBelowTheMinimumAreaDoNotCount) {
    test::TempDir dir;
    // 0.4 ha (80 x 50) and 0.6 ha (100 x 60), 2 km apart.
    const GreenLayer g =
        public_layer(dir, {square_wkt(0, 0, 80, 50), square_wkt(2000, 0, 2100, 60)});
    const std::vector<MultiPolygon> zone = {rect(-5000, -5000, 5000, 5000)};
    AccessReport report;
    const auto a = access_areas(g, zone, kUtm, planar_access(), &report);
    EXPECT_EQ(report.spaces, 1u);
    EXPECT_NEAR(planar_area(a[0]), buffered_rect(100, 60, 300), 1e-3);
    AccessOptions small = planar_access();
    small.min_area_m2 = 3000;
    const auto b = access_areas(g, zone, kUtm, small, &report);
    EXPECT_EQ(report.spaces, 2u);
    EXPECT_NEAR(planar_area(b[0]), buffered_rect(100, 60, 300) + buffered_rect(80, 50, 300), 1e-3);
    // Touching parks merge into one space: two 0.3 ha halves make one 0.6 ha park.
    const GreenLayer halves =
        public_layer(dir, {square_wkt(0, 0, 50, 60), square_wkt(50, 0, 100, 60)}, "halves.gpkg");
    const auto c = access_areas(halves, zone, kUtm, planar_access(), &report);
    EXPECT_EQ(report.spaces, 1u);
    EXPECT_NEAR(planar_area(c[0]), buffered_rect(100, 60, 300), 1e-3);
}

TEST(AccessAreas, PopulationShareWithin300mByHand) {
    // A 3 x 3 population raster of 200 m pixels over [0, 600] x [0, 600] (local coordinates),
    // people per pixel, row by row from the top:
    //   1 2 3      y 400..600: outside the access area
    //   4 5 6      y 200..400: lower half (y < 300) within 300 m
    //   7 8 9      y   0..200: all within 300 m
    // One long public park just below the raster: [-1000, 1600] x [-100, 0] (26 ha). Its 300 m
    // buffer covers y <= 300 over the whole raster width (the rounded ends are far outside).
    // Within 300 m: 7 + 8 + 9 + (4 + 5 + 6) / 2 = 31.5 of 45 residents: share 0.7.
    test::TempDir dir;
    test::RasterFixture r;
    r.crs = kUtm;
    r.geotransform = {X0, 200, 0, Y0 + 600, 0, -200};
    r.cols = r.rows = 3;
    r.type = GDT_Float32;
    r.values = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    const std::string raster = dir.file("pop.tif");
    test::write_raster(raster, r);

    const GreenLayer g = public_layer(dir, {square_wkt(-1000, -100, 1600, 0)});
    const MultiPolygon zone = rect(0, 0, 600, 600);
    const auto access = access_areas(g, {zone}, kUtm, planar_access());
    ASSERT_FALSE(access[0].empty());
    EXPECT_NEAR(planar_area(access[0]), 600 * 300, 1e-6);

    ZonalJob job;
    job.raster_path = raster;
    job.bands = {1};
    job.areas = kPlanar;
    const auto acc = run_zonal(job, {access[0], zone});
    const double within = acc[0][0].sum(), total = acc[1][0].sum();
    EXPECT_NEAR(within, 31.5, 1e-9);
    EXPECT_NEAR(total, 45, 1e-9);
    EXPECT_NEAR(within / total, 0.7, 1e-9);
    // Attribute population (uniform spread): the area share, 300 / 600.
    EXPECT_NEAR(planar_area(access[0]) / planar_area(zone), 0.5, 1e-9);
}

TEST(AccessAreas, GeographicCrsIsBufferedInLocalUtmWhenPlanar) {
    test::TempDir dir;
    test::LayerFixture l;
    l.fields = {{"public", OFTString}};
    l.features = {{square_wkt(0, 0, 100, 100), {"yes"}}};
    const std::string path = write_layer(dir, "g.gpkg", l);
    const GreenLayer g = read_green_layer({path, "", "", {}, "public", {"yes"}}, "EPSG:4326");
    ASSERT_EQ(g.public_green.parts.size(), 1u);
    const MultiPolygon zone{{Polygon{{{100, 13}, {102, 13}, {102, 15}, {100, 15}}, {}}}};
    AccessReport report;
    const auto a = access_areas(g, {zone}, "EPSG:4326", planar_access(), &report);
    EXPECT_EQ(report.spaces, 1u);
    ASSERT_EQ(report.notes.size(), 1u);
    EXPECT_NE(report.notes[0].find("UTM zone 47N"), std::string::npos) << report.notes[0];
    EXPECT_NE(report.work_crs.find("UTM zone 47N"), std::string::npos) << report.work_crs;
    // The buffer, measured on the ellipsoid: the planar UTM figure within the scale factor
    // (0.02 % at 101 E; the zone's central meridian is 99 E).
    std::vector<unsigned char> wkb;
    {
        OGRMultiPolygon mp;
        for (const Polygon& p : a[0].parts) {
            OGRPolygon poly;
            OGRLinearRing ring;
            for (const Point& q : p.exterior) ring.addPoint(q.x, q.y);
            ring.closeRings();
            poly.addRing(&ring);
            mp.addGeometry(&poly);
        }
        wkb.resize(mp.WkbSize());
        mp.exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
    }
    OGRSpatialReference wgs84;
    wgs84.SetFromUserInput("EPSG:4326");
    char* wkt = nullptr;
    wgs84.exportToWkt(&wkt);
    const double area = geodesic_area_m2(wkb, wkt);
    CPLFree(wkt);
    const double expected = buffered_rect(100, 100, 300);
    EXPECT_NEAR(area, expected, 2e-3 * expected);
}

// A rectangle in crs holding longitudes lon0..lon1 and latitudes lat0..lat1 (its corners' box).
MultiPolygon box_in(const test::GeodesicReference& crs, double lon0, double lat0, double lon1,
                    double lat1) {
    Box b;
    for (const Point& p :
         {Point{lon0, lat0}, Point{lon1, lat0}, Point{lon1, lat1}, Point{lon0, lat1}})
        b.expand(crs.project(p));
    return MultiPolygon{
        {Polygon{{{b.xmin, b.ymin}, {b.xmax, b.ymin}, {b.xmax, b.ymax}, {b.xmin, b.ymax}}, {}}}};
}

TEST(GreenPolygons, AParkHasOneAreaWhateverTheCrs) {
    // A 0.01-degree park at 13.75 N given in EPSG:4326, measured in the CRS of an image in UTM
    // 47N, Web Mercator, EASE-Grid 2.0 or EPSG:4326 itself: always its geodesic area on WGS 84
    // (reference: support/geodesic_reference, geod_polygonarea on the ring densified to 1e-5
    // degree), never the plane area of the image's CRS. In Indian 1975 / UTM 47N it is the
    // geodesic area on that CRS's own ellipsoid (Everest 1830), 9e-6 less: the ground lies
    // some 30 m higher above it than above WGS 84 here, and a shape carried down the normals to
    // an ellipsoid h below shrinks by 1 - 2 h / R.
    test::TempDir dir;
    test::LayerFixture l;
    l.crs = "EPSG:4326";
    const Ring park = {{100.5, 13.75}, {100.51, 13.75}, {100.51, 13.76}, {100.5, 13.76}};
    l.features = {
        {"POLYGON ((100.5 13.75,100.51 13.75,100.51 13.76,100.5 13.76,100.5 13.75))", {}}};
    const std::string path = write_layer(dir, "park.gpkg", l);
    const double expected =
        test::GeodesicReference("EPSG:4326").area(MultiPolygon{{Polygon{park, {}}}}, 1e-5);
    for (const char* crs : {"EPSG:32647", "EPSG:3857", "EPSG:24047", "EPSG:6933", "EPSG:4326"}) {
        const test::GeodesicReference target(crs);
        const GreenLayer g = read_green_layer({path, "", "", {}, "", {}}, crs);
        const MultiPolygon zone = box_in(target, 100.3, 13.5, 100.7, 14.0);
        const double area =
            green_polygons_per_zone(g, {zone}, crs, kEllipsoidal).at(0).green_polygon_area_m2;
        if (std::string(crs) == "EPSG:24047") {
            EXPECT_NEAR(area / target.area(g.green, 5.0), 1.0, 1e-6);
            EXPECT_NEAR(area / expected - 1, -9e-6, 2e-6);
        } else {
            EXPECT_NEAR(area / expected, 1.0, 1e-6) << crs;
        }
    }
}

// A public 100 x 100 m park centred at 100.5 E, 13.75 N, given in a transverse Mercator of scale
// 1 centred on it (its sides are 100 m on the ground to 1e-10).
std::string ground_square_park(const test::TempDir& dir) {
    test::LayerFixture l;
    l.crs =
        "+proj=tmerc +lat_0=13.75 +lon_0=100.5 +k=1 +x_0=0 +y_0=0 +datum=WGS84 +units=m "
        "+no_defs +type=crs";
    l.fields = {{"public", OFTString}};
    l.features = {{"POLYGON ((-50 -50,50 -50,50 50,-50 50,-50 -50))", {"yes"}}};
    return write_layer(dir, "ground.gpkg", l);
}

TEST(AccessAreas, BuffersAreGroundDistancesOnTheEllipsoid) {
    // The 300 m buffer of a 100 m ground square, whatever the CRS of the image: its geodesic area
    // (reference: support/geodesic_reference) is the inscribed-32-gon figure buffered_rect(100,
    // 100, 300). In Web Mercator at 13.75 N a plane 300 m is 300 / 1.03 ground m (sec phi):
    // the planar convention's buffer is 5 % smaller there.
    test::TempDir dir;
    const std::string path = ground_square_park(dir);
    const double expected = buffered_rect(100, 100, 300);
    for (const char* crs : {"EPSG:3857", "EPSG:32647", "EPSG:6933", "EPSG:4326"}) {
        const test::GeodesicReference target(crs);
        const GreenLayer g = read_green_layer({path, "", "", {}, "public", {"yes"}}, crs);
        const MultiPolygon zone = box_in(target, 100.45, 13.70, 100.55, 13.80);
        AccessReport report;
        const auto a = access_areas(g, {zone}, crs, access_options(kEllipsoidal), &report);
        const double step = std::string(crs) == "EPSG:4326" ? 5e-5 : 5.0;
        EXPECT_NEAR(target.area(a.at(0), step) / expected, 1.0, 1e-6) << crs;
        EXPECT_NE(report.work_crs.find("transverse Mercator centred at 100.5"), std::string::npos)
            << report.work_crs;
        EXPECT_EQ(report.notes.size(), std::string(crs) == "EPSG:4326" ? 1u : 0u) << crs;
        if (std::string(crs) == "EPSG:3857") {
            const auto planar = access_areas(g, {zone}, crs, planar_access());
            EXPECT_LT(target.area(planar.at(0), step) / expected, 0.96);
        }
    }
}

TEST(GreenPolygons, ManyPolygonsManyZonesUseTheIndex) {
    // 10,000 overlapping 30 x 30 m squares on a 20 m grid over 2 km x 2 km, 100 zones of
    // 200 x 200 m: per-zone sums equal the dissolved total (nothing counted twice or lost).
    test::TempDir dir;
    test::LayerFixture l;
    l.geometry_type = wkbPolygon;
    for (int i = 0; i < 100; ++i)
        for (int j = 0; j < 100; ++j)
            if ((i + j) % 3 != 0)
                l.features.push_back({square_wkt(i * 20, j * 20, i * 20 + 30, j * 20 + 30), {}});
    const GreenLayer g =
        read_green_layer({write_layer(dir, "many.gpkg", l), "", "", {}, "", {}}, kUtm);
    std::vector<MultiPolygon> zones;
    for (int i = 0; i < 10; ++i)
        for (int j = 0; j < 10; ++j)
            zones.push_back(rect(i * 200, j * 200, i * 200 + 200, j * 200 + 200));
    const auto t0 = std::chrono::steady_clock::now();
    const auto m = green_polygons_per_zone(g, zones, kUtm, kPlanar);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    double sum = 0, outside = 0;
    for (const auto& z : m) {
        sum += z.green_polygon_area_m2;
        outside += planar_area(z.zone_outside_green);
    }
    // Squares at the top and right edges stick out of the zones by 10 m: the zones hold the
    // dissolved green minus those strips, and the zones plus what is left of them tile 2 km x 2 km.
    EXPECT_LT(sum, planar_area(g.green));
    EXPECT_GT(sum, planar_area(g.green) - 2 * 2010 * 10);
    EXPECT_NEAR(sum + outside, 2000.0 * 2000, 1e-2);
    EXPECT_LT(seconds, 30.0);
}

std::string file_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST(GreenPolygons, OlindaDemoLayerIsReproducibleAndReadable) {
    // data/olinda/green_spaces.gpkg is derived, not fetched: re-running its script must give the
    // same bytes (Debian 12's GDAL), and it must read as green spaces in the image's CRS.
    const std::string data = GG_DATA_DIR;
    const std::string committed = data + "/olinda/green_spaces.gpkg";
    test::TempDir dir;
    const std::string rebuilt = dir.file("green_spaces.gpkg");
    std::string cmd = "/usr/bin/python3 '";
    cmd.append(data).append("/../scripts/make-olinda-green-polygons.py' '").append(data);
    cmd.append("/olinda/L7_ETMs.tif' '").append(rebuilt).append("' > /dev/null 2>&1");
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
    EXPECT_EQ(file_bytes(rebuilt), file_bytes(committed))
        << "re-run scripts/make-olinda-green-polygons.py and commit data/olinda/green_spaces.gpkg";

    const std::string crs = RasterSource::open(data + "/olinda/L7_ETMs.tif").info().crs_wkt;
    const GreenLayer g = read_green_layer(
        {committed, "green_spaces", "category", {"vegetation"}, "public", {"yes"}}, crs);
    EXPECT_EQ(g.features_kept, 198u);  // the script's own count
    EXPECT_EQ(g.public_features, 0u);  // public=unknown
    EXPECT_EQ(g.repaired_count, 0);
    // Polygonised pixels do not overlap: the dissolved area is the sum of the 198 polygons,
    // 13.972 km2 as the script printed, a whole number of 28.5 m pixels (812.25 m2 each).
    const double area = planar_area(g.green);
    EXPECT_NEAR(area, 13.972e6, 0.0005e6);
    EXPECT_NEAR(area / 812.25, std::round(area / 812.25), 1e-6);
}

}  // namespace
}  // namespace gg
