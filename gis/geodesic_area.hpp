#pragma once
// True ground area of a polygon in m2 whatever its CRS: the geodesic area on the CRS's
// ellipsoid (PROJ's geod_polygonarea, Karney 2013), after densifying edges and transforming to
// geographic coordinates, so projected and geographic inputs give the same answer.
#include <string>
#include <vector>

namespace gg {

// wkb: a (multi)polygon in the CRS given as WKT; holes are subtracted. Throws gg::Error when
// the geometry cannot be read or transformed.
double geodesic_area_m2(const std::vector<unsigned char>& wkb, const std::string& crs_wkt);

}  // namespace gg
