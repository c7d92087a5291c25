#pragma once
// A zone's ground area measured the way a raster's pixels are (projected CRS: CRS units squared;
// geographic CRS: on the ellipsoid), so that a zone the raster covers entirely has a coverage
// share of exactly 1, and polygon areas in that CRS share the same convention.
#include <optional>
#include <string>

#include "gis/raster_source.hpp"
#include "gis/zone_reader.hpp"

namespace gg::assess {

// zone: as read (source_wkb in source_crs_wkt); in_crs: its geometry in info's CRS. Empty for a
// zone without geometry.
std::optional<double> zone_area_like_pixels(const Zone& zone, const std::string& source_crs_wkt,
                                            const MultiPolygon& in_crs, const RasterInfo& info);

}  // namespace gg::assess
