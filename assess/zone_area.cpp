#include "assess/zone_area.hpp"

#include "gis/geodesic_area.hpp"

namespace gg::assess {

std::optional<double> zone_area_like_pixels(const Zone& zone, const std::string& source_crs_wkt,
                                            const MultiPolygon& in_crs, const RasterInfo& info) {
    if (zone.source_wkb.empty()) return std::nullopt;
    const double area = info.geographic
                            ? geodesic_area_m2(zone.source_wkb, source_crs_wkt)
                            : planar_area(in_crs) * info.linear_unit_m * info.linear_unit_m;
    if (!(area > 0)) return std::nullopt;
    return area;
}

}  // namespace gg::assess
