// True ground areas of polygons against independent closed forms.
#include <gtest/gtest.h>
#include <ogr_geometry.h>

#include "gis/gdal_setup.hpp"
#include "gis/geodesic_area.hpp"
#include "gis/pixel_area.hpp"

namespace gg {
namespace {

std::vector<unsigned char> wkb_of(const char* wkt) {
    init_gdal();
    OGRGeometry* g = nullptr;
    OGRGeometryFactory::createFromWkt(wkt, nullptr, &g);
    std::vector<unsigned char> out(g->WkbSize());
    g->exportToWkb(wkbNDR, out.data(), wkbVariantIso);
    OGRGeometryFactory::destroyGeometry(g);
    return out;
}

TEST(GeodesicArea, OneDegreeCellMatchesTheEllipsoidalQuadrangle) {
    // The closed form of the area between two parallels and two meridians (Snyder 1987), an
    // independent formula, on the WGS84 ellipsoid.
    const double expected =
        ellipsoidal_quadrangle_area(100, 101, 13, 14, 6378137.0, 1 / 298.257223563);
    const double area =
        geodesic_area_m2(wkb_of("POLYGON ((100 13,101 13,101 14,100 14,100 13))"), "EPSG:4326");
    EXPECT_NEAR(area / expected, 1.0, 1e-7);
}

TEST(GeodesicArea, HolesAreSubtracted) {
    const double outer =
        ellipsoidal_quadrangle_area(100, 102, 13, 15, 6378137.0, 1 / 298.257223563);
    const double inner =
        ellipsoidal_quadrangle_area(100.5, 101, 13.5, 14, 6378137.0, 1 / 298.257223563);
    const double area =
        geodesic_area_m2(wkb_of("POLYGON ((100 13,102 13,102 15,100 15,100 13),"
                                "(100.5 13.5,101 13.5,101 14,100.5 14,100.5 13.5))"),
                         "EPSG:4326");
    EXPECT_NEAR(area / (outer - inner), 1.0, 1e-7);
}

TEST(GeodesicArea, UtmSquareOnTheCentralMeridianIsScaledByTheScaleFactor) {
    // UTM 47N, 1 km square on the central meridian (x = 500 km): the map scale there is
    // k0 = 0.9996 in both directions, so the ground area is 1e6 / k0^2 m2 (Snyder 1987, TM).
    const double area = geodesic_area_m2(
        wkb_of("POLYGON ((499500 1500000,500500 1500000,500500 1501000,499500 1501000,"
               "499500 1500000))"),
        "EPSG:32647");
    EXPECT_NEAR(area / (1e6 / (0.9996 * 0.9996)), 1.0, 1e-6);
}

}  // namespace
}  // namespace gg
