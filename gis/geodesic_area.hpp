#pragma once
// True ground area of a polygon in m2 whatever its CRS: the geodesic area on the CRS's
// ellipsoid (PROJ's geod_polygonarea, Karney 2013, J. Geodesy 87:43), after densifying edges and
// transforming to geographic coordinates, so projected and geographic inputs give the same answer
// (docs/methods.md 8).
#include <memory>
#include <string>
#include <vector>

#include "core/area_convention.hpp"
#include "core/geometry.hpp"

namespace gg {

// Measures polygons given in one CRS, with the set-up (CRS parsing, the transformation to
// longitude/latitude) done once. Not thread-safe (one per thread).
// - Ellipsoidal: edges are densified (100 m in a projected CRS, 0.001 degree in a geographic one:
//   a straight edge of the CRS is a curve on the ellipsoid), transformed to longitude/latitude on
//   the same datum and measured with geod_polygonarea on its ellipsoid.
// - Planar: a projected CRS's plane area (shoelace) x linear unit^2; a geographic CRS is measured
//   on the ellipsoid all the same (square degrees are no area).
// A CRS without a geodetic datum (an engineering CRS) can only be measured in its plane.
class GroundArea {
  public:
    // Throws gg::Error when the CRS cannot be read or has no transformation to geographic
    // coordinates; what names the caller in the message.
    explicit GroundArea(const std::string& crs_wkt,
                        AreaConvention convention = AreaConvention::Ellipsoidal,
                        const std::string& what = "area");
    GroundArea(GroundArea&&) noexcept;
    GroundArea& operator=(GroundArea&&) noexcept;
    ~GroundArea();

    // True when areas are measured on the ellipsoid.
    bool geodesic() const;
    bool geographic_crs() const;
    // A (multi)polygon in the CRS; holes are subtracted. Throws gg::Error when it cannot be
    // transformed.
    double operator()(const MultiPolygon& g) const;
    // The same given as WKB (ISO or OGC); throws gg::Error when it is not a polygon.
    double wkb(const std::vector<unsigned char>& wkb) const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// wkb: a (multi)polygon in the CRS given as WKT; holes are subtracted. Throws gg::Error when
// the geometry cannot be read or transformed. (One-off: GroundArea for many geometries.)
double geodesic_area_m2(const std::vector<unsigned char>& wkb, const std::string& crs_wkt);

}  // namespace gg
