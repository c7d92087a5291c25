#pragma once
// A user polygon as the rural reference of the heat island intensity (heat.suhi.reference;
// docs/methods.md 7.4): every feature of a polygon layer of any OGR source, made valid, dissolved
// into one shape and moved into the image's CRS (PROJ), with its ground area.
#include <string>
#include <vector>

#include "core/area_convention.hpp"
#include "core/geometry.hpp"

namespace gg {

struct ReferencePolygon {
    std::string where;    // the path, and the layer when there is a choice: for messages
    MultiPolygon shape;   // the dissolved features in the target CRS
    double area_m2 = 0;   // ground area of the whole polygon (gis/geodesic_area)
    size_t features = 0;  // features with a polygon
    std::vector<std::string> warnings;
};

// layer: empty for the first. Throws gg::Error with one line naming the file (and layer): a
// missing file or layer, not polygons, no CRS, no polygon at all, a geometry that cannot be
// repaired or reprojected.
ReferencePolygon read_reference_polygon(const std::string& path, const std::string& layer,
                                        const std::string& target_crs_wkt, AreaConvention areas);

// Ground area (m2) of the part of `reference` inside the union of the zones, all in crs_wkt: a
// reference that takes in the city measures the city against itself.
double reference_zones_overlap_m2(const MultiPolygon& reference,
                                  const std::vector<MultiPolygon>& zones,
                                  const std::string& crs_wkt, AreaConvention areas);

}  // namespace gg
