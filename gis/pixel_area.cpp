#include "gis/pixel_area.hpp"

#include <ogr_spatialref.h>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "core/error.hpp"

namespace gg {

namespace {

constexpr double kDegToRad = std::numbers::pi / 180.0;

// Area between the equator and latitude phi (radians), per radian of longitude, on the
// ellipsoid with semi-minor axis b and eccentricity e:
//   S(phi) = (b^2 / 2) [sin(phi) / (1 - e^2 sin^2 phi) + (1 / (2e)) ln((1 + e sin phi) / (1 - e sin
//   phi))]
// which is a^2 q / 2 with q of Snyder (1987), "Map Projections: A Working Manual", USGS
// Professional Paper 1395, eq. (3-12) (authalic latitude). atanh(x) = ln((1 + x)/(1 - x)) / 2
// keeps it accurate near e = 0; the sphere (e = 0) is the limit b^2 sin(phi).
// Double precision: differences of S lose about 1e-10 relative for 10 m cells, ample here.
double area_to_equator(double phi, double b, double e) {
    const double s = std::sin(phi);
    if (e < 1e-12) return b * b * s;
    const double es = e * s;
    return b * b / 2 * (s / (1 - es * es) + std::atanh(es) / e);
}

double clamp_lat(double lat_deg) {
    return std::clamp(lat_deg, -90.0, 90.0);
}

}  // namespace

double ellipsoidal_quadrangle_area(double lon0, double lon1, double lat0, double lat1, double a,
                                   double f) {
    const double b = a * (1 - f);
    const double e = std::sqrt(f * (2 - f));
    const double dlambda = std::abs(lon1 - lon0) * kDegToRad;
    const double s0 = area_to_equator(clamp_lat(lat0) * kDegToRad, b, e);
    const double s1 = area_to_equator(clamp_lat(lat1) * kDegToRad, b, e);
    return dlambda * std::abs(s1 - s0);
}

std::vector<double> pixel_row_areas(const RasterInfo& info) {
    const Grid& g = info.grid;
    const auto rows = static_cast<size_t>(std::max<int64_t>(g.rows, 0));
    if (!info.geographic)
        return std::vector<double>(rows,
                                   std::abs(g.dx * g.dy) * info.linear_unit_m * info.linear_unit_m);

    // The ellipsoid of the raster's own datum: areas on another ellipsoid differ by up to ~1e-4.
    OGRSpatialReference srs;
    if (srs.importFromWkt(info.crs_wkt.c_str()) != OGRERR_NONE)
        throw Error(info.path + ": cannot read the coordinate reference system for pixel areas");
    OGRErr err = OGRERR_NONE;
    const double a = srs.GetSemiMajor(&err);
    const double inv_f = srs.GetInvFlattening(&err);
    if (err != OGRERR_NONE || !(a > 0))
        throw Error(info.path + ": the coordinate reference system has no usable ellipsoid");
    const double f = inv_f == 0 ? 0 : 1 / inv_f;  // OGR reports a sphere as inverse flattening 0

    std::vector<double> areas(rows);
    for (size_t r = 0; r < rows; ++r) {
        const auto row = static_cast<int64_t>(r);
        areas[r] = ellipsoidal_quadrangle_area(g.x0, g.x0 + g.dx, g.cell_top(row + 1),
                                               g.cell_top(row), a, f);
    }
    return areas;
}

}  // namespace gg
